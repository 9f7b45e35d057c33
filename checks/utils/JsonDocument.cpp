#include "checks/utils/JsonDocument.h"
#include "checks/utils/InputLimits.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <stdexcept>

namespace mcp_cutover {

using nlohmann::ordered_json;

namespace {
struct ParseError : std::runtime_error {
  ParseError(size_t Offset, const std::string &Message)
      : std::runtime_error(Message), offset(Offset) {}
  size_t offset;
};
} // namespace

class JsonDocumentParser {
public:
  explicit JsonDocumentParser(JsonDocument &Doc) : Doc(Doc), T(Doc.Text) {}

  void parseDocument() {
    // RFC 8259 lets a parser ignore a byte order mark, and editors on
    // Windows write one; nlohmann skips it too. Offsets stay byte offsets.
    if (T.compare(0, 3, "\xEF\xBB\xBF") == 0)
      Pos = 3;
    skipSpace();
    Doc.Value = parseValue("", 0);
    skipSpace();
    if (Pos != T.size())
      throw ParseError(Pos, "unexpected text after the JSON value");
  }

private:
  /// The pointers of all values and keys are kept: long keys nested deep
  /// would make them quadratic in the text, so they get a budget.
  static constexpr size_t MaxPointerBytes = 256u << 20;

  void keep(std::map<std::string, JsonDocument::Range> &Map,
            const std::string &Pointer, JsonDocument::Range R) {
    PointerBytes += Pointer.size();
    if (PointerBytes > MaxPointerBytes)
      fail("its JSON Pointers take more than 256 MiB (long keys nested deep)");
    Map[Pointer] = R;
  }

  void skipSpace() {
    while (Pos < T.size() && (T[Pos] == ' ' || T[Pos] == '\t' ||
                              T[Pos] == '\n' || T[Pos] == '\r'))
      ++Pos;
  }

  [[noreturn]] void fail(const std::string &Message) const {
    throw ParseError(Pos, Message);
  }

  void expect(char C) {
    if (Pos >= T.size() || T[Pos] != C)
      fail(std::string("expected '") + C + "'");
    ++Pos;
  }

  ordered_json parseValue(const std::string &Pointer, unsigned Depth) {
    if (++Values > MaxJsonValues)
      fail("more than " + std::to_string(MaxJsonValues) + " values");
    if (Pos >= T.size())
      fail("unexpected end of input");
    size_t Begin = Pos;
    ordered_json V;
    char C = T[Pos];
    // Depth counts the arrays and objects around this value, as
    // checkJsonShape() does: the recursion below is the stack's limit.
    if ((C == '{' || C == '[') && Depth >= MaxJsonDepth)
      fail("nested more than " + std::to_string(MaxJsonDepth) + " levels deep");
    if (C == '{')
      V = parseObject(Pointer, Depth);
    else if (C == '[')
      V = parseArray(Pointer, Depth);
    else if (C == '"')
      V = parseString();
    else if (C == '-' || (C >= '0' && C <= '9'))
      V = parseNumber();
    else if (T.compare(Pos, 4, "true") == 0)
      Pos += 4, V = true;
    else if (T.compare(Pos, 5, "false") == 0)
      Pos += 5, V = false;
    else if (T.compare(Pos, 4, "null") == 0)
      Pos += 4, V = nullptr;
    else
      fail("unexpected character");
    keep(Doc.Values, Pointer, {Begin, Pos});
    return V;
  }

  ordered_json parseObject(const std::string &Pointer, unsigned Depth) {
    expect('{');
    ordered_json Object = ordered_json::object();
    skipSpace();
    if (Pos < T.size() && T[Pos] == '}') {
      ++Pos;
      return Object;
    }
    while (true) {
      skipSpace();
      if (Pos >= T.size() || T[Pos] != '"')
        fail("expected a string key");
      size_t KeyBegin = Pos;
      std::string Key = parseString();
      if (Object.contains(Key))
        throw ParseError(KeyBegin, "duplicate key " + quoteInput(Key));
      std::string Member = JsonDocument::child(Pointer, Key);
      keep(Doc.Keys, Member, {KeyBegin, Pos});
      skipSpace();
      expect(':');
      skipSpace();
      Object[Key] = parseValue(Member, Depth + 1);
      skipSpace();
      if (Pos < T.size() && T[Pos] == ',') {
        ++Pos;
        continue;
      }
      expect('}');
      return Object;
    }
  }

  ordered_json parseArray(const std::string &Pointer, unsigned Depth) {
    expect('[');
    ordered_json Array = ordered_json::array();
    skipSpace();
    if (Pos < T.size() && T[Pos] == ']') {
      ++Pos;
      return Array;
    }
    while (true) {
      skipSpace();
      Array.push_back(
          parseValue(JsonDocument::child(Pointer, std::to_string(Array.size())),
                     Depth + 1));
      skipSpace();
      if (Pos < T.size() && T[Pos] == ',') {
        ++Pos;
        continue;
      }
      expect(']');
      return Array;
    }
  }

  unsigned hex4() {
    if (Pos + 4 > T.size())
      fail("truncated \\u escape");
    unsigned V = 0;
    for (int I = 0; I < 4; ++I) {
      char C = T[Pos++];
      V <<= 4;
      if (C >= '0' && C <= '9')
        V |= C - '0';
      else if (C >= 'a' && C <= 'f')
        V |= C - 'a' + 10;
      else if (C >= 'A' && C <= 'F')
        V |= C - 'A' + 10;
      else
        fail("bad \\u escape");
    }
    return V;
  }

