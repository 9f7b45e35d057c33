#include "checks/gateway/TomlConfigReader.h"

#include "checks/gateway/TextCursor.h"

#include "llvm/ADT/StringExtras.h"

#include <map>
#include <set>

namespace mcp_cutover {

namespace {

/// Arrays and inline tables deeper than this are refused: the reader
/// recurses per level.
constexpr unsigned MaxDepth = 64;

bool isBareKeyChar(char C) { return llvm::isAlnum(C) || C == '_' || C == '-'; }

struct Key {
  std::string name;
  SourceSpan span;
};

std::string joined(const std::vector<std::string> &Path) {
  std::string Out;
  for (const std::string &K : Path)
    Out += K + '\x1f';
  return Out;
}

class TomlReader {
public:
  TomlReader(const std::string &Path, const std::string &Text, ProxyConfig &Out)
      : Cur(Path, Text), Out(Out) {}

  bool file(std::string &Problem) {
    bool Read = lines();
    Problem = Cur.error();
    return Read;
  }

private:
  void skipSpaces() {
    while (Cur.peek() == ' ' || Cur.peek() == '\t')
      Cur.advance();
  }
  void skipComment() {
    if (Cur.peek() == '#')
      while (!Cur.atEnd() && Cur.peek() != '\n')
        Cur.advance();
  }
  /// Spaces, line breaks and comments (between lines, inside arrays).
  void skipBlank() {
    while (!Cur.atEnd()) {
      char C = Cur.peek();
      if (C == ' ' || C == '\t' || C == '\r' || C == '\n')
        Cur.advance();
      else if (C == '#')
        skipComment();
      else
        break;
    }
  }
  bool endOfLine() {
    skipSpaces();
    skipComment();
    if (Cur.peek() == '\r')
      Cur.advance();
    if (!Cur.atEnd() && Cur.peek() != '\n')
      return Cur.fail(Cur.at() + "expected the end of the line");
    return true;
  }

  /// A string from its opening quote: basic, literal, or either multi-line.
  bool string(std::string &Value) {
    std::string Start = Cur.at();
    char Q = Cur.peek();
    bool Multi = Cur.peek(1) == Q && Cur.peek(2) == Q;
    Cur.advance(Multi ? 3 : 1);
    if (Multi && Cur.peek() == '\n')
      Cur.advance();
    while (true) {
      if (Cur.atEnd() || (!Multi && Cur.peek() == '\n'))
        return Cur.fail(Start + (Multi ? "a multi-line string does not end"
                                       : "a string does not end on its line"));
      char C = Cur.peek();
      if (C == Q && (!Multi || (Cur.peek(1) == Q && Cur.peek(2) == Q))) {
        Cur.advance(Multi ? 3 : 1);
        return true;
      }
      if (C == '\\' && Q == '"') {
        char N = Cur.peek(1);
        Value.push_back(N == 'n' ? '\n' : N == 't' ? '\t' : N);
        Cur.advance(2);
        continue;
      }
      Value.push_back(C);
      Cur.advance();
    }
  }

  /// `a.b."c.d"`: the keys, each placed.
  bool dottedKey(std::vector<Key> &Keys) {
    while (true) {
      skipSpaces();
      Key K;
      K.span = Cur.here();
      if (Cur.peek() == '"' || Cur.peek() == '\'') {
        if (!string(K.name))
          return false;
      } else {
        while (isBareKeyChar(Cur.peek()))
          K.name.push_back(Cur.peek()), Cur.advance();
        if (K.name.empty())
          return Cur.fail(Cur.at() + "expected a key");
      }
      Cur.finish(K.span);
      Keys.push_back(std::move(K));
      skipSpaces();
      if (Cur.peek() != '.')
        return true;
      Cur.advance();
    }
  }

  unsigned mappingOf(const std::vector<std::string> &Path) {
    unsigned &M = MappingIds[joined(Path)];
    if (M == 0)
      M = ++Mappings;
    return M;
  }

  /// The tables `Keys` opens under `Path` that were not opened before, as
  /// entries; `Path` ends holding all of `Keys`.
  void openTables(std::vector<std::string> &Path, const std::vector<Key> &Keys,
                  size_t Count) {
    for (size_t I = 0; I < Count; ++I) {
      std::vector<std::string> Parent = Path;
      Path.push_back(Keys[I].name);
      if (!Opened.insert(joined(Path)).second)
        continue;
      ConfigEntry E;
      E.path = Parent;
      E.key = Keys[I].name;
      E.span = Keys[I].span;
      E.mapping = mappingOf(Parent);
      Out.entries.push_back(std::move(E));
    }
  }

  bool header() {
    bool Array = Cur.peek(1) == '[';
    SourceSpan Start = Cur.here();
    Cur.advance(Array ? 2 : 1);
    std::vector<Key> Keys;
    if (!dottedKey(Keys))
      return false;
    if (Cur.peek() != ']' || (Array && Cur.peek(1) != ']'))
      return Cur.fail(Cur.at() + "expected ] to close a table header");
    Cur.advance(Array ? 2 : 1);
    Cur.finish(Start);
    Table.clear();
    openTables(Table, Keys, Keys.size());
    if (Array) {
      // Each [[x]] is one more item of the sequence x.
      ConfigEntry Item;
      Item.path = Table;
      Item.span = Start;
      Item.mapping = mappingOf(Table);
      Out.entries.push_back(std::move(Item));
      Table.emplace_back("-");
      Opened.erase(joined(Table));
      TableMapping = ++Mappings;
      // Keys under the new item start afresh.
      std::string Prefix = joined(Table);
      for (auto It = Opened.lower_bound(Prefix);
           It != Opened.end() && llvm::StringRef(*It).starts_with(Prefix);)
        It = Opened.erase(It);
    } else {
      TableMapping = mappingOf(Table);
    }
    return endOfLine();
  }

