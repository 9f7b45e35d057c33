#include "checks/gateway/HclConfigReader.h"

#include "checks/gateway/TextCursor.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace mcp_cutover {

namespace {

/// Blocks, objects and tuples deeper than this are refused: the reader
/// recurses per level, and no real configuration nests so deep.
constexpr unsigned MaxDepth = 64;

bool isIdentifierStart(char C) { return llvm::isAlpha(C) || C == '_'; }
bool isIdentifierChar(char C) {
  return llvm::isAlnum(C) || C == '_' || C == '-';
}

class HclReader {
public:
  HclReader(const std::string &Path, const std::string &Text, ProxyConfig &Out)
      : Cur(Path, Text), Out(Out) {}

  bool file(std::string &Problem) {
    std::vector<std::string> Path;
    bool Read = body(Path, /*InBlock=*/false, 0);
    Problem = Cur.error();
    return Read;
  }

private:
  /// Skips spaces, comments and, when `Newlines`, line breaks.
  bool skip(bool Newlines) {
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (C == ' ' || C == '\t' || C == '\r' || (C == '\n' && Newlines)) {
        Cur.advance();
      } else if (C == '#' || (C == '/' && Cur.peek(1) == '/')) {
        while (!Cur.atEnd() && Cur.peek() != '\n')
          Cur.advance();
      } else if (C == '/' && Cur.peek(1) == '*') {
        std::string Start = Cur.at();
        Cur.advance(2);
        while (!Cur.atEnd() && !Cur.startsWith("*/"))
          Cur.advance();
        if (Cur.atEnd())
          return Cur.fail(Start + "a /* comment does not end");
        Cur.advance(2);
      } else {
        break;
      }
    }
    return true;
  }

  std::string identifier() {
    std::string Name;
    while (isIdentifierChar(Cur.peek()))
      Name.push_back(Cur.peek()), Cur.advance();
    return Name;
  }

  /// A quoted string from its `"`: its content with escapes resolved and
  /// templates (`${...}`, `%{...}`) kept as written.
  bool quoted(std::string &Value) {
    std::string Start = Cur.at();
    Cur.advance();
    while (true) {
      char C = Cur.peek();
      if (Cur.atEnd() || C == '\n')
        return Cur.fail(Start + "a string does not end on its line");
      if (C == '"') {
        Cur.advance();
        return true;
      }
      if (C == '\\') {
        char N = Cur.peek(1);
        Value.push_back(N == 'n' ? '\n' : N == 't' ? '\t' : N);
        Cur.advance(2);
        continue;
      }
      if ((C == '$' || C == '%') && Cur.peek(1) == '{') {
        if (!templateBody(Value))
          return false;
        continue;
      }
      Value.push_back(C);
      Cur.advance();
    }
  }

