#include "checks/gateway/YamlConfigReader.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/YamlDiagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace mcp_cutover {

namespace yaml = llvm::yaml;

namespace {

/// Deeper than any manifest: the parser and this reader recurse per level.
constexpr unsigned MaxDepth = 64;

/// Block nesting costs the parser a level per indentation step or `- `
/// item (`- - - x` nests three sequences): a line may open at most this
/// many columns of it.
constexpr unsigned MaxBlockIndent = 1024;

/// The widest run of indentation and `- ` items before a line's content.
unsigned blockIndent(llvm::StringRef Text) {
  unsigned Widest = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    unsigned Width = 0;
    for (char C : Line) {
      if (C != ' ' && C != '\t' && C != '-')
        break;
      ++Width;
    }
    Widest = std::max(Widest, Width);
  }
  return Widest;
}

class Walker {
public:
  Walker(const std::string &Path, llvm::SourceMgr &SM, ProxyConfig &Out)
      : Path(Path), SM(SM), Out(Out) {}

  void node(yaml::Node *N, std::vector<std::string> &Keys, unsigned Depth) {
    if (!N || Depth > MaxDepth)
      return;
    if (auto *Map = llvm::dyn_cast<yaml::MappingNode>(N)) {
      unsigned Mapping = ++Mappings;
      for (yaml::KeyValueNode &KV : *Map) {
        auto *Key = llvm::dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
        if (!Key)
          continue;
        llvm::SmallString<64> Storage;
        ConfigEntry E;
        E.path = Keys;
        E.key = Key->getValue(Storage).str();
        E.span = spanOf(Key);
        E.document = Document;
        E.mapping = Mapping;
        yaml::Node *Value = KV.getValue();
        E.scalar = scalarOf(Value, E.value);
        E.extent = E.span;
        if (E.scalar && Value) {
          SourceSpan V = spanOf(Value);
          E.extent.endLine = V.endLine;
          E.extent.endColumn = V.endColumn;
        }
        std::string KeyText = E.key;
        Out.entries.push_back(std::move(E));
        if (!Out.entries.back().scalar) {
          Keys.push_back(KeyText);
          node(Value, Keys, Depth + 1);
          Keys.pop_back();
        }
      }
      return;
    }
    if (auto *Seq = llvm::dyn_cast<yaml::SequenceNode>(N)) {
      unsigned Mapping = ++Mappings;
      for (yaml::Node &Item : *Seq) {
        ConfigEntry E;
        E.path = Keys;
        E.span = spanOf(&Item);
        E.document = Document;
        E.mapping = Mapping;
        E.scalar = scalarOf(&Item, E.value);
        Out.entries.push_back(std::move(E));
        if (!Out.entries.back().scalar) {
          Keys.emplace_back("-");
          node(&Item, Keys, Depth + 1);
          Keys.pop_back();
        }
      }
    }
  }

  unsigned Document = 0;

private:
  static bool scalarOf(yaml::Node *N, std::string &Value) {
    llvm::SmallString<64> Storage;
    if (auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N)) {
      Value = S->getValue(Storage).str();
      return true;
    }
    if (auto *B = llvm::dyn_cast_or_null<yaml::BlockScalarNode>(N)) {
      Value = B->getValue().str();
      return true;
    }
    return false;
  }

  SourceSpan spanOf(yaml::Node *N) const {
    SourceSpan S;
    S.file = Path;
    S.line = S.endLine = 1;
    S.column = S.endColumn = 1;
    llvm::SMRange R = N ? N->getSourceRange() : llvm::SMRange();
    if (!R.Start.isValid() || SM.FindBufferContainingLoc(R.Start) == 0)
      return S;
    std::tie(S.line, S.column) = SM.getLineAndColumn(R.Start);
    std::tie(S.endLine, S.endColumn) = SM.getLineAndColumn(R.Start);
    if (R.End.isValid() && SM.FindBufferContainingLoc(R.End) != 0)
      std::tie(S.endLine, S.endColumn) = SM.getLineAndColumn(R.End);
    return S;
  }

  const std::string &Path;
  llvm::SourceMgr &SM;
  ProxyConfig &Out;
  unsigned Mappings = 0;
};

} // namespace

std::optional<ProxyConfig> readYamlConfig(const std::string &Path,
                                          const std::string &Text,
                                          std::string &Error) {
  if (yamlFlowNesting(Text) > MaxDepth) {
    Error = "1:1: [ and { nested more than " + std::to_string(MaxDepth) +
            " levels deep";
    return std::nullopt;
  }
  if (blockIndent(Text) > MaxBlockIndent) {
    Error = "1:1: a line indented more than " + std::to_string(MaxBlockIndent) +
            " columns";
    return std::nullopt;
  }
  ProxyConfig File;
  File.path = Path;
  File.kind = ProxyKind::Yaml;
  llvm::SourceMgr SM;
  FirstYamlError Diagnostic(SM);
  yaml::Stream Stream(Text, SM, /*ShowColors=*/false);
  Walker W(Path, SM, File);
  for (yaml::document_iterator It = Stream.begin(), End = Stream.end();
       It != End; ++It) {
    std::vector<std::string> Keys;
    W.node(It->getRoot(), Keys, 0);
    if (!Diagnostic.message().empty())
      break;
    It->skip();
    ++W.Document;
  }
  if (!Diagnostic.message().empty()) {
    Error = Diagnostic.message();
    return std::nullopt;
  }
  return File;
}

} // namespace mcp_cutover
