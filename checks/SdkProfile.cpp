#include "checks/SdkProfile.h"

#include "checks/utils/InputLimits.h"
#include "rules/EmbeddedFile.h"

#include "llvm/Support/MemoryBuffer.h"

#include <set>
#include <stdexcept>

namespace mcp_cutover {

using Json = nlohmann::ordered_json;

bool namePatternMatches(const std::string &Pattern,
                        const std::string &QualifiedName) {
  if (Pattern.empty())
    return false;
  if (Pattern == QualifiedName)
    return true;
  return QualifiedName.size() > Pattern.size() + 2 &&
         QualifiedName.compare(QualifiedName.size() - Pattern.size(),
                               Pattern.size(), Pattern) == 0 &&
         QualifiedName.compare(QualifiedName.size() - Pattern.size() - 2, 2,
                               "::") == 0;
}

namespace {
const std::set<std::string> Kinds = {"tool", "resource", "prompt"};
const std::set<std::string> Roles = {
    "name", "description", "inputSchema", "outputSchema", "handler", "tool"};

/// Reads one JSON object strictly: unknown keys and wrong types are errors
/// that name the JSON path, because a typo in a profile would otherwise
/// silently match nothing.
class ObjectReader {
public:
  ObjectReader(const Json &J, std::string Path, const std::string &Source)
      : J(J), Path(std::move(Path)), Source(Source) {
    if (!J.is_object())
      fail("expected an object");
  }

  [[noreturn]] void fail(const std::string &Problem) const {
    throw std::runtime_error(Source + ": " + (Path.empty() ? "" : Path + ": ") +
                             Problem);
  }

  const Json *get(const std::string &Key) {
    Seen.insert(Key);
    auto It = J.find(Key);
    return It == J.end() ? nullptr : &*It;
  }

  std::string string(const std::string &Key, bool Required = false) {
    const Json *V = get(Key);
    if (!V) {
      if (Required)
        fail("missing \"" + Key + "\"");
      return "";
    }
    if (!V->is_string() || V->get<std::string>().empty())
      failAt(Key, "expected a non-empty string");
    return V->get<std::string>();
  }

  std::string kind() {
    std::string K = string("kind");
    if (K.empty())
      return "tool";
    if (!Kinds.count(K))
      failAt("kind", "expected tool, resource or prompt, not " + quoteInput(K));
    return K;
  }

  std::vector<std::string> strings(const std::string &Key) {
    std::vector<std::string> Out;
    const Json *V = get(Key);
    if (!V)
      return Out;
    if (V->is_string()) {
      Out.push_back(V->get<std::string>());
      return Out;
    }
    if (!V->is_array())
      failAt(Key, "expected a string or an array of strings");
    for (const Json &E : *V) {
      if (!E.is_string() || E.get<std::string>().empty())
        failAt(Key, "expected non-empty strings");
      Out.push_back(E.get<std::string>());
    }
    return Out;
  }

  RoleNames roles(const std::string &Key) {
    RoleNames Out;
    const Json *V = get(Key);
    if (!V)
      return Out;
    ObjectReader R(*V, join(Key), Source);
    for (const auto &[Role, Names] : V->items()) {
      if (!Roles.count(Role))
        R.fail("unknown role " + quoteInput(Role) +
               " (expected name, description, inputSchema, outputSchema, "
               "handler or tool)");
      Out[Role] = R.strings(Role);
    }
    return Out;
  }

  const Json &array(const std::string &Key) {
    static const Json Empty = Json::array();
    const Json *V = get(Key);
    if (!V)
      return Empty;
    if (!V->is_array())
      failAt(Key, "expected an array");
    return *V;
  }

  ObjectReader element(const std::string &Key, size_t I, const Json &E) const {
    return ObjectReader(E, join(Key) + "[" + std::to_string(I) + "]", Source);
  }

  /// Call last: rejects keys nobody asked for.
  void finish() const {
    for (const auto &[Key, V] : J.items())
      if (!Seen.count(Key))
        fail("unknown key " + quoteInput(Key));
  }

private:
  std::string join(const std::string &Key) const {
    return Path.empty() ? Key : Path + "." + Key;
  }
  [[noreturn]] void failAt(const std::string &Key,
                           const std::string &Problem) const {
    throw std::runtime_error(Source + ": " + join(Key) + ": " + Problem);
  }

