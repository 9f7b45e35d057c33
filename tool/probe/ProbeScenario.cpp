#include "tool/probe/ProbeScenario.h"
#include "tool/probe/McpEndpoint.h"
#include "tool/probe/Placeholders.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/YamlDiagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <optional>

namespace mcp_cutover {

namespace yaml = llvm::yaml;

namespace {
constexpr uint64_t MaxScenarioBytes = 1u << 20;
constexpr unsigned MaxScenarioNesting = 64;

struct Reader {
  const std::string &Path;
  llvm::SourceMgr &SM;
  std::string Problem;

  void fail(yaml::Node *N, const std::string &Message) {
    if (Problem.empty())
      Problem = yamlProblemAt(Path, SM, N, Message);
  }

  std::optional<std::string> string(yaml::Node *N, const std::string &Key) {
    auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N);
    if (!S) {
      fail(N, "'" + Key + "' takes a string");
      return std::nullopt;
    }
    llvm::SmallString<64> Storage;
    return S->getValue(Storage).str();
  }

  /// A string that findings quote as it is (a tool's name, the handle's
  /// pointer): one line, no control characters.
  std::optional<std::string> name(yaml::Node *N, const std::string &Key) {
    auto Text = string(N, Key);
    if (Text && llvm::any_of(*Text, [](char C) {
          return static_cast<unsigned char>(C) < 0x20 || C == 0x7f;
        })) {
      fail(N, "'" + Key + "' takes one line without control characters");
      return std::nullopt;
    }
    return Text;
  }

  /// A YAML value as JSON: plain scalars that read as numbers, booleans or
  /// null become those; quoted ones stay strings.
  nlohmann::json value(yaml::Node *N) {
    if (auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N)) {
      llvm::SmallString<64> Storage;
      std::string Text = S->getValue(Storage).str();
      llvm::StringRef Raw = S->getRawValue();
      if (Raw.starts_with("\"") || Raw.starts_with("'"))
        return Text;
      if (Text == "true" || Text == "false")
        return Text == "true";
      if (Text == "null" || Text == "~")
        return nullptr;
      long long Integer = 0;
      if (!llvm::StringRef(Text).getAsInteger(10, Integer))
        return Integer;
      auto Number = nlohmann::json::parse(Text, nullptr, false);
      if (Number.is_number())
        return Number;
      return Text;
    }
    if (auto *M = llvm::dyn_cast_or_null<yaml::MappingNode>(N)) {
      nlohmann::json Object = nlohmann::json::object();
      for (yaml::KeyValueNode &KV : *M) {
        auto Key = string(KV.getKey(), "key");
        if (!Key)
          return nullptr;
        Object[*Key] = value(KV.getValue());
      }
      return Object;
    }
    if (auto *Q = llvm::dyn_cast_or_null<yaml::SequenceNode>(N)) {
      nlohmann::json Array = nlohmann::json::array();
      for (yaml::Node &Element : *Q)
        Array.push_back(value(&Element));
      return Array;
    }
    if (llvm::isa_and_nonnull<yaml::NullNode>(N))
      return nullptr;
    fail(N, "this value cannot be read (anchors, aliases and tags are not "
            "supported)");
    return nullptr;
  }

