//===- JsonTextFuzzer.cpp - JSON written out in a string literal ----------===//
//
// jsonTextMembers reads whatever a C++ string literal holds (templates with
// placeholders, text cut short, several messages in a row) and the protocol
// rules report at its offsets: every member lies inside the text, its key
// offset is the key's opening quote, and a string value is the text after
// the value's opening quote.
//
//===----------------------------------------------------------------------===//
#include "checks/utils/JsonText.h"
#include "checks/utils/MethodUse.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  for (const JsonTextMember &M : jsonTextMembers(Text)) {
    if (M.keyOffset >= Text.size() || Text[M.keyOffset] != '"')
      fuzz::broken("a key offset not at a quote");
    if (Text.substr(M.keyOffset + 1, M.key.size()) != M.key)
      fuzz::broken("a key that is not the text at its offset");
    if (M.valueOffset > Text.size() || M.valueOffset <= M.keyOffset)
      fuzz::broken("a value offset outside the text or before its key");
    if (M.stringValue && (Text[M.valueOffset] != '"' ||
                          Text.substr(M.valueOffset + 1,
                                      M.stringValue->size()) != *M.stringValue))
      fuzz::broken("a string value that is not the text at its offset");
  }
  for (const auto &[Offset, Method] :
       jsonTextMethods(Text, [](llvm::StringRef) { return true; }))
    if (Offset >= Text.size() || Text[Offset] != '"')
      fuzz::broken("a method offset not at the value's quote");
  return 0;
}
