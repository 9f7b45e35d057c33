#include "checks/gateway/NginxConfigReader.h"

#include "checks/gateway/TextCursor.h"

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
  Lexer(const std::string &Path, const std::string &Text) : Cur(Path, Text) {}

  /// The next token; false at the end of the text or on an error.
  bool next(Token &T, std::string &Error) {
    skipSpaceAndComments();
    if (Cur.atEnd())
      return false;
    T = Token();
    T.span = Cur.here();
    char C = Cur.peek();
    if (C == ';' || C == '{' || C == '}') {
      T.kind = C == ';' ? Token::End : C == '{' ? Token::Open : Token::Close;
      T.text = std::string(1, C);
      Cur.advance();
      Cur.finish(T.span);
      return true;
    }
    if (C == '"' || C == '\'') {
      Cur.advance();
      while (!Cur.atEnd() && Cur.peek() != C) {
        if (Cur.peek() == '\\' && Cur.has(1))
          Cur.advance();
        T.text.push_back(Cur.peek());
        Cur.advance();
      }
      if (Cur.atEnd()) {
        Error = TextCursor::at(T.span) + "a quoted word does not end";
        return false;
      }
      Cur.advance();
      T.quoted = true;
      Cur.finish(T.span);
      return true;
    }
    while (!Cur.atEnd()) {
      C = Cur.peek();
      if (llvm::isSpace(C) || C == ';' || C == '{' || C == '}' ||
          (C == '#' && T.text.empty()))
        break;
      // ${name}: the braces belong to the variable, not to a block.
      if (C == '$' && Cur.peek(1) == '{') {
        size_t Close = Cur.text().find('}', Cur.offset());
        if (Close == std::string::npos) {
          Error = Cur.at() + "a ${variable} does not end";
          return false;
        }
        while (Cur.offset() <= Close) {
          T.text.push_back(Cur.peek());
          Cur.advance();
        }
        continue;
      }
      if (C == '\\' && Cur.has(1)) {
        Cur.advance();
        C = Cur.peek();
      }
      T.text.push_back(C);
      Cur.advance();
    }
    Cur.finish(T.span);
    return true;
  }

  /// The Lua code of a `*_by_lua_block { ... }` after its `{`, to the
  /// matching `}` (consumed; `Close` is where it stands): nginx hands it to
  /// Lua unread, and Lua's strings, comments and tables are not nginx's.
  bool luaBlock(std::string &Code, SourceSpan &Close, std::string &Error) {
    std::string Start = Cur.at();
    unsigned Depth = 1;
    auto Take = [&] {
      Code.push_back(Cur.peek());
      Cur.advance();
    };
    // `[[` or `[==[` `Ahead` places on: the number of `=`, or -1.
    auto LongBracket = [&](size_t Ahead) -> long {
      if (Cur.peek(Ahead) != '[')
        return -1;
      size_t I = Ahead + 1;
      while (Cur.peek(I) == '=')
        ++I;
      return Cur.peek(I) == '[' ? long(I - Ahead - 1) : -1;
    };
    auto SkipLong = [&](long Level) {
      std::string End = "]" + std::string(size_t(Level), '=') + "]";
      size_t Found = Cur.text().find(End, Cur.offset());
      size_t Stop =
          Found == std::string::npos ? Cur.text().size() : Found + End.size();
      while (Cur.offset() < Stop)
        Take();
    };
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (C == '-' && Cur.peek(1) == '-') {
        if (long L = LongBracket(2); L >= 0) {
          SkipLong(L);
          continue;
        }
        while (!Cur.atEnd() && Cur.peek() != '\n')
          Take();
        continue;
      }
      if (long L = LongBracket(0); L >= 0) {
        SkipLong(L);
        continue;
      }
      if (C == '"' || C == '\'') {
        Take();
        while (!Cur.atEnd() && Cur.peek() != C && Cur.peek() != '\n') {
          if (Cur.peek() == '\\' && Cur.has(1))
            Take();
          Take();
        }
        if (!Cur.atEnd() && Cur.peek() == C)
          Take();
        continue;
      }
      if (C == '{')
        ++Depth;
      if (C == '}' && --Depth == 0) {
        Close = Cur.here();
        Cur.advance();
        Cur.finish(Close);
        return true;
      }
      Take();
    }
    Error = Start + "a Lua block does not end";
    return false;
  }

  SourceSpan here() const { return Cur.here(); }

private:
  void skipSpaceAndComments() {
    while (!Cur.atEnd()) {
      if (llvm::isSpace(Cur.peek())) {
        Cur.advance();
      } else if (Cur.peek() == '#') {
        while (!Cur.atEnd() && Cur.peek() != '\n')
          Cur.advance();
      } else {
        break;
      }
    }
  }

  TextCursor Cur;
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
        Error = TextCursor::at(T.span) + "unexpected \";\"";
        return std::nullopt;
      }
      Current.span.endLine = T.span.endLine;
      Current.span.endColumn = T.span.endColumn;
      if (Current.name() == "include")
        File.notes.push_back(
            TextCursor::at(Current.span) + "include " +
            (Current.words.size() > 1 ? Current.words[1].text : "") +
            " is not followed; name those files to analyse them too");
      Sink().push_back(std::move(Current));
      Current = ProxyDirective();
      break;
    case Token::Open:
      if (Current.words.empty()) {
        Error = TextCursor::at(T.span) + "unexpected \"{\"";
        return std::nullopt;
      }
      if (Open.size() >= MaxDepth) {
        Error = TextCursor::at(T.span) + "blocks nest deeper than " +
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
        Error = TextCursor::at(T.span) + "directive \"" + Current.name() +
                "\" has no \";\" before \"}\"";
        return std::nullopt;
      }
      if (Open.empty()) {
        Error = TextCursor::at(T.span) + "unexpected \"}\"";
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
    Error = TextCursor::at(Current.span) + "directive \"" + Current.name() +
            "\" has no \";\" before the end of the file";
    return std::nullopt;
  }
  if (!Open.empty()) {
    Error = TextCursor::at(Open.back().span) + "block \"" + Open.back().name() +
            "\" has no \"}\" before the end of the file";
    return std::nullopt;
  }
  return File;
}

} // namespace mcp_cutover