  /// A call; `Handle` (the creation's only) receives its 'handle'. A YAML
  /// mapping can be walked once only, so everything is read in one pass.
  std::optional<ScenarioCall> call(yaml::Node *N, const std::string &Where,
                                   std::string *Handle = nullptr) {
    auto *M = llvm::dyn_cast_or_null<yaml::MappingNode>(N);
    if (!M) {
      fail(N, Where + " takes a mapping with 'tool' and 'arguments'");
      return std::nullopt;
    }
    ScenarioCall Call;
    for (yaml::KeyValueNode &KV : *M) {
      auto Key = string(KV.getKey(), "key");
      if (!Key)
        return std::nullopt;
      if (*Key == "tool") {
        auto Tool = name(KV.getValue(), "tool");
        if (!Tool)
          return std::nullopt;
        Call.tool = *Tool;
      } else if (*Key == "arguments") {
        Call.arguments = value(KV.getValue());
        if (!Call.arguments.is_object()) {
          fail(KV.getValue(), "'arguments' takes a mapping");
          return std::nullopt;
        }
      } else if (*Key == "handle" && Handle) {
        auto Pointer = name(KV.getValue(), "handle");
        if (!Pointer)
          return std::nullopt;
        if (!llvm::StringRef(*Pointer).starts_with("/")) {
          fail(KV.getValue(), "'handle' takes a JSON Pointer into "
                              "structuredContent, such as /basket_id");
          return std::nullopt;
        }
        *Handle = *Pointer;
      } else {
        fail(KV.getKey(), "unknown key " + quoteInput(*Key) + " in " + Where +
                              " (tool, arguments" + (Handle ? ", handle" : "") +
                              ")");
        return std::nullopt;
      }
    }
    if (Call.tool.empty()) {
      fail(N, Where + " names no 'tool'");
      return std::nullopt;
    }
    return Call;
  }

  void read(yaml::Node *Root, ProbeScenario &Out) {
    auto *M = llvm::dyn_cast_or_null<yaml::MappingNode>(Root);
    if (!M)
      return fail(Root, "a scenario is a mapping with 'create' and "
                        "'follow_ups'");
    yaml::Node *Create = nullptr;
    for (yaml::KeyValueNode &KV : *M) {
      auto Key = string(KV.getKey(), "key");
      if (!Key)
        return;
      if (*Key == "create") {
        Create = KV.getValue();
        auto Call = call(Create, "create", &Out.handlePointer);
        if (!Call)
          return;
        Out.create = *Call;
      } else if (*Key == "follow_ups") {
        auto *Q = llvm::dyn_cast_or_null<yaml::SequenceNode>(KV.getValue());
        if (!Q)
          return fail(KV.getValue(), "'follow_ups' takes a list of calls");
        for (yaml::Node &Element : *Q) {
          auto Call = call(&Element, "a follow-up");
          if (!Call)
            return;
          Out.followUps.push_back(*Call);
        }
      } else {
        return fail(KV.getKey(), "unknown key " + quoteInput(*Key) +
                                     " (create, follow_ups)");
      }
    }
    if (!Create)
      return fail(Root, "the scenario has no 'create' call");
    if (Out.handlePointer.empty())
      return fail(Create, "'create' says no 'handle' (a JSON Pointer into "
                          "structuredContent, such as /basket_id)");
    if (Out.followUps.empty())
      return fail(Root, "the scenario has no 'follow_ups'");
  }
};

} // namespace

std::string parseProbeScenario(const std::string &Path, const std::string &Text,
                               ProbeScenario &Out) {
  Out = ProbeScenario();
  Out.source = Path;
  if (Text.find('\0') != std::string::npos)
    return Path + ": binary file, not a scenario";
  // Its arguments go out as JSON, which holds UTF-8 only.
  if (size_t Bad = 0; !llvm::json::isUTF8(Text, &Bad)) {
    llvm::StringRef Before = llvm::StringRef(Text).take_front(Bad);
    size_t LineStart = Before.rfind('\n') + 1; // npos + 1 == 0
    return Path + ":" + std::to_string(Before.count('\n') + 1) + ":" +
           std::to_string(Bad - LineStart + 1) + ": not UTF-8 text";
  }
  if (yamlFlowNesting(Text) > MaxScenarioNesting)
    return Path + ": nested more than " + std::to_string(MaxScenarioNesting) +
           " levels deep";
  llvm::SourceMgr SM;
  FirstYamlError Syntax(SM);
  yaml::Stream Stream(Text, SM, /*ShowColors=*/false);
  Reader R{Path, SM, ""};
  unsigned Documents = 0;
  for (yaml::document_iterator It = Stream.begin(), End = Stream.end();
       It != End; ++It) {
    if (++Documents > 1) {
      R.fail(It->getRoot(), "one YAML document expected, not several");
      break;
    }
    R.read(It->getRoot(), Out);
    if (!R.Problem.empty())
      break;
    It->skip();
  }
  if (!Syntax.message().empty())
    return Path + ":" + Syntax.message();
  if (Documents == 0 && R.Problem.empty())
    return Path + ": empty file, not a scenario";
  return R.Problem;
}