  /// `${ ... }` inside a string, copied as written: it may hold strings
  /// and braces of its own, and line breaks.
  bool templateBody(std::string &Value) {
    std::string Start = Cur.at();
    Value.push_back(Cur.peek());
    Value.push_back('{');
    Cur.advance(2);
    unsigned Depth = 1;
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (C == '"') {
        std::string Inner;
        if (!quoted(Inner))
          return false;
        Value += "\"" + Inner + "\"";
        continue;
      }
      Value.push_back(C);
      Cur.advance();
      if (C == '{' && ++Depth > MaxDepth)
        return Cur.fail(Start + "a template nests deeper than " +
                        std::to_string(MaxDepth));
      if (C == '}' && --Depth == 0)
        return true;
    }
    return Cur.fail(Start + "a ${ template does not end");
  }

  /// `<<EOF` (or `<<-EOF`) to the line that holds the marker alone.
  bool heredoc(std::string &Value) {
    std::string Start = Cur.at();
    Cur.advance(2);
    if (Cur.peek() == '-')
      Cur.advance();
    std::string Marker = identifier();
    while (!Cur.atEnd() && Cur.peek() != '\n')
      Cur.advance();
    Cur.advance();
    while (!Cur.atEnd()) {
      size_t Begin = Cur.offset();
      while (!Cur.atEnd() && Cur.peek() != '\n')
        Cur.advance();
      llvm::StringRef Line(Cur.text().data() + Begin, Cur.offset() - Begin);
      if (Line.trim() == Marker)
        return true;
      Value += Line.str() + "\n";
      Cur.advance();
    }
    return Cur.fail(Start + "heredoc " + Marker + " does not end");
  }

  /// An expression up to the end of its line (or, inside an object or a
  /// tuple, to the `,` or closing bracket that ends it). `Value` is the
  /// string when the expression is one string or heredoc, else its text.
  bool expression(std::string &Value, bool InCollection) {
    size_t Begin = Cur.offset();
    unsigned Depth = 0;
    unsigned Strings = 0, Others = 0;
    std::string Text;
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (Depth == 0 &&
          (C == '\n' || C == '#' || (C == '/' && Cur.peek(1) == '/') ||
           (C == '/' && Cur.peek(1) == '*') || C == '}' || C == ']' ||
           C == ')' || (C == ',' && InCollection)))
        break;
      if (C == '"') {
        std::string S;
        if (!quoted(S))
          return false;
        Text = S;
        ++Strings;
        continue;
      }
      if (C == '<' && Cur.peek(1) == '<' &&
          (isIdentifierStart(Cur.peek(2)) ||
           (Cur.peek(2) == '-' && isIdentifierStart(Cur.peek(3))))) {
        std::string S;
        if (!heredoc(S))
          return false;
        Text = S;
        ++Strings;
        break;
      }
      if (C == '(' || C == '[' || C == '{') {
        if (++Depth > MaxDepth)
          return Cur.fail(Cur.at() + "an expression nests deeper than " +
                          std::to_string(MaxDepth));
      } else if (C == ')' || C == ']' || C == '}') {
        --Depth;
      }
      if (!llvm::isSpace(C))
        ++Others;
      Cur.advance();
    }
    if (Depth != 0)
      return Cur.fail(Cur.at() + "a bracket does not close");
    if (Strings == 1 && Others == 0)
      Value = Text;
    else
      Value = llvm::StringRef(Cur.text().data() + Begin, Cur.offset() - Begin)
                  .trim()
                  .str();
    if (Value.empty() && Strings == 0)
      return Cur.fail(Cur.at() + "expected a value");
    return true;
  }

  /// Skips to the bracket that closes a `for` expression, and past it.
  bool skipToClose(char Close) {
    std::string Start = Cur.at();
    unsigned Depth = 1;
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (C == '"') {
        std::string Ignored;
        if (!quoted(Ignored))
          return false;
        continue;
      }
      Cur.advance();
      if (C == '(' || C == '[' || C == '{')
        ++Depth;
      else if ((C == ')' || C == ']' || C == '}') && --Depth == 0)
        return C == Close || Cur.fail(Start + "brackets do not match");
    }
    return Cur.fail(Start + "a bracket does not close");
  }

  /// The value after `=` (or `:` in an object) of entry `E`.
  bool value(ConfigEntry E, std::vector<std::string> &Path, unsigned Depth,
             bool InCollection) {
    if (!skip(false))
      return false;
    char C = Cur.peek();
    if (C == '{' || C == '[') {
      if (Depth >= MaxDepth)
        return Cur.fail(Cur.at() + "values nest deeper than " +
                        std::to_string(MaxDepth));
      size_t Index = Out.entries.size();
      Out.entries.push_back(E);
      Path.push_back(E.key.empty() ? "-" : E.key);
      Cur.advance();
      bool Read = C == '{' ? object(Path, Depth + 1) : tuple(Path, Depth + 1);
      Path.pop_back();
      ConfigEntry &Added = Out.entries[Index];
      Cur.finish(Added.extent);
      if (Added.key.empty())
        Added.span = Added.extent;
      return Read;
    }
    if (!expression(E.value, InCollection))
      return false;
    E.scalar = true;
    Cur.finish(E.extent);
    if (E.key.empty())
      E.span = E.extent;
    Out.entries.push_back(std::move(E));
    return true;
  }

  /// `{ key = value, "key": value }` after its `{`, and its `}`.
  bool object(std::vector<std::string> &Path, unsigned Depth) {
    unsigned Mapping = ++Mappings;
    while (true) {
      if (!skip(true))
        return false;
      if (Cur.atEnd())
        return Cur.fail(Cur.at() + "an object has no } before the end");
      if (Cur.peek() == '}') {
        Cur.advance();
        return true;
      }
      ConfigEntry E = entryHere(Path, Mapping);
      if (Cur.peek() == '"') {
        if (!quoted(E.key))
          return false;
      } else if (isIdentifierStart(Cur.peek())) {
        E.key = identifier();
      } else if (Cur.peek() == '(') {
        Cur.advance();
        if (!skipToClose(')'))
          return false;
      } else {
        return Cur.fail(Cur.at() + "expected a key in an object");
      }
      Cur.finish(E.span);
      if (!skip(false))
        return false;
      if (Cur.peek() != '=' && Cur.peek() != ':') {
        // `{ for k, v in m : k => v }`
        if (E.key == "for")
          return skipToClose('}');
        return Cur.fail(Cur.at() + "expected = or : after the key " + E.key);
      }
      Cur.advance();
      if (!value(std::move(E), Path, Depth, /*InCollection=*/true) ||
          !skip(false))
        return false;
      if (Cur.peek() == ',')
        Cur.advance();
    }
  }

  /// `[ item, item ]` after its `[`, and its `]`.
  bool tuple(std::vector<std::string> &Path, unsigned Depth) {
    unsigned Mapping = ++Mappings;
    while (true) {
      if (!skip(true))
        return false;
      if (Cur.atEnd())
        return Cur.fail(Cur.at() + "a list has no ] before the end");
      if (Cur.peek() == ']') {
        Cur.advance();
        return true;
      }
      if (Cur.startsWith("for") && llvm::isSpace(Cur.peek(3)))
        return skipToClose(']');
      ConfigEntry E = entryHere(Path, Mapping);
      if (!value(std::move(E), Path, Depth, /*InCollection=*/true) ||
          !skip(true))
        return false;
      if (Cur.peek() == ',')
        Cur.advance();
      else if (Cur.peek() != ']')
        return Cur.fail(Cur.at() + "expected , or ] in a list");
    }
  }

  ConfigEntry entryHere(const std::vector<std::string> &Path,
                        unsigned Mapping) {
    ConfigEntry E;
    E.path = Path;
    E.span = E.extent = Cur.here();
    E.document = Document;
    E.mapping = Mapping;
    return E;
  }

  /// The attributes and blocks of the file or of a block, up to (not past)
  /// the block's `}`.
  bool body(std::vector<std::string> &Path, bool InBlock, unsigned Depth) {
    unsigned Mapping = ++Mappings;
    while (true) {
      if (!skip(true))
        return false;
      if (Cur.atEnd())
        return !InBlock ||
               Cur.fail(Cur.at() +
                        "a block has no } before the end of the file");
      if (Cur.peek() == '}') {
        if (InBlock)
          return true;
        return Cur.fail(Cur.at() + "unexpected }");
      }
      if (!isIdentifierStart(Cur.peek()))
        return Cur.fail(Cur.at() + "expected an attribute or a block");
      if (Depth == 0)
        Document = NextDocument++;
      ConfigEntry E = entryHere(Path, Mapping);
      E.key = identifier();
      Cur.finish(E.span);
      if (!skip(false))
        return false;
      if (Cur.peek() == '=' && Cur.peek(1) != '=') {
        Cur.advance();
        std::string Key = E.key;
        if (!value(std::move(E), Path, Depth, /*InCollection=*/false) ||
            !skip(false))
          return false;
        if (!Cur.atEnd() && Cur.peek() != '\n' && Cur.peek() != '}')
          return Cur.fail(Cur.at() + "expected the end of the line after " +
                          Key);
        continue;
      }
      while (Cur.peek() == '"' || isIdentifierStart(Cur.peek())) {
        std::string Label;
        if (Cur.peek() == '"') {
          if (!quoted(Label))
            return false;
        } else {
          Label = identifier();
        }
        E.labels.push_back(Label);
        if (!skip(false))
          return false;
      }
      if (Cur.peek() != '{')
        return Cur.fail(Cur.at() + "expected = or { after " + E.key);
      if (Depth >= MaxDepth)
        return Cur.fail(Cur.at() + "blocks nest deeper than " +
                        std::to_string(MaxDepth));
      Cur.advance();
      size_t Index = Out.entries.size();
      size_t Pushed = 1 + E.labels.size();
      Path.push_back(E.key);
      Path.insert(Path.end(), E.labels.begin(), E.labels.end());
      Out.entries.push_back(std::move(E));
      bool Read = body(Path, /*InBlock=*/true, Depth + 1);
      Path.resize(Path.size() - Pushed);
      if (!Read)
        return false;
      Cur.advance(); // The block's `}`.
      Cur.finish(Out.entries[Index].extent);
    }
  }

  TextCursor Cur;
  ProxyConfig &Out;
  unsigned Mappings = 0, Document = 0, NextDocument = 0;
};

} // namespace

std::optional<ProxyConfig> readHclConfig(const std::string &Path,
                                         const std::string &Text,
                                         std::string &Error) {
  ProxyConfig File;
  File.path = Path;
  File.kind = ProxyKind::Hcl;
  HclReader Reader(Path, Text, File);
  if (!Reader.file(Error))
    return std::nullopt;
  return File;
}

} // namespace mcp_cutover
