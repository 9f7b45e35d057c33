#include "checks/gateway/ProxyConfig.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace mcp_cutover {

ConfigText::ConfigText(const std::string &Text) : text(Text), lineStarts{0} {
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      lineStarts.push_back(I + 1);
}

std::string oneLine(const std::string &Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    if (C == '\n')
      Out += "\\n";
    else if (C == '\r')
      Out += "\\r";
    else if (static_cast<unsigned char>(C) < 0x20 || C == 0x7f)
      Out += ' ';
    else
      Out += C;
  }
  return Out;
}

namespace {
/// Deletes `Span`: its whole lines when nothing else is written on them
/// (`Whole` says whether that was so), else the span alone.
FixIt deletionOfSpan(const SourceSpan &Span, const ConfigText &File,
                     bool &Whole) {
  FixIt Fix;
  Fix.span = Span;
  Whole = false;
  const std::string &Text = File.text;
  const std::vector<size_t> &Starts = File.lineStarts;
  if (Span.line == 0 || Span.endLine > Starts.size())
    return Fix;
  size_t Begin = Starts[Span.line - 1] + Span.column - 1;
  size_t End = Starts[Span.endLine - 1] + Span.endColumn - 1;
  size_t LineBegin = Starts[Span.line - 1];
  size_t LineEnd =
      Span.endLine < Starts.size() ? Starts[Span.endLine] : Text.size();
  llvm::StringRef Before(Text.data() + LineBegin, Begin - LineBegin);
  llvm::StringRef After(Text.data() + End, LineEnd - End);
  // A trailing comment goes with the directive it explains.
  llvm::StringRef Rest = After.ltrim(" \t");
  bool AloneAfter =
      Rest.empty() || Rest == "\n" || Rest == "\r\n" || Rest.starts_with("#");
  if (Before.trim(" \t").empty() && AloneAfter) {
    Whole = true;
    // The whole lines, their line break included.
    Fix.span.column = 1;
    if (Span.endLine < Starts.size()) {
      Fix.span.endLine = Span.endLine + 1;
      Fix.span.endColumn = 1;
    } else {
      Fix.span.endColumn = unsigned(Text.size() - Starts[Span.endLine - 1] + 1);
    }
  }
  Fix.replacement = "";
  return Fix;
}
} // namespace

FixIt deletionOf(const ProxyDirective &D, const ConfigText &Text) {
  bool Whole = false;
  return deletionOfSpan(D.span, Text, Whole);
}

std::optional<FixIt> deletionOf(const ConfigEntry &E, const ConfigText &Text) {
  if (E.extent.line == 0)
    return std::nullopt;
  bool Whole = false;
  FixIt Fix = deletionOfSpan(E.extent, Text, Whole);
  if (!Whole)
    return std::nullopt;
  return Fix;
}

bool namesSessionHeader(const std::string &Word) {
  std::string Lower = llvm::StringRef(Word).lower();
  llvm::StringRef W(Lower);
  // A bare header name counts in a word that is a name or a list of names
  // ("Content-Type, Mcp-Session-Id"), not in prose ("send Mcp-Session-Id
  // no more"); a variable or a fetch (`$http_mcp_session_id`,
  // `req.hdr(mcp-session-id)`) counts anywhere.
  bool List = true;
  for (size_t I = 0; I < W.size(); ++I)
    if (llvm::isSpace(W[I]) &&
        (I == 0 || (W[I - 1] != ',' && !llvm::isSpace(W[I - 1]))))
      List = false;
  for (size_t At = W.find("mcp"); At != llvm::StringRef::npos;
       At = W.find("mcp", At + 1)) {
    llvm::StringRef From = W.drop_front(At);
    bool Dashes = From.starts_with("mcp-session-id");
    bool Underscores = From.starts_with("mcp_session_id");
    if (!Dashes && !Underscores)
      continue;
    char Before = At ? W[At - 1] : ' ';
    size_t EndAt = At + 14;
    char After = EndAt < W.size() ? W[EndAt] : ' ';
    if (llvm::isAlnum(After) || After == '-' || After == '_')
      continue;
    // $http_mcp_session_id, $sent_http_..., $cookie_mcp_session_id.
    if (Underscores && Before == '_')
      return true;
    if (Dashes && (Before == '(' || List) && !llvm::isAlnum(Before) &&
        Before != '-' && Before != '_')
      return true;
  }
  return false;
}

std::string routingHeaderName(const std::string &Word) {
  llvm::StringRef W = llvm::StringRef(Word).trim();
  if (W.equals_insensitive("mcp-method"))
    return "Mcp-Method";
  if (W.equals_insensitive("mcp-name"))
    return "Mcp-Name";
  if (W.equals_insensitive("mcp-protocol-version"))
    return "MCP-Protocol-Version";
  if (W.size() > 10 && W.starts_with_insensitive("mcp-param-"))
    return "Mcp-Param-" + W.drop_front(10).str();
  return "";
}

const ProxyWord *sessionHeaderWord(const ProxyDirective &D) {
  for (const ProxyWord &W : D.words)
    if (namesSessionHeader(W.text))
      return &W;
  return nullptr;
}

std::vector<std::string> headerList(const std::string &Value) {
  std::vector<std::string> Names;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Value).split(Parts, ',');
  for (llvm::StringRef Part : Parts) {
    llvm::SmallVector<llvm::StringRef, 4> Words;
    Part.split(Words, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef W : Words)
      if (!W.trim().empty())
        Names.push_back(W.trim().str());
  }
  return Names;
}

} // namespace mcp_cutover
