//===- ChecklistFuzzer.cpp - Checklist::parse -----------------------------===//
//
// The checklist is compiled in today, but its parser is the one a custom
// checklist would go through: problems are a std::runtime_error of one
// line, "checklist: WHERE: problem".
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/report/Checklist.h"

#include <stdexcept>

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  try {
    Checklist::parse(Text, RuleCatalog::builtin());
  } catch (const std::runtime_error &E) {
    fuzz::checkOneLineError(E.what(), "checklist: ");
  }
  return 0;
}