  const Json &J;
  std::string Path;
  const std::string &Source;
  std::set<std::string> Seen;
};

BuilderMethod parseBuilderMethod(ObjectReader R) {
  BuilderMethod M;
  M.name = R.string("name", true);
  M.sets = R.string("sets");
  if (!M.sets.empty() && M.sets != "description")
    R.fail("\"sets\" must be \"description\"");
  M.parameter = R.string("parameter");
  if (const Json *P = R.get("property")) {
    if (!P->is_object())
      R.fail("\"property\" must be a JSON Schema object");
    M.property = *P;
  }
  M.nameParameter = R.string("nameParameter");
  M.descriptionParameter = R.string("descriptionParameter");
  M.requiredParameter = R.string("requiredParameter");
  M.itemTypeParameter = R.string("itemTypeParameter");
  M.propertiesParameter = R.string("propertiesParameter");
  if (M.sets.empty() && M.property.is_null())
    R.fail("a method either \"sets\" the description or adds a "
           "\"property\"");
  if (!M.property.is_null() && M.nameParameter.empty())
    R.fail("a method that adds a property needs \"nameParameter\"");
  R.finish();
  return M;
}
} // namespace

SdkProfile SdkProfileSet::parse(const std::string &Text,
                                const std::string &Source) {
  // Before parsing: the profile's JSON Schemas are copied and walked
  // recursively, and nlohmann builds a node per value.
  if (std::string Problem = checkJsonShape(Text); !Problem.empty())
    throw std::runtime_error(Source + ": " + Problem);
  Json J = Json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    throw std::runtime_error(Source + ": not valid JSON");
  ObjectReader R(J, "", Source);
  SdkProfile P;
  P.source = Source;
  if (const Json *V = R.get("profileVersion"); !V || *V != 1)
    R.fail("\"profileVersion\" must be 1");
  P.name = R.string("name", true);
  P.description = R.string("description");
  const Json &Regs = R.array("registrations");
  for (size_t I = 0; I < Regs.size(); ++I) {
    ObjectReader E = R.element("registrations", I, Regs[I]);
    RegistrationCall C;
    C.callee = E.string("callee", true);
    C.kind = E.kind();
    C.parameters = E.roles("parameters");
    if (std::string Form = E.string("inputSchemaForm"); !Form.empty()) {
      if (Form != "schema" && Form != "schema-or-simple")
        E.fail("\"inputSchemaForm\" must be \"schema\" or "
               "\"schema-or-simple\"");
      C.inputSchemaForm = Form;
    }
    if (C.parameters.empty())
      E.fail("\"parameters\" must name at least one role");
    E.finish();
    P.registrations.push_back(std::move(C));
  }
  const Json &Types = R.array("toolTypes");
  for (size_t I = 0; I < Types.size(); ++I) {
    ObjectReader E = R.element("toolTypes", I, Types[I]);
    ToolType T;
    T.type = E.string("type", true);
    T.kind = E.kind();
    T.fields = E.roles("fields");
    if (!T.fields.count("name"))
      E.fail("\"fields\" must say which field is the name");
    E.finish();
    P.toolTypes.push_back(std::move(T));
  }
  const Json &Builders = R.array("builders");
  for (size_t I = 0; I < Builders.size(); ++I) {
    ObjectReader E = R.element("builders", I, Builders[I]);
    Builder B;
    B.type = E.string("type", true);
    B.kind = E.kind();
    B.nameParameter = E.string("nameParameter", true);
    B.build = E.string("build", true);
    B.initialSchema = Json{{"type", "object"}};
    if (const Json *S = E.get("initialSchema")) {
      if (!S->is_object())
        E.fail("\"initialSchema\" must be an object");
      B.initialSchema = *S;
    }
    const Json &Methods = E.array("methods");
    for (size_t M = 0; M < Methods.size(); ++M)
      B.methods.push_back(
          parseBuilderMethod(E.element("methods", M, Methods[M])));
    B.handleParameterCall = E.string("handleParameterCall");
    E.finish();
    P.builders.push_back(std::move(B));
  }
  P.removals = R.strings("removals");
  P.listChangedCalls = R.strings("listChangedCalls");
  R.finish();
  return P;
}

SdkProfile SdkProfileSet::load(const std::string &Path) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text); !Problem.empty())
    throw std::runtime_error(
        Path + ": " +
        (llvm::StringRef(Problem).starts_with("cannot read")
             ? "cannot read SDK profile" + Problem.substr(11)
             : Problem));
  return parse(Text, Path);
}

std::shared_ptr<const SdkProfileSet> SdkProfileSet::builtin() {
  static const std::shared_ptr<const SdkProfileSet> Set = [] {
    auto S = std::make_shared<SdkProfileSet>();
    for (const EmbeddedFile *F = SdkProfileFiles; F->name; ++F)
      S->add(parse(F->text, std::string("rules/sdk/") + F->name));
    return S;
  }();
  return Set;
}

} // namespace mcp_cutover