  /// `key = value` under `Path`, whose entries share `Mapping`.
  bool keyValue(std::vector<std::string> Path, unsigned Mapping,
                unsigned Depth) {
    std::vector<Key> Keys;
    if (!dottedKey(Keys))
      return false;
    if (Cur.peek() != '=')
      return Cur.fail(Cur.at() + "expected = after the key " +
                      Keys.back().name);
    Cur.advance();
    skipSpaces();
    if (Keys.size() > 1) {
      openTables(Path, Keys, Keys.size() - 1);
      Mapping = mappingOf(Path);
    }
    ConfigEntry E;
    E.path = Path;
    E.key = Keys.back().name;
    E.span = Keys.back().span;
    E.extent = E.span;
    E.mapping = Mapping;
    return value(std::move(E), Path, Depth);
  }

  bool value(ConfigEntry E, std::vector<std::string> &Path, unsigned Depth) {
    char C = Cur.peek();
    if (C == '"' || C == '\'') {
      if (!string(E.value))
        return false;
    } else if (C == '[' || C == '{') {
      if (Depth >= MaxDepth)
        return Cur.fail(Cur.at() + "values nest deeper than " +
                        std::to_string(MaxDepth));
      size_t Index = Out.entries.size();
      Out.entries.push_back(E);
      Path.push_back(E.key.empty() ? "-" : E.key);
      Cur.advance();
      bool Read = C == '[' ? array(Path, Depth + 1) : inlineTable(Path, Depth);
      Path.pop_back();
      Cur.finish(Out.entries[Index].extent);
      if (Out.entries[Index].key.empty())
        Out.entries[Index].span = Out.entries[Index].extent;
      return Read;
    } else {
      // A number, a boolean, a date (`1979-05-27 07:32:00` holds a space).
      while (!Cur.atEnd() && Cur.peek() != ',' && Cur.peek() != ']' &&
             Cur.peek() != '}' && Cur.peek() != '#' &&
             !llvm::isSpace(Cur.peek()))
        E.value.push_back(Cur.peek()), Cur.advance();
      if (E.value.size() == 10 && E.value[4] == '-' && Cur.peek() == ' ' &&
          llvm::isDigit(Cur.peek(1))) {
        E.value.push_back(' ');
        Cur.advance();
        while (!Cur.atEnd() && Cur.peek() != ',' && Cur.peek() != ']' &&
               Cur.peek() != '}' && Cur.peek() != '#' &&
               !llvm::isSpace(Cur.peek()))
          E.value.push_back(Cur.peek()), Cur.advance();
      }
      if (E.value.empty())
        return Cur.fail(Cur.at() + "expected a value");
    }
    E.scalar = true;
    Cur.finish(E.extent);
    if (E.key.empty())
      E.span = E.extent;
    Out.entries.push_back(std::move(E));
    return true;
  }

  bool array(std::vector<std::string> &Path, unsigned Depth) {
    unsigned Mapping = ++Mappings;
    while (true) {
      skipBlank();
      if (Cur.atEnd())
        return Cur.fail(Cur.at() + "an array has no ] before the end");
      if (Cur.peek() == ']') {
        Cur.advance();
        return true;
      }
      ConfigEntry Item;
      Item.path = Path;
      Item.span = Item.extent = Cur.here();
      Item.mapping = Mapping;
      if (!value(std::move(Item), Path, Depth))
        return false;
      skipBlank();
      if (Cur.peek() == ',')
        Cur.advance();
      else if (Cur.peek() != ']')
        return Cur.fail(Cur.at() + "expected , or ] in an array");
    }
  }

  bool inlineTable(std::vector<std::string> &Path, unsigned Depth) {
    unsigned Mapping = ++Mappings;
    skipSpaces();
    if (Cur.peek() == '}') {
      Cur.advance();
      return true;
    }
    while (true) {
      if (!keyValue(Path, Mapping, Depth + 1))
        return false;
      skipSpaces();
      if (Cur.peek() == '}') {
        Cur.advance();
        return true;
      }
      if (Cur.peek() != ',')
        return Cur.fail(Cur.at() + "expected , or } in an inline table");
      Cur.advance();
    }
  }

  bool lines() {
    while (true) {
      skipBlank();
      if (Cur.atEnd())
        return true;
      if (Cur.peek() == '[') {
        if (!header())
          return false;
        continue;
      }
      if (!keyValue(Table, TableMapping, 0) || !endOfLine())
        return false;
    }
  }

  TextCursor Cur;
  ProxyConfig &Out;
  std::vector<std::string> Table;
  unsigned TableMapping = 0, Mappings = 0;
  std::map<std::string, unsigned> MappingIds;
  std::set<std::string> Opened;
};

} // namespace

std::optional<ProxyConfig> readTomlConfig(const std::string &Path,
                                          const std::string &Text,
                                          std::string &Error) {
  ProxyConfig File;
  File.path = Path;
  File.kind = ProxyKind::Toml;
  TomlReader Reader(Path, Text, File);
  if (!Reader.file(Error))
    return std::nullopt;
  return File;
}

} // namespace mcp_cutover
