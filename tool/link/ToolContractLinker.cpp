#include "tool/link/ToolContractLinker.h"

#include "checks/utils/SessionNames.h"
#include "tool/link/ProjectLinker.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace mcp_cutover {

std::optional<ToolFile> loadToolFile(const std::string &Path,
                                     std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Error = Path + ": cannot read: " + Buffer.getError().message();
    return std::nullopt;
  }
  if ((*Buffer)->getBufferSize() > 64u << 20) {
    Error = Path + ": larger than 64 MiB, not read";
    return std::nullopt;
  }
  return parseToolFile(Path, (*Buffer)->getBuffer().str(), Error);
}

std::optional<ToolFile> parseToolFile(const std::string &Path, std::string Text,
                                      std::string &Error) {
  std::string Problem;
  auto Doc = JsonDocument::parse(std::move(Text), Problem);
  if (!Doc) {
    Error = Path + ": not valid JSON: " + Problem;
    return std::nullopt;
  }
  std::vector<std::string> Pointers = toolPointers(Doc->value(), Problem);
  if (!Problem.empty()) {
    Error = Path + ": " + Problem;
    return std::nullopt;
  }
  return ToolFile{Path, std::move(*Doc), std::move(Pointers)};
}

std::string proposeHandleName(const std::vector<std::string> &StateNames) {
  static const std::set<std::string> Noise = {
      "session", "sessions", "by",    "per",    "map",      "table",
      "store",   "cache",    "state", "states", "data",     "m",
      "g",       "s",        "k",     "the",    "registry", "id",
      "ids",     "lookup",   "index", "all",    "active",   "current"};
  for (const std::string &Name : StateNames) {
    llvm::StringRef Last(Name);
    if (size_t Dot = Last.find_last_of(".:"); Dot != llvm::StringRef::npos)
      Last = Last.substr(Dot + 1);
    std::vector<std::string> Words;
    for (const std::string &W : identifierWords(Last))
      if (!Noise.count(W))
        Words.push_back(W);
    if (Words.empty())
      continue;
    std::string &Noun = Words.back();
    if (Noun.size() > 3 && llvm::StringRef(Noun).ends_with("ies"))
      Noun = Noun.substr(0, Noun.size() - 3) + "y";
    else if (llvm::StringRef(Noun).ends_with("sses") ||
             llvm::StringRef(Noun).ends_with("xes"))
      Noun.resize(Noun.size() - 2); // processes, boxes
    else if (Noun.size() > 3 && Noun.back() == 's' &&
             !llvm::StringRef(Noun).ends_with("ss"))
      Noun.pop_back();
    return llvm::join(Words, "_") + "_id";
  }
  return "";
}

namespace {

/// Whose members a function's "member" uses are, while following calls.
struct Receiver {
  std::string kind; ///< "this", "" (not long-lived) or a StateUse kind.
  std::string key;
  std::string name;
};

/// A use of state reached from a handler; `baseKey` is the declaration
/// (field or variable) before re-rooting at the receiver.
struct ReachedUse {
  StateUse use;
  std::string baseKey;
};

std::string fieldName(const std::string &Qualified) {
  size_t At = Qualified.rfind("::");
  return At == std::string::npos ? Qualified : Qualified.substr(At + 2);
}

class Reachability {
public:
  Reachability(const std::vector<TranslationUnitFacts> &Units,
               const std::set<std::string> &ProcessLocal)
      : ProcessLocal(ProcessLocal) {
    for (const TranslationUnitFacts &U : Units)
      for (const FunctionStateFact &F : U.functions)
        Functions.emplace(F.id, &F);
  }

  bool knows(const std::string &Id) const { return Functions.count(Id); }

