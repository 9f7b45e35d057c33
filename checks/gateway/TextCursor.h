//===- TextCursor.h - A place in configuration text, by line and column ---===//
//
// The nginx, TOML and HCL readers walk text byte by byte and must place
// every word and key exactly (1-based line, byte column) for findings and
// fix-its, and name the place of the first error they meet.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"

#include <string>

namespace mcp_cutover {

class TextCursor {
public:
  TextCursor(const std::string &Path, const std::string &Text)
      : Path(Path), Text(Text) {}

  bool atEnd() const { return Pos >= Text.size(); }
  /// Whether a byte stands `Ahead` places on.
  bool has(size_t Ahead) const { return Pos + Ahead < Text.size(); }
  /// The byte `Ahead` places on, or '\0' past the end.
  char peek(size_t Ahead = 0) const {
    return Pos + Ahead < Text.size() ? Text[Pos + Ahead] : '\0';
  }
  bool startsWith(const char *Prefix) const {
    return Text.compare(Pos, std::char_traits<char>::length(Prefix), Prefix) ==
           0;
  }
  void advance() {
    if (atEnd())
      return;
    if (Text[Pos] == '\n') {
      ++Line;
      Column = 1;
    } else {
      ++Column;
    }
    ++Pos;
  }
  void advance(size_t N) {
    for (size_t I = 0; I < N; ++I)
      advance();
  }
  /// A span that starts here (and ends here until `finish`).
  SourceSpan here() const {
    SourceSpan S;
    S.file = Path;
    S.line = S.endLine = Line;
    S.column = S.endColumn = Column;
    return S;
  }
  void finish(SourceSpan &S) const {
    S.endLine = Line;
    S.endColumn = Column;
  }
  /// "LINE:COL: " of the current place, to start an error.
  std::string at() const {
    return std::to_string(Line) + ":" + std::to_string(Column) + ": ";
  }
  static std::string at(const SourceSpan &S) {
    return std::to_string(S.line) + ":" + std::to_string(S.column) + ": ";
  }
  size_t offset() const { return Pos; }
  const std::string &text() const { return Text; }

  /// Keeps `Message` as the error unless one came first; false, so that a
  /// reader can `return Cur.fail(Cur.at() + "...")`.
  bool fail(std::string Message) {
    if (Error.empty())
      Error = std::move(Message);
    return false;
  }
  const std::string &error() const { return Error; }

private:
  const std::string &Path;
  const std::string &Text;
  size_t Pos = 0;
  unsigned Line = 1, Column = 1;
  std::string Error;
};

} // namespace mcp_cutover
