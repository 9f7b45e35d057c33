//===- SdkProfileFuzzer.cpp - --sdk-profile FILE --------------------------===//
//
// SdkProfileSet::load() reports every problem as a std::runtime_error whose
// message is one line starting with the path (main.cpp prints it as is);
// any other exception, or a crash, is a bug.
//
//===----------------------------------------------------------------------===//
#include "checks/SdkProfile.h"
#include "tests/fuzz/FuzzSupport.h"

#include <stdexcept>

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("profile.json", Data, Size);
  try {
    SdkProfileSet Set;
    Set.add(SdkProfileSet::load(Path));
  } catch (const std::runtime_error &E) {
    fuzz::checkOneLineError(E.what(), Path + ": ");
  }
  return 0;
}
