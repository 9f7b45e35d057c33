//===- JsonDocument.h - JSON text with the position of every value --------===//
//
// nlohmann::json forgets where values were; findings on a tools/list dump
// must point at the exact line and column, and fix-its must edit the file's
// own bytes. This strict RFC 8259 parser keeps a byte range per value and
// per object key, addressed by JSON Pointer (RFC 6901).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

class JsonDocument {
public:
  struct Range {
    size_t begin = 0; ///< Byte offset of the first character.
    size_t end = 0;   ///< One past the last.
  };

  /// Parses `Text`; on failure returns nullopt and sets `Error` to
  /// "line L, column C: problem".
  static std::optional<JsonDocument> parse(std::string Text,
                                           std::string &Error);

  const nlohmann::ordered_json &value() const { return Value; }
  const std::string &text() const { return Text; }
  /// The range of the value at `Pointer` ("" is the whole document).
  std::optional<Range> valueRange(const std::string &Pointer) const;
  /// The range of the key (with its quotes) of the member at `Pointer`.
  std::optional<Range> keyRange(const std::string &Pointer) const;
  /// 1-based line and byte column of an offset.
  std::pair<unsigned, unsigned> lineColumn(size_t Offset) const;

  /// "/a~1b/0" from parent "/a~1b" and a key or index.
  static std::string child(const std::string &Pointer, const std::string &Key);

private:
  friend class JsonDocumentParser;
  std::string Text;
  nlohmann::ordered_json Value;
  std::map<std::string, Range> Values;
  std::map<std::string, Range> Keys;
  std::vector<size_t> LineStarts; ///< Offset of each line's first byte.
};

} // namespace mcp_cutover
