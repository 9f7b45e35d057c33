//===- JsonDocumentFuzzer.cpp - JsonDocument against nlohmann -------------===//
//
// Differential: JsonDocument is a second JSON parser, kept only because it
// remembers positions. On text without NUL bytes and without duplicate
// keys (which it refuses on purpose) and within the documented limits, it
// must accept exactly what nlohmann accepts and build the same value; every
// value and key it reports must have a range inside the text, and the text
// of a value's range must parse to that value.
//
//===----------------------------------------------------------------------===//
#include "checks/utils/JsonDocument.h"
#include "tests/fuzz/FuzzSupport.h"

#include <cstring>

using namespace mcp_cutover;
using nlohmann::ordered_json;

namespace {
void checkRanges(const JsonDocument &Doc, const ordered_json &V,
                 const std::string &Pointer) {
  auto R = Doc.valueRange(Pointer);
  if (!R)
    fuzz::broken("no range for the value at '" + Pointer + "'");
  if (R->begin > R->end || R->end > Doc.text().size())
    fuzz::broken("range of '" + Pointer + "' outside the text");
  // Scalars only: re-parsing every container would be quadratic in depth.
  if (!V.is_structured() &&
      ordered_json::parse(Doc.text().substr(R->begin, R->end - R->begin)) != V)
    fuzz::broken("the text at '" + Pointer + "' is not its value");
  if (V.is_object()) {
    for (const auto &[Key, Child] : V.items()) {
      std::string Member = JsonDocument::child(Pointer, Key);
      auto K = Doc.keyRange(Member);
      if (!K || K->begin > K->end || K->end > R->end || K->begin < R->begin)
        fuzz::broken("key range of '" + Member + "' missing or outside");
      checkRanges(Doc, Child, Member);
    }
  } else if (V.is_array()) {
    for (size_t I = 0; I < V.size(); ++I)
      checkRanges(Doc, V[I], JsonDocument::child(Pointer, std::to_string(I)));
  }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  auto Doc = JsonDocument::parse(Text, Error);
  if (!Doc) {
    fuzz::checkOneLineError(Error, "line ");
  } else {
    if (Doc->text() != Text)
      fuzz::broken("the document's text is not the input");
    checkRanges(*Doc, Doc->value(), "");
  }

  if (std::memchr(Data, 0, Size))
    return 0; // nlohmann reads a NUL as the end of input
  bool Accepted = ordered_json::accept(Text);
  if (Doc) {
    if (!Accepted)
      fuzz::broken("JsonDocument accepts what nlohmann refuses");
    if (ordered_json::parse(Text) != Doc->value())
      fuzz::broken("JsonDocument builds another value than nlohmann");
    return 0;
  }
  // Refused on purpose: duplicate keys, and the limits of InputLimits.h.
  for (const char *Purpose :
       {"duplicate key", "levels deep", "values", "JSON Pointers"})
    if (Error.find(Purpose) != std::string::npos)
      return 0;
  if (Accepted)
    fuzz::broken("JsonDocument refuses what nlohmann accepts: " + Error);
  return 0;
}
