#include "checks/tools/ToolSchemaRules.h"

#include "checks/utils/LocationUtil.h"
#include "checks/utils/SessionNames.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>

namespace mcp_cutover {

using nlohmann::ordered_json;

HandleNaming::HandleNaming(std::vector<std::string> ExtraPatterns)
    : Sources(std::move(ExtraPatterns)) {
  std::vector<std::string> All = {
      "^[A-Za-z0-9]+(_[A-Za-z0-9]+)*_(id|handle|token|ref)$",
      "^[a-z][A-Za-z0-9]*(Id|ID|Handle|Token|Ref)$"};
  All.insert(All.end(), Sources.begin(), Sources.end());
  for (const std::string &P : All)
    Patterns.push_back(std::make_shared<llvm::Regex>(P));
}

std::string HandleNaming::validate() const {
  for (size_t I = 0; I < Sources.size(); ++I) {
    std::string Error;
    if (!Patterns[I + 2]->isValid(Error))
      return "--handle-pattern '" + Sources[I] + "': " + Error;
  }
  return "";
}

bool HandleNaming::isHandle(const std::string &Name) const {
  return llvm::any_of(Patterns, [&](const std::shared_ptr<llvm::Regex> &R) {
    return R->match(Name);
  });
}

bool HandleNaming::isDeclared(const std::string &Name) const {
  // The first two patterns are the built-in shapes.
  return std::any_of(
      Patterns.begin() + 2, Patterns.end(),
      [&](const std::shared_ptr<llvm::Regex> &R) { return R->match(Name); });
}

namespace {
/// What a creation tool creates: "basket" for create_basket, "" for a tool
/// that is not one.
std::string createdNoun(const std::string &ToolName) {
  std::vector<std::string> W = identifierWords(ToolName);
  static const char *const Verbs[] = {"create", "new", "open", "start",
                                      "begin"};
  if (W.size() < 2 || !llvm::is_contained(Verbs, W.front()))
    return "";
  W.erase(W.begin());
  return llvm::join(W, "_");
}
} // namespace

bool isCreationToolName(const std::string &Name) {
  return !createdNoun(Name).empty();
}

std::vector<std::string> toolPointers(const ordered_json &Doc,
                                      std::string &Error) {
  auto IsTool = [](const ordered_json &J) {
    return J.is_object() && J.contains("name") && J.contains("inputSchema");
  };
  auto Array = [&](const ordered_json &J, const std::string &Base) {
    std::vector<std::string> Out;
    for (size_t I = 0; I < J.size(); ++I) {
      if (!IsTool(J[I])) {
        Error = Base + "/" + std::to_string(I) +
                " is not a tool (an object with name and inputSchema)";
        return std::vector<std::string>{};
      }
      Out.push_back(Base + "/" + std::to_string(I));
    }
    return Out;
  };
  if (Doc.is_array())
    return Array(Doc, "");
  if (IsTool(Doc))
    return {""};
  if (Doc.is_object() && Doc.contains("tools") && Doc["tools"].is_array())
    return Array(Doc["tools"], "/tools");
  if (Doc.is_object() && Doc.contains("result") && Doc["result"].is_object() &&
      Doc["result"].contains("tools") && Doc["result"]["tools"].is_array())
    return Array(Doc["result"]["tools"], "/result/tools");
  Error = "not a tools/list result, a JSON-RPC response, a tool or an array "
          "of tools";
  return {};
}

namespace {

// --- Where things are ------------------------------------------------------

SourceSpan spanOf(const JsonDocument &Doc, const std::string &File,
                  JsonDocument::Range R) {
  auto [L1, C1] = Doc.lineColumn(R.begin);
  auto [L2, C2] = Doc.lineColumn(R.end);
  return {File, L1, C1, L2, C2};
}

/// The span of a value (or of its key) inside the tool; the nearest
/// enclosing one that exists otherwise. For C++ tools: the schema, or the
/// tool's name.
SourceSpan locate(const ToolContract &T, const std::string &Pointer,
                  bool Key = false) {
  if (T.document) {
    std::string P = T.pointer + Pointer;
    while (true) {
      auto R = Key ? T.document->keyRange(P) : T.document->valueRange(P);
      if (R)
        return spanOf(*T.document, T.file, *R);
      if (P.size() <= T.pointer.size())
        break;
      P = P.substr(0, P.rfind('/'));
      Key = P.size() > T.pointer.size();
    }
    return spanOf(
        *T.document, T.file,
        T.document->valueRange(T.pointer).value_or(JsonDocument::Range{}));
  }
  if (T.fact) {
    bool InSchema = llvm::StringRef(Pointer).starts_with("/inputSchema");
    if (InSchema && !T.fact->inputSchemaSpan.file.empty())
      return T.fact->inputSchemaSpan;
    return T.fact->site;
  }
  return {};
}

// --- Schema fix-its ---------------------------------------------------------

std::string jsonString(const std::string &S) { return ordered_json(S).dump(); }

/// One line, with a space after ':' and ',', as people write schemas.
std::string inlineJson(const ordered_json &V) {
  std::vector<std::string> Parts;
  if (V.is_object()) {
    for (const auto &[Key, Member] : V.items())
      Parts.push_back(jsonString(Key) + ": " + inlineJson(Member));
    return "{" + llvm::join(Parts, ", ") + "}";
  }
  if (V.is_array()) {
    for (const ordered_json &Element : V)
      Parts.push_back(inlineJson(Element));
    return "[" + llvm::join(Parts, ", ") + "]";
  }
  return V.dump();
}

std::string cppString(const std::string &S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\')
      Out += std::string("\\") + char(C);
    else if (C == '\n')
      Out += "\\n";
    else if (C < 0x20) {
      char Buffer[8];
      snprintf(Buffer, sizeof Buffer, "\\x%02x\"\"", C);
      Out += Buffer; // "" ends the escape before a following hex digit
    } else
      Out += char(C);
  }
  return Out + "\"";
}

/// The value as a nlohmann::json initializer that builds exactly it under
/// nlohmann's braced-list rule.
std::string cppJsonLiteral(const ordered_json &V) {
  std::vector<std::string> Parts;
  if (V.is_object()) {
    if (V.empty())
      return "nlohmann::json::object()";
    for (const auto &[Key, Member] : V.items())
      Parts.push_back("{" + cppString(Key) + ", " + cppJsonLiteral(Member) +
                      "}");
    return "{" + llvm::join(Parts, ", ") + "}";
  }
  if (V.is_array()) {
    bool LooksLikePairs = llvm::all_of(V, [](const ordered_json &E) {
      return E.is_array() && E.size() == 2 && E[0].is_string();
    });
    for (const ordered_json &Element : V)
      Parts.push_back(cppJsonLiteral(Element));
    std::string List = "{" + llvm::join(Parts, ", ") + "}";
    return LooksLikePairs ? "nlohmann::json::array(" + List + ")" : List;
  }
  if (V.is_string())
    return cppString(V.get<std::string>());
  if (V.is_null())
    return "nullptr";
  return V.dump();
}

/// Edits to a tool's schema where it is written, as fix-its. Pointers are
/// inside the tool object ("/inputSchema/required"). An edit that cannot
/// be made exactly voids them all: a fix-it is never a half-edit.
class SchemaEditor {
public:
  virtual ~SchemaEditor() = default;
  virtual void addMember(const std::string &Pointer, const std::string &Key,
                         const ordered_json &Value) = 0;
  virtual void addElement(const std::string &Pointer,
                          const ordered_json &Value) = 0;
  virtual void replaceValue(const std::string &Pointer,
                            const ordered_json &Value) = 0;
  virtual std::vector<FixIt> take() = 0;
};

/// Edits a JSON document in its own layout.
class JsonEditor : public SchemaEditor {
public:
  JsonEditor(const ToolContract &T) : T(T), Doc(*T.document) {}