std::string loadProbeScenario(const std::string &Path, ProbeScenario &Out) {
  if (!llvm::sys::fs::exists(Path))
    return Path + ": no such file";
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text, MaxScenarioBytes);
      !Problem.empty())
    return Path + ": " + Problem;
  return parseProbeScenario(Path, Text, Out);
}

nlohmann::json withHandle(const nlohmann::json &Arguments,
                          const std::string &Handle) {
  if (Arguments.is_string())
    return fillPlaceholder(Arguments.get<std::string>(), "{{handle}}", Handle);
  if (Arguments.is_object() || Arguments.is_array()) {
    nlohmann::json Out = Arguments;
    for (auto &Element : Out)
      Element = withHandle(Element, Handle);
    return Out;
  }
  return Arguments;
}

namespace {
/// A value of the schema's type for a required argument the probe must
/// fill in.
nlohmann::json sampleOf(const nlohmann::json &Schema) {
  if (!Schema.is_object())
    return "probe";
  if (Schema.contains("enum") && Schema["enum"].is_array() &&
      !Schema["enum"].empty())
    return Schema["enum"][0];
  if (Schema.contains("default"))
    return Schema["default"];
  std::string Type = textMember(Schema, "type", "string");
  if (Type == "integer" || Type == "number")
    return 1;
  if (Type == "boolean")
    return false;
  if (Type == "array")
    return nlohmann::json::array();
  if (Type == "object")
    return nlohmann::json::object();
  return "probe";
}

std::vector<std::string> requiredOf(const nlohmann::json &Schema) {
  std::vector<std::string> Names;
  if (Schema.is_object() && Schema.contains("required") &&
      Schema["required"].is_array())
    for (const nlohmann::json &Name : Schema["required"])
      if (Name.is_string())
        Names.push_back(Name.get<std::string>());
  return Names;
}
} // namespace

std::optional<ProbeScenario> inferScenario(const nlohmann::json &Tools) {
  if (!Tools.is_array())
    return std::nullopt;
  for (const nlohmann::json &Creator : Tools) {
    if (!Creator.is_object() || !Creator.contains("outputSchema"))
      continue;
    const nlohmann::json &Output = Creator["outputSchema"];
    if (!Output.is_object() || !Output.contains("properties") ||
        !Output["properties"].is_object() ||
        !requiredOf(Creator.value("inputSchema", nlohmann::json())).empty())
      continue;
    for (const auto &[Handle, Schema] : Output["properties"].items()) {
      llvm::StringRef Name(Handle);
      if (!Name.ends_with("_id") && !Name.ends_with("_handle"))
        continue;
      ProbeScenario S;
      S.source = "inferred from tools/list";
      S.create.tool = textMember(Creator, "name");
      S.handlePointer = "/" + Handle;
      for (const nlohmann::json &Tool : Tools) {
        if (!Tool.is_object())
          continue;
        nlohmann::json Input = Tool.value("inputSchema", nlohmann::json());
        std::vector<std::string> Required = requiredOf(Input);
        if (std::find(Required.begin(), Required.end(), Handle) ==
            Required.end())
          continue;
        ScenarioCall Call;
        Call.tool = textMember(Tool, "name");
        for (const std::string &Argument : Required) {
          nlohmann::json Property;
          if (Input.contains("properties") && Input["properties"].is_object())
            Property = Input["properties"].value(Argument, nlohmann::json());
          Call.arguments[Argument] = Argument == Handle
                                         ? nlohmann::json("{{handle}}")
                                         : sampleOf(Property);
        }
        S.followUps.push_back(Call);
      }
      if (!S.followUps.empty() && !S.create.tool.empty())
        return S;
    }
  }
  return std::nullopt;
}

} // namespace mcp_cutover