  void walk(const std::string &Id, std::vector<ReachedUse> &Uses,
            std::vector<RelatedLocation> &Mutations) {
    std::set<std::string> Visited;
    walk(Id, {"this", "", ""}, 0, Visited, Uses, Mutations);
  }

private:
  void walk(const std::string &Id, const Receiver &R, unsigned Depth,
            std::set<std::string> &Visited, std::vector<ReachedUse> &Uses,
            std::vector<RelatedLocation> &Mutations) {
    auto It = Functions.find(Id);
    if (It == Functions.end() || Depth > MaxCallDepth ||
        !Visited.insert(Id + "\n" + R.kind + R.key).second)
      return;
    const FunctionStateFact &F = *It->second;
    Mutations.insert(Mutations.end(), F.listMutations.begin(),
                     F.listMutations.end());
    for (const StateUse &U : F.uses) {
      // A counter no later call can observe (a temporary file's number).
      if (ProcessLocal.count(U.stateKey))
        continue;
      ReachedUse Reached{U, U.stateKey};
      if (U.kind == "member") {
        if (R.kind.empty())
          continue; // a local object's members die with it
        if (R.kind != "this") {
          Reached.use.kind = R.kind;
          Reached.use.stateKey = R.key + "/" + U.stateKey;
          Reached.use.name = R.name + "." + fieldName(U.name);
        }
      }
      Uses.push_back(std::move(Reached));
    }
    for (const CallSite &C : F.calls) {
      Receiver Next;
      if (C.receiver == "this") {
        Next = R;
      } else if (C.receiver == "member") {
        if (R.kind == "this")
          Next = {"member", C.receiverKey, C.receiverName};
        else if (!R.kind.empty())
          Next = {R.kind, R.key + "/" + C.receiverKey,
                  R.name + "." + fieldName(C.receiverName)};
      } else if (!C.receiver.empty()) {
        Next = {C.receiver, C.receiverKey, C.receiverName};
      }
      walk(C.callee, Next, Depth + 1, Visited, Uses, Mutations);
    }
  }

  std::map<std::string, const FunctionStateFact *> Functions;
  const std::set<std::string> &ProcessLocal;
};

/// One tool's merged facts (a header's tool is seen by many TUs; a builder
/// by its build() and by the registration that names it).
std::vector<ToolFact>
mergedTools(const std::vector<TranslationUnitFacts> &Units) {
  std::map<std::string, ToolFact> BySite;
  std::vector<std::string> Order;
  for (const TranslationUnitFacts &U : Units)
    for (const ToolFact &T : U.tools) {
      auto [It, New] = BySite.emplace(T.site.key(), T);
      if (New) {
        Order.push_back(T.site.key());
        continue;
      }
      ToolFact &Kept = It->second;
      if (Kept.handler.empty() && !T.handler.empty()) {
        Kept.handler = T.handler;
        Kept.handlerSpan = T.handlerSpan;
      }
      if (!Kept.inputSchemaKnown && T.inputSchemaKnown) {
        Kept.inputSchema = T.inputSchema;
        Kept.inputSchemaKnown = true;
      }
      if (!Kept.descriptionKnown && T.descriptionKnown) {
        Kept.description = T.description;
        Kept.descriptionKnown = true;
      }
      if (!Kept.outputSchemaKnown && T.outputSchemaKnown) {
        Kept.outputSchema = T.outputSchema;
        Kept.outputSchemaKnown = true;
      }
    }
  // A dispatch branch serving a tool registered in the same file (a Tool
  // struct listed with addTool, served by `if (params.name == "x")`) is
  // that tool's handler, not a tool of its own. Another file's dispatcher
  // of the same name serves another server (a library's default tools).
  std::map<std::tuple<std::string, std::string, std::string>, ToolFact *>
      Registered;
  for (const std::string &Key : Order)
    if (ToolFact &T = BySite[Key]; !T.dispatchBranch)
      Registered.emplace(std::make_tuple(T.kind, T.name, T.site.file), &T);
  std::set<std::string> Folded; // dispatch branches that became handlers
  for (const std::string &Key : Order) {
    const ToolFact &T = BySite[Key];
    auto It = T.dispatchBranch ? Registered.find({T.kind, T.name, T.site.file})
                               : Registered.end();
    if (It == Registered.end())
      continue;
    Folded.insert(Key);
    if (It->second->handler.empty()) {
      It->second->handler = T.handler;
      It->second->handlerSpan = T.handlerSpan;
    }
  }
  // Then a catch-all handler set on the object the tool was listed on.
  for (const std::string &Key : Order)
    if (const ToolFact &C = BySite[Key]; C.catchAll)
      for (const std::string &Other : Order)
        if (ToolFact &T = BySite[Other]; !T.catchAll && T.handler.empty() &&
                                         T.kind == C.kind &&
                                         T.registrar == C.registrar) {
          T.handler = C.handler;
          T.handlerSpan = C.handlerSpan;
        }
  std::vector<ToolFact> Out;
  Out.reserve(Order.size());
  for (const std::string &Key : Order)
    if (const ToolFact &T = BySite[Key]; !T.catchAll && !Folded.count(Key))
      Out.push_back(T);
  std::sort(Out.begin(), Out.end(), [](const ToolFact &A, const ToolFact &B) {
    return A.site < B.site;
  });
  return Out;
}

std::string where(const SourceSpan &S) {
  return llvm::sys::path::filename(S.file).str() + ":" + std::to_string(S.line);
}

} // namespace