  void addMember(const std::string &Pointer, const std::string &Key,
                 const ordered_json &Value) override {
    std::string Member = jsonString(Key) + ": " + inlineJson(Value);
    const ordered_json &Object =
        Doc.value().at(ordered_json::json_pointer(T.pointer + Pointer));
    auto R = Doc.valueRange(T.pointer + Pointer);
    if (!R)
      return; // every pointer here came from Doc; no edit without its place
    if (Object.empty()) {
      EmptyObjects[{R->begin, R->end}].push_back(Member);
      return;
    }
    std::string Last =
        JsonDocument::child(T.pointer + Pointer, std::prev(Object.end()).key());
    auto LastValue = Doc.valueRange(Last);
    auto LastKey = Doc.keyRange(Last);
    if (!LastValue || !LastKey)
      return;
    insert(LastValue->end, "," + separator(R->begin, LastKey->begin) + Member);
  }

  void addElement(const std::string &Pointer,
                  const ordered_json &Value) override {
    std::string Element = inlineJson(Value);
    const ordered_json &Array =
        Doc.value().at(ordered_json::json_pointer(T.pointer + Pointer));
    auto R = Doc.valueRange(T.pointer + Pointer);
    if (!R)
      return;
    if (Array.empty()) {
      replace(R->begin, R->end, "[" + Element + "]");
      return;
    }
    std::string Last = JsonDocument::child(T.pointer + Pointer,
                                           std::to_string(Array.size() - 1));
    auto LastValue = Doc.valueRange(Last);
    if (!LastValue)
      return;
    insert(LastValue->end,
           "," + separator(R->begin, LastValue->begin) + Element);
  }

