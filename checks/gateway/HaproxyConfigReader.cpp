#include "checks/gateway/HaproxyConfigReader.h"

#include "llvm/ADT/StringExtras.h"

#include <array>

namespace mcp_cutover {

bool isHaproxySection(const std::string &Word) {
  static const std::array<const char *, 17> Sections = {
      "global",    "defaults", "frontend",  "backend",     "listen", "peers",
      "resolvers", "userlist", "program",   "http-errors", "ring",   "mailers",
      "cache",     "fcgi-app", "crt-store", "log-forward", "traces"};
  for (const char *S : Sections)
    if (Word == S)
      return true;
  return false;
}

std::optional<ProxyConfig> readHaproxyConfig(const std::string &Path,
                                             const std::string &Text,
                                             std::string &Error) {
  ProxyConfig File;
  File.path = Path;
  File.kind = ProxyKind::Haproxy;
  ProxyDirective *Section = nullptr;
  unsigned Line = 1;
  size_t Pos = 0;
  while (Pos <= Text.size()) {
    size_t LineEnd = Text.find('\n', Pos);
    if (LineEnd == std::string::npos)
      LineEnd = Text.size();
    ProxyDirective D;
    size_t I = Pos;
    auto Column = [&](size_t At) { return unsigned(At - Pos + 1); };
    while (I < LineEnd) {
      char C = Text[I];
      if (llvm::isSpace(C)) {
        ++I;
        continue;
      }
      if (C == '#')
        break;
      ProxyWord W;
      W.span.file = Path;
      W.span.line = W.span.endLine = Line;
      W.span.column = Column(I);
      // A word runs to white space or a comment, through quotes.
      while (I < LineEnd && !llvm::isSpace(Text[I]) && Text[I] != '#') {
        char Q = Text[I];
        if (Q == '"' || Q == '\'') {
          size_t Open = I++;
          while (I < LineEnd && Text[I] != Q) {
            if (Q == '"' && Text[I] == '\\' && I + 1 < LineEnd)
              ++I;
            W.text.push_back(Text[I++]);
          }
          if (I >= LineEnd) {
            Error = std::to_string(Line) + ":" + std::to_string(Column(Open)) +
                    ": a quoted word does not end on its line";
            return std::nullopt;
          }
          ++I;
          W.endsInQuote = true;
          continue;
        }
        if (Q == '\\' && I + 1 < LineEnd)
          ++I;
        W.text.push_back(Text[I++]);
        W.endsInQuote = false;
      }
      W.span.endColumn = Column(I);
      D.words.push_back(std::move(W));
    }
    if (!D.words.empty()) {
      D.span = D.words.front().span;
      D.span.endColumn = D.words.back().span.endColumn;
      if (isHaproxySection(D.name())) {
        D.block = true;
        File.directives.push_back(std::move(D));
        Section = &File.directives.back();
      } else if (Section) {
        Section->span.endLine = D.span.endLine;
        Section->span.endColumn = D.span.endColumn;
        Section->children.push_back(std::move(D));
      } else {
        File.directives.push_back(std::move(D));
      }
    }
    ++Line;
    Pos = LineEnd + 1;
  }
  return File;
}

} // namespace mcp_cutover
