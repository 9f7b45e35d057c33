#include "checks/gateway/NginxConfigReader.h"

#include "llvm/ADT/StringExtras.h"

namespace mcp_cutover {

namespace {

/// Blocks deeper than this are refused: no real configuration nests so
/// deep, and a fuzzer's `{{{{...` must not cost unbounded memory.
constexpr size_t MaxDepth = 64;

struct Token {
  enum Kind { Word, End, Open, Close } kind = Word;
  std::string text;
  SourceSpan span;
  bool quoted = false;
};

class Lexer {
public:
  Lexer(const std::string &Path, const std::string &Text)
      : Path(Path), Text(Text) {}

  /// The next token; false at the end of the text or on an error.
  bool next(Token &T, std::string &Error) {
    skipSpaceAndComments();
    if (Pos >= Text.size())
      return false;
    T = Token();
    T.span = here();
    char C = Text[Pos];
    if (C == ';' || C == '{' || C == '}') {
      T.kind = C == ';' ? Token::End : C == '{' ? Token::Open : Token::Close;
      T.text = std::string(1, C);
      advance();
      finish(T);
      return true;
    }
    if (C == '"' || C == '\'') {
      advance();
      while (Pos < Text.size() && Text[Pos] != C) {
        if (Text[Pos] == '\\' && Pos + 1 < Text.size())
          advance();
        T.text.push_back(Text[Pos]);
        advance();
      }
      if (Pos >= Text.size()) {
        Error = at(T.span) + "a quoted word does not end";
        return false;
      }
      advance();
      T.quoted = true;
      finish(T);
      return true;
    }
    while (Pos < Text.size()) {
      C = Text[Pos];
      if (llvm::isSpace(C) || C == ';' || C == '{' || C == '}' ||
          (C == '#' && T.text.empty()))
        break;
      // ${name}: the braces belong to the variable, not to a block.
      if (C == '$' && Pos + 1 < Text.size() && Text[Pos + 1] == '{') {
        size_t Close = Text.find('}', Pos);
        if (Close == std::string::npos) {
          Error = at(here()) + "a ${variable} does not end";
          return false;
        }
        while (Pos <= Close) {
          T.text.push_back(Text[Pos]);
          advance();
        }
        continue;
      }
      if (C == '\\' && Pos + 1 < Text.size()) {
        advance();
        C = Text[Pos];
      }
      T.text.push_back(C);
      advance();
    }
    finish(T);
    return true;
  }

  /// The Lua code of a `*_by_lua_block { ... }` after its `{`, to the
  /// matching `}` (consumed; `Close` is where it stands): nginx hands it to
  /// Lua unread, and Lua's strings, comments and tables are not nginx's.
  bool luaBlock(std::string &Code, SourceSpan &Close, std::string &Error) {
    SourceSpan Start = here();
    unsigned Depth = 1;
    auto LongBracket = [&](size_t At) -> long {
      // `[[` or `[==[`: the number of `=`, or -1.
      if (At >= Text.size() || Text[At] != '[')
        return -1;
      size_t I = At + 1;
      while (I < Text.size() && Text[I] == '=')
        ++I;
      return I < Text.size() && Text[I] == '[' ? long(I - At - 1) : -1;
    };
    auto SkipLong = [&](long Level) {
      std::string End = "]" + std::string(size_t(Level), '=') + "]";
      size_t Found = Text.find(End, Pos);
      size_t Stop =
          Found == std::string::npos ? Text.size() : Found + End.size();
      while (Pos < Stop)
        Code.push_back(Text[Pos]), advance();
    };
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '-' && Pos + 1 < Text.size() && Text[Pos + 1] == '-') {
        if (long L = LongBracket(Pos + 2); L >= 0) {
          SkipLong(L);
          continue;
        }
        while (Pos < Text.size() && Text[Pos] != '\n')
          Code.push_back(Text[Pos]), advance();
        continue;
      }
      if (long L = LongBracket(Pos); L >= 0) {
        SkipLong(L);
        continue;
      }
      if (C == '"' || C == '\'') {
        Code.push_back(C);
        advance();
        while (Pos < Text.size() && Text[Pos] != C && Text[Pos] != '\n') {
          if (Text[Pos] == '\\' && Pos + 1 < Text.size())
            Code.push_back(Text[Pos]), advance();
          Code.push_back(Text[Pos]);
          advance();
        }
        if (Pos < Text.size() && Text[Pos] == C)
          Code.push_back(C), advance();
        continue;
      }
      if (C == '{')
        ++Depth;
      if (C == '}' && --Depth == 0) {
        Close = here();
        advance();
        Close.endLine = Line;
        Close.endColumn = Column;
        return true;
      }
      Code.push_back(C);
      advance();
    }
    Error = at(Start) + "a Lua block does not end";
    return false;
  }