  void replaceValue(const std::string &Pointer,
                    const ordered_json &Value) override {
    if (auto R = Doc.valueRange(T.pointer + Pointer))
      replace(R->begin, R->end, inlineJson(Value));
  }

  std::vector<FixIt> take() override {
    // Insertions at one point are joined, in the order they were made.
    for (auto &[Range, Members] : EmptyObjects)
      Edits[Range] += "{" + llvm::join(Members, ", ") + "}";
    EmptyObjects.clear();
    std::vector<FixIt> Out;
    Out.reserve(Edits.size());
    for (auto &[Range, Text] : Edits)
      Out.push_back({spanOf(Doc, T.file, {Range.first, Range.second}), Text});
    return Out;
  }

private:
  /// Between members: a newline and the last member's indentation when
  /// the container spans lines, else a space.
  std::string separator(size_t Open, size_t LastBegin) const {
    auto Indent = indentationAt(Doc.text(), LastBegin, Open);
    return Indent ? "\n" + *Indent : " ";
  }
  void insert(size_t At, const std::string &Text) { replace(At, At, Text); }
  void replace(size_t Begin, size_t End, const std::string &Text) {
    Edits[{Begin, End}] += Text;
  }

  const ToolContract &T;
  const JsonDocument &Doc;
  std::map<std::pair<size_t, size_t>, std::string> Edits;
  std::map<std::pair<size_t, size_t>, std::vector<std::string>> EmptyObjects;
};

/// Edits a C++ JSON literal's lists (ToolFact::inputSchemaLists).
class CppLiteralEditor : public SchemaEditor {
  struct ByPosition {
    bool operator()(const LiteralList *A, const LiteralList *B) const {
      return A->insertAt < B->insertAt;
    }
  };

public:
  CppLiteralEditor(const ToolFact &Fact) : Fact(Fact) {}

  void addMember(const std::string &Pointer, const std::string &Key,
                 const ordered_json &Value) override {
    add(Pointer, "{" + cppString(Key) + ", " + cppJsonLiteral(Value) + "}");
  }
  void addElement(const std::string &Pointer,
                  const ordered_json &Value) override {
    add(Pointer, cppJsonLiteral(Value));
  }
  void replaceValue(const std::string &, const ordered_json &) override {
    Failed = true; // values' own ranges are not recorded
  }
  std::vector<FixIt> take() override {
    std::vector<FixIt> Out;
    for (auto &[List, Items] : Edits) {
      std::string Text;
      for (const std::string &Item : Items)
        Text += (List->empty && Text.empty() ? ""
                 : List->empty               ? ", "
                                             : List->separator) +
                Item;
      if (!Failed)
        Out.push_back(
            {List->insertAt, List->replace ? "{" + Text + "}" : Text});
    }
    Edits.clear();
    return Out;
  }

private:
  void add(const std::string &Pointer, const std::string &Text) {
    llvm::StringRef Inside(Pointer);
    auto It = Inside.consume_front("/inputSchema")
                  ? Fact.inputSchemaLists.find(Inside.str())
                  : Fact.inputSchemaLists.end();
    if (It == Fact.inputSchemaLists.end()) {
      Failed = true;
      return;
    }
    Edits[&It->second].push_back(Text);
  }