  std::string parseString() {
    expect('"');
    std::string Out;
    while (true) {
      if (Pos >= T.size())
        fail("unterminated string");
      unsigned char C = T[Pos];
      if (C == '"') {
        ++Pos;
        break;
      }
      if (C < 0x20)
        fail("control character in a string");
      if (C != '\\') {
        Out.push_back(static_cast<char>(C));
        ++Pos;
        continue;
      }
      ++Pos;
      if (Pos >= T.size())
        fail("unterminated string");
      char E = T[Pos++];
      switch (E) {
      case '"':
        Out += '"';
        break;
      case '\\':
        Out += '\\';
        break;
      case '/':
        Out += '/';
        break;
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      case 'u': {
        unsigned Code = hex4();
        if (Code >= 0xD800 && Code <= 0xDBFF) {
          if (T.compare(Pos, 2, "\\u") != 0)
            fail("unpaired surrogate");
          Pos += 2;
          unsigned Low = hex4();
          if (Low < 0xDC00 || Low > 0xDFFF)
            fail("unpaired surrogate");
          Code = 0x10000 + ((Code - 0xD800) << 10) + (Low - 0xDC00);
        } else if (Code >= 0xDC00 && Code <= 0xDFFF) {
          fail("unpaired surrogate");
        }
        char Buf[4];
        char *Ptr = Buf;
        llvm::ConvertCodePointToUTF8(Code, Ptr);
        Out.append(Buf, Ptr);
        break;
      }
      default:
        fail("bad escape");
      }
    }
    return Out;
  }

  ordered_json parseNumber() {
    size_t Begin = Pos;
    if (T[Pos] == '-')
      ++Pos;
    auto Digits = [&] {
      size_t Start = Pos;
      while (Pos < T.size() && T[Pos] >= '0' && T[Pos] <= '9')
        ++Pos;
      return Pos - Start;
    };
    if (Pos < T.size() && T[Pos] == '0')
      ++Pos;
    else if (Digits() == 0)
      fail("bad number");
    if (Pos < T.size() && T[Pos] == '.') {
      ++Pos;
      if (Digits() == 0)
        fail("bad number");
    }
    if (Pos < T.size() && (T[Pos] == 'e' || T[Pos] == 'E')) {
      ++Pos;
      if (Pos < T.size() && (T[Pos] == '+' || T[Pos] == '-'))
        ++Pos;
      if (Digits() == 0)
        fail("bad number");
    }
    // The grammar is checked above; nlohmann only converts. It refuses a
    // number a double cannot hold (1e999) with an exception of its own,
    // which must not escape the reader: ask for no exceptions instead.
    ordered_json Number =
        ordered_json::parse(T.substr(Begin, Pos - Begin), nullptr,
                            /*allow_exceptions=*/false);
    if (Number.is_discarded())
      throw ParseError(Begin, "number out of range");
    return Number;
  }

  JsonDocument &Doc;
  const std::string &T;
  size_t Pos = 0;
  size_t Values = 0;
  size_t PointerBytes = 0;
};

std::optional<JsonDocument> JsonDocument::parse(std::string Text,
                                                std::string &Error) {
  JsonDocument Doc;
  Doc.Text = std::move(Text);
  Doc.LineStarts.push_back(0);
  for (size_t I = 0; I < Doc.Text.size(); ++I)
    if (Doc.Text[I] == '\n')
      Doc.LineStarts.push_back(I + 1);
  if (size_t Bad = 0; !llvm::json::isUTF8(Doc.Text, &Bad)) {
    auto [Line, Column] = Doc.lineColumn(Bad);
    Error = "line " + std::to_string(Line) + ", column " +
            std::to_string(Column) + ": not UTF-8 text";
    return std::nullopt;
  }
  try {
    JsonDocumentParser(Doc).parseDocument();
  } catch (const ParseError &E) {
    auto [Line, Column] = Doc.lineColumn(E.offset);
    Error = "line " + std::to_string(Line) + ", column " +
            std::to_string(Column) + ": " + E.what();
    return std::nullopt;
  }
  return Doc;
}

std::optional<JsonDocument::Range>
JsonDocument::valueRange(const std::string &Pointer) const {
  auto It = Values.find(Pointer);
  if (It == Values.end())
    return std::nullopt;
  return It->second;
}

std::optional<JsonDocument::Range>
JsonDocument::keyRange(const std::string &Pointer) const {
  auto It = Keys.find(Pointer);
  if (It == Keys.end())
    return std::nullopt;
  return It->second;
}

std::pair<unsigned, unsigned> JsonDocument::lineColumn(size_t Offset) const {
  // Binary search: every finding and fix-it asks, and a scan from the start
  // each time would be quadratic on a large tools file.
  auto After = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  if (After == LineStarts.begin()) // not parsed: no line starts known
    return {1, static_cast<unsigned>(Offset + 1)};
  return {static_cast<unsigned>(After - LineStarts.begin()),
          static_cast<unsigned>(Offset - *(After - 1) + 1)};
}

std::string JsonDocument::child(const std::string &Pointer,
                                const std::string &Key) {
  std::string Out = Pointer + "/";
  for (char C : Key) {
    if (C == '~')
      Out += "~0";
    else if (C == '/')
      Out += "~1";
    else
      Out += C;
  }
  return Out;
}

} // namespace mcp_cutover
