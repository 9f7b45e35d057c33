//===- ProbeScenarioFuzzer.cpp - probe --scenario FILE --------------------===//
//
// The scenario reader on one file, as `probe --scenario FILE` reads it,
// then what the probe does with an accepted one before any request: each
// call's arguments with a handle put in, and the handle's JSON Pointer.
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/probe/ProbeScenario.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("scenario.yaml", Data, Size);
  ProbeScenario S;
  std::string Problem = loadProbeScenario(Path, S);
  if (!Problem.empty()) {
    fuzz::checkOneLineError(Problem, Path + ":");
    return 0;
  }
  if (S.create.tool.empty() || S.followUps.empty() || S.handlePointer.empty() ||
      S.handlePointer.front() != '/')
    fuzz::broken("an accepted scenario lacks its creation, follow-ups or "
                 "handle");
  for (const ScenarioCall &C : S.followUps) {
    if (C.tool.empty() || !C.arguments.is_object())
      fuzz::broken("a follow-up without a tool or an object of arguments");
    nlohmann::json With = withHandle(C.arguments, "h");
    if (With.size() != C.arguments.size())
      fuzz::broken("putting the handle in changed the arguments' keys");
    (void)With.dump();
  }
  return 0;
}