  const ToolFact &Fact;
  /// By list; the map's lists are ordered by position, so are the fixes.
  std::map<const LiteralList *, std::vector<std::string>, ByPosition> Edits;
  bool Failed = false;
};

/// Adds `Name` to the schema's `required`, creating it when absent.
void addRequired(SchemaEditor &E, const ordered_json &Schema,
                 const std::string &Name) {
  if (Schema.contains("required") && Schema["required"].is_array())
    E.addElement("/inputSchema/required", Name);
  else
    E.addMember("/inputSchema", "required", ordered_json::array({Name}));
}

/// The editor for where the tool's schema is written, or null when it
/// cannot be edited (a builder chain, a schema built at run time).
std::unique_ptr<SchemaEditor> editorFor(const ToolContract &T) {
  if (T.document)
    return std::make_unique<JsonEditor>(T);
  if (T.fact && !T.fact->inputSchemaLists.empty())
    return std::make_unique<CppLiteralEditor>(*T.fact);
  return nullptr;
}

// --- input-schema-invalid --------------------------------------------------

const std::set<std::string> TypeNames = {"null",   "boolean", "object", "array",
                                         "number", "string",  "integer"};

void structure(const ordered_json &S, const std::string &P,
               std::vector<std::pair<std::string, std::string>> &Problems) {
  if (S.is_boolean())
    return;
  if (!S.is_object()) {
    Problems.emplace_back(P, "a schema must be an object or a boolean");
    return;
  }
  auto Sub = [&](const std::string &K) {
    structure(S[K], P + "/" + K, Problems);
  };
  auto SubMap = [&](const std::string &K) {
    if (!S[K].is_object()) {
      Problems.emplace_back(P + "/" + K, "'" + K + "' must be an object");
      return;
    }
    for (const auto &[Name, V] : S[K].items())
      structure(V, JsonDocument::child(P + "/" + K, Name), Problems);
  };
  auto SubList = [&](const std::string &K) {
    if (!S[K].is_array() || S[K].empty()) {
      Problems.emplace_back(P + "/" + K,
                            "'" + K + "' must be a non-empty array of schemas");
      return;
    }
    for (size_t I = 0; I < S[K].size(); ++I)
      structure(S[K][I], P + "/" + K + "/" + std::to_string(I), Problems);
  };
  for (const auto &[K, V] : S.items()) {
    std::string At = JsonDocument::child(P, K);
    if (K == "type") {
      bool Ok = V.is_string() && TypeNames.count(V.get<std::string>());
      if (V.is_array() && !V.empty())
        Ok = llvm::all_of(V, [](const ordered_json &T) {
          return T.is_string() && TypeNames.count(T.get<std::string>());
        });
      if (!Ok)
        Problems.emplace_back(At, "'type' must be one of null, boolean, "
                                  "object, array, number, string, integer "
                                  "(or an array of them)");
    } else if (K == "properties" || K == "patternProperties" || K == "$defs" ||
               K == "dependentSchemas") {
      SubMap(K);
    } else if (K == "required") {
      std::set<std::string> Seen;
      bool Ok = V.is_array();
      if (Ok)
        for (const ordered_json &N : V)
          Ok = Ok && N.is_string() && Seen.insert(N.get<std::string>()).second;
      if (!Ok)
        Problems.emplace_back(At, "'required' must be an array of unique "
                                  "property names");
    } else if (K == "items" && V.is_array()) {
      Problems.emplace_back(At, "an array 'items' is draft-07; JSON Schema "
                                "2020-12 uses 'prefixItems'");
    } else if (K == "items" || K == "additionalProperties" ||
               K == "unevaluatedProperties" || K == "unevaluatedItems" ||
               K == "contains" || K == "propertyNames" || K == "not" ||
               K == "if" || K == "then" || K == "else") {
      Sub(K);
    } else if (K == "prefixItems" || K == "allOf" || K == "anyOf" ||
               K == "oneOf") {
      SubList(K);
    } else if (K == "enum" && !V.is_array()) {
      Problems.emplace_back(At, "'enum' must be an array");
    } else if ((K == "minLength" || K == "maxLength" || K == "minItems" ||
                K == "maxItems" || K == "minProperties" ||
                K == "maxProperties" || K == "minContains" ||
                K == "maxContains") &&
               !(V.is_number_unsigned() ||
                 (V.is_number_integer() && V.get<int64_t>() >= 0))) {
      Problems.emplace_back(At, "'" + K + "' must be a non-negative integer");
    } else if ((K == "minimum" || K == "maximum" || K == "exclusiveMinimum" ||
                K == "exclusiveMaximum") &&
               !V.is_number()) {
      Problems.emplace_back(At, "'" + K + "' must be a number");
    } else if (K == "multipleOf" && !(V.is_number() && V.get<double>() > 0)) {
      Problems.emplace_back(At, "'multipleOf' must be a number above 0");
    } else if ((K == "title" || K == "description" || K == "pattern" ||
                K == "format" || K == "$ref" || K == "$id" || K == "$schema" ||
                K == "$anchor" || K == "$comment") &&
               !V.is_string()) {
      Problems.emplace_back(At, "'" + K + "' must be a string");
    } else if ((K == "uniqueItems" || K == "readOnly" || K == "writeOnly" ||
                K == "deprecated") &&
               !V.is_boolean()) {
      Problems.emplace_back(At, "'" + K + "' must be a boolean");
    }
  }
}

// --- x-mcp-header ----------------------------------------------------------

bool isTokenChar(char C) {
  return llvm::isAlnum(C) || llvm::StringRef("!#$%&'*+-.^_`|~").contains(C);
}

/// Every x-mcp-header annotation in a schema, with the pointer of the
/// schema that carries it.
void findHeaderAnnotations(const ordered_json &S, const std::string &P,
                           std::vector<std::string> &Out) {
  if (S.is_object()) {
    if (S.contains("x-mcp-header"))
      Out.push_back(P);
    for (const auto &[K, V] : S.items())
      findHeaderAnnotations(V, JsonDocument::child(P, K), Out);
  } else if (S.is_array()) {
    for (size_t I = 0; I < S.size(); ++I)
      findHeaderAnnotations(S[I], P + "/" + std::to_string(I), Out);
  }
}

/// Reachable from the root through `properties` keys alone.
bool reachableThroughProperties(const std::string &P) {
  llvm::StringRef Rest(P);
  if (Rest.empty())
    return false;
  while (!Rest.empty()) {
    if (!Rest.consume_front("/properties/"))
      return false;
    size_t Next = Rest.find('/');
    if (Rest.substr(0, Next).empty())
      return false;
    Rest = Next == llvm::StringRef::npos ? "" : Rest.substr(Next);
  }
  return true;
}

struct Reporter {
  std::vector<Finding> &Out;
  const std::set<std::string> &Rules;
  void add(const char *Rule, SourceSpan Span, std::string Message,
           std::vector<FixIt> Fixes = {},
           std::vector<RelatedLocation> Related = {}) {
    if (!isRuleEnabled(Rules, Rule))
      return;
    Finding F;
    F.ruleId = Rule;
    F.span = std::move(Span);
    F.message = std::move(Message);
    F.fixes = std::move(Fixes);
    F.related = std::move(Related);
    Out.push_back(std::move(F));
  }
};

const std::string HandleDescriptionWords[] = {"returned by",   "minted by",
                                              "created by",    "issued by",
                                              "obtained from", "from "};

bool mentionsLifetime(const std::string &Description) {
  std::string D = llvm::StringRef(Description).lower();
  for (const char *W : {"expire", "expiry", "lifetime", "ttl", "idle",
                        "valid for", "deleted after", "retained", "retention",
                        "time-to-live", "time to live", "until"})
    if (D.find(W) != std::string::npos)
      return true;
  return false;
}

/// "basket" for basket_id, basketId.
std::string handleStem(const std::string &Handle) {
  std::vector<std::string> W = identifierWords(Handle);
  if (W.size() > 1)
    W.pop_back();
  return llvm::join(W, "_");
}

std::string descriptionOf(const ordered_json &Property) {
  return Property.is_object() && Property.contains("description") &&
                 Property["description"].is_string()
             ? Property["description"].get<std::string>()
             : "";
}

/// A description that says the value comes from another call: "returned by
/// create_basket", "the session handle", "from open_page".
bool describedAsMinted(const std::string &Description,
                       const std::vector<ToolContract> &Tools) {
  std::string D = llvm::StringRef(Description).lower();
  for (const char *W : {"returned by", "minted by", "created by", "issued by",
                        "obtained from", "handle", "session"})
    if (D.find(W) != std::string::npos)
      return true;
  for (const ToolContract &T : Tools)
    if (!T.name.empty() &&
        D.find("from " + llvm::StringRef(T.name).lower()) != std::string::npos)
      return true;
  return false;
}

/// Numbers, booleans, arrays, objects and enumerations are chosen by the
/// caller, never opaque server-minted strings, unless the user says so.
bool isCallerChosenShape(const ordered_json &Property) {
  if (!Property.is_object())
    return false;
  if (Property.contains("enum") || Property.contains("const"))
    return true;
  const ordered_json Type = Property.value("type", ordered_json());
  return Type.is_string() && Type != "string";
}

/// Verbs that act on an object the server keeps between calls without
/// naming it: a browser page, a cursor, a conversation.
bool actsOnImplicitObject(const ToolContract &T) {
  static const char *const Verbs[] = {
      "navigate", "click",   "fill",   "select", "hover", "screenshot",
      "evaluate", "scroll",  "type",   "press",  "next",  "continue",
      "back",     "forward", "reload", "close",  "toggle"};
  for (const std::string &W : identifierWords(T.name))
    if (llvm::is_contained(Verbs, W))
      return true;
  std::string D = llvm::StringRef(T.description).lower();
  return D.find("the current ") != std::string::npos ||
         D.find("the open ") != std::string::npos ||
         D.find("the active ") != std::string::npos;
}

} // namespace