namespace {
/// in-memory-handle-store: a tool that takes its handle but keeps what the
/// handle names in this process (the session id and session-keyed state
/// are session-bound-tool's).
void reportInMemoryHandleStore(const ToolScopeRow &Row,
                               std::vector<Finding> &Findings) {
  std::vector<std::string> Memory;
  for (const std::string &State : Row.state)
    if (!llvm::StringRef(State).starts_with("the session id") &&
        !llvm::StringRef(State).starts_with("session-keyed "))
      Memory.push_back(State);
  if (Memory.empty())
    return;
  Finding F;
  F.ruleId = "in-memory-handle-store";
  F.span = Row.site;
  F.message = "tool '" + Row.name + "' takes the handle '" + Row.handle +
              "' but keeps its state in process memory (" +
              llvm::join(Memory, ", ") +
              "): behind a round-robin balancer every instance must resolve "
              "the handle, so the store must be shared (a database, Redis) "
              "before sticky sessions go";
  Findings.push_back(std::move(F));
}
} // namespace

void linkToolContracts(const std::vector<TranslationUnitFacts> &Units,
                       const std::vector<ToolFile> &Files,
                       const std::map<std::string, std::string> &SessionKeyed,
                       const std::set<std::string> &ProcessLocalCounters,
                       const HandleNaming &Naming,
                       const std::set<std::string> &EnabledRules,
                       std::vector<Finding> &Findings,
                       std::vector<ToolScopeRow> &Rows) {
  Reachability Graph(Units, ProcessLocalCounters);
  std::vector<ToolFact> Tools = mergedTools(Units);

  // What every handler reaches.
  std::vector<std::vector<ReachedUse>> Reached(Tools.size());
  std::vector<std::vector<RelatedLocation>> Mutations(Tools.size());
  std::map<std::string, std::string> WrittenBy; // state key -> tool
  for (size_t I = 0; I < Tools.size(); ++I) {
    if (Tools[I].handler.empty())
      continue;
    Graph.walk(Tools[I].handler, Reached[I], Mutations[I]);
    for (const ReachedUse &R : Reached[I])
      if (R.use.write)
        WrittenBy.emplace(R.use.stateKey, Tools[I].name);
  }

  std::vector<ToolContract> Contracts;
  std::map<std::string, size_t> ContractOfTool;
  /// Which contract each row of the scope table shows.
  std::map<size_t, size_t> ContractOfRow;
  for (size_t I = 0; I < Tools.size(); ++I) {
    const ToolFact &T = Tools[I];
    ToolScopeRow Row;
    Row.kind = T.kind;
    Row.name = T.name;
    Row.site = T.site;
    Row.handler = T.handler;
    Row.schema = T.inputSchemaKnown   ? T.schemaStyle
                 : T.inputSchemaGiven ? "unknown"
                                      : "none";

    // The state, strongest evidence first, one entry per state.
    struct Item {
      int rank;
      std::string identity;
      std::string text; ///< For the message: what the handler does.
      std::string noun; ///< For the contract: what it depends on.
      std::string name;
      SourceSpan site;
    };
    std::vector<Item> Items;
    for (const ReachedUse &R : Reached[I]) {
      const StateUse &U = R.use;
      std::string Quoted = "'" + U.name + "'";
      std::string Identity = U.kind == "session-id" ? "session-id" : U.stateKey;
      if (U.kind == "session-id")
        Items.push_back({0, Identity, "reads the session id " + Quoted,
                         "the session id", "", U.site});
      else if (SessionKeyed.count(R.baseKey))
        Items.push_back({1, Identity, "uses session-keyed " + Quoted,
                         "session-keyed " + Quoted, U.name, U.site});
      else if (U.write)
        Items.push_back(
            {2, Identity, "writes " + Quoted, Quoted, U.name, U.site});
      else if (auto W = WrittenBy.find(U.stateKey);
               W != WrittenBy.end() && W->second != T.name)
        Items.push_back(
            {3, Identity,
             "reads " + Quoted + " that tool '" + W->second + "' writes",
             Quoted, U.name, U.site});
    }
    std::stable_sort(
        Items.begin(), Items.end(),
        [](const Item &A, const Item &B) { return A.rank < B.rank; });
    {
      std::set<std::string> Seen;
      llvm::erase_if(Items, [&](const Item &It) {
        return !Seen.insert(It.identity).second;
      });
    }
    std::vector<std::string> StateNames;
    std::vector<std::string> Texts;
    Finding Bound;
    for (const Item &It : Items) {
      Row.state.push_back(It.noun + " (" + where(It.site) + ")");
      Texts.push_back(It.text + " (" + where(It.site) + ")");
      if (!It.name.empty())
        StateNames.push_back(It.name);
      if (Bound.related.size() < MaxRelatedLocations)
        Bound.related.push_back({It.site, It.text});
    }
    if (!Items.empty() && T.kind == "tool" &&
        isRuleEnabled(EnabledRules, "session-bound-tool")) {
      Bound.ruleId = "session-bound-tool";
      Bound.span = T.site;
      Bound.message = "tool '" + T.name + "' " + llvm::join(Texts, ", ") +
                      ": consecutive calls may land on different instances; "
                      "state must move behind a handle";
      Findings.push_back(std::move(Bound));
    }
    if (isRuleEnabled(EnabledRules, "list-mutation"))
      for (const RelatedLocation &M : Mutations[I]) {
        Finding F;
        F.ruleId = "list-mutation";
        F.span = M.span;
        F.message = "the handler of " + T.kind + " '" + T.name + "' " +
                    M.message +
                    " at runtime: tools/list, resources/list and prompts/list "
                    "must not vary per connection or as a side effect of "
                    "other requests; register everything at startup";
        F.related.push_back({T.site, T.kind + " '" + T.name + "'"});
        Findings.push_back(std::move(F));
      }

    if (T.kind == "tool") {
      ToolContract C;
      C.name = T.name;
      C.description = T.description;
      C.descriptionKnown = T.descriptionKnown;
      C.inputSchema = T.inputSchema;
      C.inputSchemaKnown = T.inputSchemaKnown;
      C.outputSchema = T.outputSchema;
      C.outputSchemaKnown = T.outputSchemaKnown;
      for (const Item &It : Items)
        C.state.push_back(It.noun);
      if (!C.state.empty()) {
        C.proposedHandle = proposeHandleName(StateNames);
      }
      C.fact = &Tools[I];
      ContractOfTool.emplace(T.name, Contracts.size());
      ContractOfRow[Rows.size()] = Contracts.size();
      Contracts.push_back(std::move(C));
    }
    Rows.push_back(std::move(Row));
  }

  // A tools file describes the served contract: it replaces the C++
  // schema of the tool with its name, or adds a tool the C++ did not show.
  for (const ToolFile &File : Files)
    for (const std::string &Pointer : File.pointers) {
      const nlohmann::ordered_json &J = File.document.value().at(
          nlohmann::ordered_json::json_pointer(Pointer));
      std::string Name =
          J["name"].is_string() ? J["name"].get<std::string>() : "";
      ToolContract C;
      // Only a tool of the C++ is replaced, once: two files may each serve
      // a tool of the same name (two servers' create_issue).
      if (auto It = ContractOfTool.find(Name); It != ContractOfTool.end()) {
        C = Contracts[It->second];
        // Checked from the file instead.
        Contracts[It->second].inputSchemaKnown = false;
        Contracts[It->second].outputSchemaKnown = false;
        for (auto &[Row, Contract] : ContractOfRow)
          if (Contract == It->second)
            Contract = Contracts.size();
        ContractOfTool.erase(It);
      } else {
        ToolScopeRow Row;
        Row.name = Name;
        Row.schema = "json-file";
        auto R = File.document.valueRange(Pointer);
        auto [Line, Column] = File.document.lineColumn(R ? R->begin : 0);
        Row.site = {File.path, Line, Column, Line, Column};
        ContractOfRow[Rows.size()] = Contracts.size();
        Rows.push_back(std::move(Row));
      }
      C.name = Name;
      C.fact = nullptr;
      C.document = &File.document;
      C.file = File.path;
      C.pointer = Pointer;
      C.description = J.value("description", "");
      C.descriptionKnown = J.contains("description");
      C.inputSchema = J["inputSchema"];
      C.inputSchemaKnown = true;
      C.outputSchemaKnown = true;
      C.outputSchema = J.value("outputSchema", nlohmann::ordered_json());
      Contracts.push_back(std::move(C));
    }

  std::vector<ToolContractVerdict> Verdicts;
  std::vector<Finding> SchemaFindings =
      checkToolContracts(Contracts, Naming, EnabledRules, &Verdicts);
  Findings.insert(Findings.end(), SchemaFindings.begin(), SchemaFindings.end());
  for (size_t R = 0; R < Rows.size(); ++R) {
    ToolScopeRow &Row = Rows[R];
    auto It = ContractOfRow.find(R);
    if (Row.kind != "tool" || It == ContractOfRow.end())
      continue;
    Row.handleStatus = Verdicts[It->second].handleStatus;
    Row.handle = Verdicts[It->second].handle;
    if (Row.schema == "unknown" && !Row.state.empty())
      Row.handleStatus = "unknown";
    if (Row.handleStatus == "ok" &&
        isRuleEnabled(EnabledRules, "in-memory-handle-store"))
      reportInMemoryHandleStore(Row, Findings);
  }
}

} // namespace mcp_cutover