  SourceSpan here() const {
    SourceSpan S;
    S.file = Path;
    S.line = Line;
    S.column = Column;
    return S;
  }
  static std::string at(const SourceSpan &S) {
    return std::to_string(S.line) + ":" + std::to_string(S.column) + ": ";
  }

private:
  void advance() {
    if (Text[Pos] == '\n') {
      ++Line;
      Column = 1;
    } else {
      ++Column;
    }
    ++Pos;
  }
  void finish(Token &T) const {
    T.span.endLine = Line;
    T.span.endColumn = Column;
  }
  void skipSpaceAndComments() {
    while (Pos < Text.size()) {
      if (llvm::isSpace(Text[Pos])) {
        advance();
      } else if (Text[Pos] == '#') {
        while (Pos < Text.size() && Text[Pos] != '\n')
          advance();
      } else {
        break;
      }
    }
  }

  const std::string &Path;
  const std::string &Text;
  size_t Pos = 0;
  unsigned Line = 1, Column = 1;
};

} // namespace

std::optional<ProxyConfig> readNginxConfig(const std::string &Path,
                                           const std::string &Text,
                                           std::string &Error) {
  ProxyConfig File;
  File.path = Path;
  File.kind = ProxyKind::Nginx;
  Lexer Lex(Path, Text);
  // The blocks being read, innermost last; directives go to the innermost.
  std::vector<ProxyDirective> Open;
  ProxyDirective Current;
  auto Sink = [&]() -> std::vector<ProxyDirective> & {
    return Open.empty() ? File.directives : Open.back().children;
  };
  Token T;
  while (Lex.next(T, Error)) {
    switch (T.kind) {
    case Token::Word:
      if (Current.words.empty())
        Current.span = T.span;
      Current.words.push_back({T.text, T.span, T.quoted});
      break;
    case Token::End:
      if (Current.words.empty()) {
        Error = Lexer::at(T.span) + "unexpected \";\"";
        return std::nullopt;
      }
      Current.span.endLine = T.span.endLine;
      Current.span.endColumn = T.span.endColumn;
      if (Current.name() == "include")
        File.notes.push_back(
            Lexer::at(Current.span) + "include " +
            (Current.words.size() > 1 ? Current.words[1].text : "") +
            " is not followed; name those files to analyse them too");
      Sink().push_back(std::move(Current));
      Current = ProxyDirective();
      break;
    case Token::Open:
      if (Current.words.empty()) {
        Error = Lexer::at(T.span) + "unexpected \"{\"";
        return std::nullopt;
      }
      if (Open.size() >= MaxDepth) {
        Error = Lexer::at(T.span) + "blocks nest deeper than " +
                std::to_string(MaxDepth);
        return std::nullopt;
      }
      Current.block = true;
      if (llvm::StringRef(Current.name()).ends_with("_by_lua_block")) {
        // The code is one more word of the directive, not nginx's blocks.
        ProxyWord Code;
        Code.span = Lex.here();
        SourceSpan Close;
        if (!Lex.luaBlock(Code.text, Close, Error))
          return std::nullopt;
        Code.span.endLine = Close.line;
        Code.span.endColumn = Close.column;
        Current.words.push_back(std::move(Code));
        Current.span.endLine = Close.endLine;
        Current.span.endColumn = Close.endColumn;
        Sink().push_back(std::move(Current));
        Current = ProxyDirective();
        break;
      }
      Open.push_back(std::move(Current));
      Current = ProxyDirective();
      break;
    case Token::Close: {
      if (!Current.words.empty()) {
        Error = Lexer::at(T.span) + "directive \"" + Current.name() +
                "\" has no \";\" before \"}\"";
        return std::nullopt;
      }
      if (Open.empty()) {
        Error = Lexer::at(T.span) + "unexpected \"}\"";
        return std::nullopt;
      }
      ProxyDirective Block = std::move(Open.back());
      Open.pop_back();
      Block.span.endLine = T.span.endLine;
      Block.span.endColumn = T.span.endColumn;
      Sink().push_back(std::move(Block));
      break;
    }
    }
  }
  if (!Error.empty())
    return std::nullopt;
  if (!Current.words.empty()) {
    Error = Lexer::at(Current.span) + "directive \"" + Current.name() +
            "\" has no \";\" before the end of the file";
    return std::nullopt;
  }
  if (!Open.empty()) {
    Error = Lexer::at(Open.back().span) + "block \"" + Open.back().name() +
            "\" has no \"}\" before the end of the file";
    return std::nullopt;
  }
  return File;
}

} // namespace mcp_cutover