namespace {
/// tools-share-implicit-state: in each tools file (JSON alone, no C++ facts
/// to say better), a family of two or more tools whose names or
/// descriptions act on an implicit current object, in a list where no tool
/// takes anything named like an id, gets one note: a guess from names.
void reportImplicitStateFamilies(const std::vector<ToolContract> &Tools,
                                 const HandleNaming &Naming, Reporter &R) {
  std::map<const JsonDocument *, std::vector<const ToolContract *>> ByFile;
  std::set<const JsonDocument *> TakesIds;
  for (const ToolContract &T : Tools) {
    if (!T.document || T.fact)
      continue;
    if (T.inputSchemaKnown && T.inputSchema.is_object() &&
        T.inputSchema.contains("properties") &&
        T.inputSchema["properties"].is_object())
      for (const auto &[Name, V] : T.inputSchema["properties"].items())
        if (Naming.isHandle(Name))
          TakesIds.insert(T.document);
    if (actsOnImplicitObject(T))
      ByFile[T.document].push_back(&T);
  }
  for (const auto &[Document, Family] : ByFile) {
    if (Family.size() < 2 || TakesIds.count(Document))
      continue;
    std::vector<std::string> Names;
    std::vector<RelatedLocation> Related;
    for (const ToolContract *T : Family) {
      Names.push_back("'" + T->name + "'");
      if (T != Family.front())
        Related.push_back({locate(*T, "/name"), "tool '" + T->name + "'"});
    }
    R.add("tools-share-implicit-state", locate(*Family.front(), "/name"),
          "tools " + llvm::join(Names, ", ") +
              " act on an implicit current object and no tool takes an id "
              "(a guess from their names and descriptions, not from code): "
              "if they share per-process state, a round-robin balancer sends "
              "each call to an instance that may not have it; return a "
              "handle from the tool that creates the object, take it as a "
              "required argument in the others, and name it with "
              "--handle-pattern",
          {}, std::move(Related));
  }
}
} // namespace

namespace {
/// The rules on the tools of one server: what one tool returns or creates
/// is evidence only for the tools served beside it.
std::vector<Finding> checkServer(const std::vector<ToolContract> &Tools,
                                 const HandleNaming &Naming,
                                 const std::set<std::string> &EnabledRules,
                                 std::vector<ToolContractVerdict> *Verdicts) {
  std::vector<Finding> Out;
  Reporter R{Out, EnabledRules};
  if (Verdicts)
    Verdicts->assign(Tools.size(), {});

  // Which tool returns which handle (outputSchema property), and which
  // handles any tool takes: a creation tool is stateful when a later tool
  // takes a handle named for what it creates.
  std::map<std::string, std::string> ReturnedBy;
  std::set<std::string> TakenStems;
  for (const ToolContract &T : Tools) {
    if (T.outputSchemaKnown && T.outputSchema.is_object() &&
        T.outputSchema.contains("properties") &&
        T.outputSchema["properties"].is_object())
      for (const auto &[Name, V] : T.outputSchema["properties"].items())
        if (Naming.isHandle(Name))
          ReturnedBy.emplace(Name, T.name);
    if (T.inputSchemaKnown && T.inputSchema.is_object() &&
        T.inputSchema.contains("properties") &&
        T.inputSchema["properties"].is_object())
      for (const auto &[Name, V] : T.inputSchema["properties"].items())
        if (Naming.isHandle(Name))
          TakenStems.insert(handleStem(Name));
  }
  auto CreationFor = [&](const std::string &Handle) -> std::string {
    if (auto It = ReturnedBy.find(Handle); It != ReturnedBy.end())
      return It->second;
    std::string Stem = handleStem(Handle);
    for (const ToolContract &T : Tools)
      if (!Stem.empty() && createdNoun(T.name) == Stem)
        return T.name;
    return "";
  };

  for (size_t Index = 0; Index < Tools.size(); ++Index) {
    const ToolContract &T = Tools[Index];
    ToolContractVerdict V;
    V.handleStatus = T.state.empty() ? "n.a." : "unknown";
    std::string Tool = "tool '" + T.name + "'";

    if (!T.inputSchemaKnown) {
      if (Verdicts)
        (*Verdicts)[Index] = V;
      continue;
    }
    const ordered_json &S = T.inputSchema;

    // input-schema-invalid
    std::vector<std::pair<std::string, std::string>> Problems;
    if (!S.is_object())
      Problems.emplace_back("", "inputSchema must be a JSON Schema object");
    else if (!S.contains("type") || S["type"] != "object")
      Problems.emplace_back(
          S.contains("type") ? "/type" : "",
          "inputSchema must have \"type\": \"object\" (tool arguments are "
          "a JSON object)");
    if (S.is_object() || S.is_boolean())
      structure(S, "", Problems);
    for (const auto &[P, Problem] : Problems)
      R.add("input-schema-invalid", locate(T, "/inputSchema" + P),
            Tool + ": " + Problem + (P.empty() ? "" : " (at " + P + ")") +
                "; clients reject tools whose inputSchema is not a valid "
                "JSON Schema 2020-12 object schema");
    if (!S.is_object()) {
      if (Verdicts)
        (*Verdicts)[Index] = V;
      continue;
    }

    // x-mcp-header-invalid
    std::vector<std::string> Annotated;
    findHeaderAnnotations(S, "", Annotated);
    std::map<std::string, std::string> SeenHeaders;
    for (const std::string &P : Annotated) {
      const ordered_json &Owner = S.at(ordered_json::json_pointer(P));
      const ordered_json &Value = Owner["x-mcp-header"];
      SourceSpan At = locate(T, "/inputSchema" + P + "/x-mcp-header", true);
      std::string Prefix = Tool + ": x-mcp-header";
      std::string Why = "; clients drop a tool whose x-mcp-header "
                        "annotation breaks the spec";
      if (!reachableThroughProperties(P)) {
        R.add("x-mcp-header-invalid", At,
              Prefix + " at " + (P.empty() ? "the schema root" : P) +
                  " is not on a property reached from the root through "
                  "'properties' alone (not items, oneOf/anyOf/allOf/not, "
                  "if/then/else or $ref)" +
                  Why);
        continue;
      }
      if (!Value.is_string() || Value.get<std::string>().empty()) {
        R.add("x-mcp-header-invalid", At,
              Prefix + " must be a non-empty string" + Why);
        continue;
      }
      std::string Header = Value.get<std::string>();
      if (!llvm::all_of(Header, isTokenChar)) {
        R.add("x-mcp-header-invalid", At,
              Prefix + " '" + Header +
                  "' is not an RFC 9110 token (letters, digits and "
                  "!#$%&'*+-.^_`|~ only)" +
                  Why);
        continue;
      }
      ordered_json Type = Owner.value("type", ordered_json());
      if (!Type.is_string() ||
          (Type != "string" && Type != "integer" && Type != "boolean")) {
        R.add("x-mcp-header-invalid", At,
              Prefix + " '" + Header + "' is on a property of type " +
                  (Type.is_null() ? std::string("(none)") : Type.dump()) +
                  ": only string, integer and boolean properties may be "
                  "sent as headers (not number)" +
                  Why);
        continue;
      }
      std::string Lower = llvm::StringRef(Header).lower();
      if (auto [It, New] = SeenHeaders.emplace(Lower, P); !New) {
        R.add("x-mcp-header-invalid", At,
              Prefix + " '" + Header + "' repeats the header of " + It->second +
                  " (header names are case-insensitive)" + Why);
        continue;
      }
    }

    // Handles among the top-level properties.
    const ordered_json Properties =
        S.contains("properties") && S["properties"].is_object()
            ? S["properties"]
            : ordered_json::object();
    std::set<std::string> Required;
    if (S.contains("required") && S["required"].is_array())
      for (const ordered_json &N : S["required"])
        if (N.is_string())
          Required.insert(N.get<std::string>());
    bool Creation = isCreationToolName(T.name);
    std::string HandleFound;
    for (const auto &[Name, Property] : Properties.items()) {
      if (!Naming.isHandle(Name))
        continue;
      // A name is a candidate; a handle needs evidence. Strong: the user's
      // --handle-pattern, a tool of the list that returns it or is named
      // for creating it. Weak, and never for numbers or enumerations: the
      // handler keeps per-instance state (C++ facts), or the description
      // says the value comes from another call.
      std::string Minter = CreationFor(Name);
      bool Strong = Naming.isDeclared(Name) || !Minter.empty();
      bool Weak =
          !T.state.empty() || describedAsMinted(descriptionOf(Property), Tools);
      if (!Strong && !(Weak && !isCallerChosenShape(Property)))
        continue;
      if (HandleFound.empty())
        HandleFound = Name;
      std::string PropertyPointer =
          JsonDocument::child("/inputSchema/properties", Name);
      SourceSpan At = locate(T, PropertyPointer, true);
      if (Minter == T.name)
        continue; // a creation tool re-taking its own handle
      std::string Type = Property.is_object() && Property.contains("type")
                             ? Property["type"].dump()
                             : "(none)";
      if (Type != "\"string\"") {
        std::vector<FixIt> Fixes;
        if (auto E = editorFor(T); E && Property.is_object()) {
          if (Property.contains("type"))
            E->replaceValue(PropertyPointer + "/type", "string");
          else
            E->addMember(PropertyPointer, "type", "string");
          Fixes = E->take();
        }
        R.add("handle-not-string", At,
              Tool + ": handle '" + Name + "' has type " + Type +
                  "; handles are opaque strings minted by the server",
              std::move(Fixes));
      }
      if (!Required.count(Name)) {
        std::vector<FixIt> Fixes;
        if (auto E = editorFor(T)) {
          addRequired(*E, S, Name);
          Fixes = E->take();
        }
        R.add("handle-not-required", At,
              Tool + ": handle '" + Name +
                  "' is not in 'required'; without it the call cannot find "
                  "its state on another instance",
              std::move(Fixes));
      }
      std::string Description = descriptionOf(Property);
      bool Documented = false;
      if (!Minter.empty())
        Documented = Description.find(Minter) != std::string::npos;
      else
        for (const std::string &W : HandleDescriptionWords)
          Documented =
              Documented ||
              llvm::StringRef(Description).lower().find(W) != std::string::npos;
      if (!Documented)
        R.add(
            "handle-undocumented", At,
            Tool + ": handle '" + Name + "' " +
                (Description.empty() ? "has no description"
                                     : "has a description that does not "
                                       "say which tool mints it") +
                (Minter.empty() ? "" : " (it is minted by '" + Minter + "')") +
                "; say where the value comes from, e.g. \"returned by " +
                (Minter.empty() ? "create_..." : Minter) + "\"");
    }

    if (!HandleFound.empty())
      V.handle = HandleFound;
    if (!HandleFound.empty())
      V.handleStatus = Required.count(HandleFound) ? "ok" : "not required";
    else if (!T.state.empty() && !Creation)
      V.handleStatus = "missing";

    // tool-missing-handle: stateful, not a creation tool, no handle.
    if (HandleFound.empty() && !T.state.empty() && !Creation) {
      std::string Handle =
          T.proposedHandle.empty() ? "state_id" : T.proposedHandle;
      std::string Minter = CreationFor(Handle);
      std::string Description =
          "Handle returned by " +
          (Minter.empty() ? "the creation tool" : Minter) + ".";
      std::vector<FixIt> Fixes;
      if (auto E = editorFor(T)) {
        ordered_json Property = {{"type", "string"},
                                 {"description", Description}};
        if (S.contains("properties") && S["properties"].is_object())
          E->addMember("/inputSchema/properties", Handle, Property);
        else
          E->addMember("/inputSchema", "properties", {{Handle, Property}});
        addRequired(*E, S, Handle);
        Fixes = E->take();
      }
      if (Fixes.empty() && T.fact && !T.fact->handleInsertion.empty()) {
        std::string Text = T.fact->handleInsertion;
        auto Fill = [&](const std::string &Key, const std::string &Value) {
          for (size_t At; (At = Text.find(Key)) != std::string::npos;)
            Text.replace(At, Key.size(), Value);
        };
        Fill("{name}", Handle);
        Fill("{description}", Description);
        Fixes.push_back({T.fact->handleInsertionPoint, Text});
      }
      R.add("tool-missing-handle", locate(T, "/inputSchema"),
            Tool + " depends on " + llvm::join(T.state, ", ") +
                " across calls but its inputSchema has no handle; add a "
                "required string argument such as '" +
                Handle + "' and keep the state in shared storage under it",
            std::move(Fixes));
    }

    // Creation tools that mint state a later tool takes by handle.
    if (Creation) {
      std::string Noun = createdNoun(T.name);
      bool Stateful = !T.state.empty() || TakenStems.count(Noun);
      std::string Handle = Noun + "_id";
      bool Returns = false;
      for (const auto &[Name, Tool2] : ReturnedBy)
        Returns = Returns || Tool2 == T.name;
      if (Stateful)
        V.handleStatus = Returns ? "returns handle" : "not returned";
      if (Stateful && !Returns)
        R.add("handle-not-returned", locate(T, "/name"),
              Tool +
                  " creates state but its outputSchema has no handle "
                  "property; return '" +
                  Handle +
                  "' in structuredContent and declare it in outputSchema "
                  "so later calls can name what this one created");
      if (Stateful && T.descriptionKnown && !mentionsLifetime(T.description))
        R.add("handle-lifetime-undocumented", locate(T, "/description"),
              Tool + ": the description does not say how long what it "
                     "creates lives; state the durability policy, e.g. "
                     "\"expires after 24h idle\"");
    }
    if (Verdicts)
      (*Verdicts)[Index] = V;
  }
  reportImplicitStateFamilies(Tools, Naming, R);
  return Out;
}
} // namespace

std::vector<Finding>
checkToolContracts(const std::vector<ToolContract> &Tools,
                   const HandleNaming &Naming,
                   const std::set<std::string> &EnabledRules,
                   std::vector<ToolContractVerdict> *Verdicts) {
  // With C++ facts the tools (and any --tools file describing them) are one
  // server; JSON files alone are one server each (`schema a.json b.json`
  // must not pair b's create_branch with a's branchId).
  bool FromCode = llvm::any_of(
      Tools, [](const ToolContract &T) { return T.fact != nullptr; });
  std::map<std::string, std::vector<size_t>> Servers;
  for (size_t I = 0; I < Tools.size(); ++I)
    Servers[FromCode ? "" : Tools[I].file].push_back(I);
  std::vector<Finding> Out;
  if (Verdicts)
    Verdicts->assign(Tools.size(), {});
  for (const auto &[File, Indices] : Servers) {
    std::vector<ToolContract> Subset;
    for (size_t I : Indices)
      Subset.push_back(Tools[I]);
    std::vector<ToolContractVerdict> SubsetVerdicts;
    std::vector<Finding> Found =
        checkServer(Subset, Naming, EnabledRules, &SubsetVerdicts);
    Out.insert(Out.end(), std::make_move_iterator(Found.begin()),
               std::make_move_iterator(Found.end()));
    if (Verdicts)
      for (size_t J = 0; J < Indices.size(); ++J)
        (*Verdicts)[Indices[J]] = std::move(SubsetVerdicts[J]);
  }
  return Out;
}

} // namespace mcp_cutover
