//===- SchemaFuzzer.cpp - `mcp-cutover schema FILE` end to end ------------===//
//
// Runs runSchema(), the very function main.cpp calls, on one file: reading,
// the schema rules and the text output. Whatever the bytes: exit 0, 1 or 2,
// and on exit 2 exactly one line on stderr naming the file and nothing on
// stdout.
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/SchemaCommand.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("tools.json", Data, Size);
  CheckOptions O;
  O.toolFiles = {Path};
  // No git lookup upward from /tmp, no terminal colours.
  O.root = fuzz::scratchDir();
  O.color = "never";
  fuzz::CapturedOutput Capture;
  int Exit = runSchema(O);
  auto [Out, Err] = Capture.finish();
  if (Exit == ExitClean || Exit == ExitFindings) {
    if (!Err.empty())
      fuzz::broken("exit " + std::to_string(Exit) + " with stderr: " + Err);
    return 0;
  }
  if (Exit != ExitToolError)
    fuzz::broken("exit code " + std::to_string(Exit));
  if (!Out.empty())
    fuzz::broken("exit 2 with stdout: " + Out.substr(0, 200));
  if (Err.empty() || Err.back() != '\n')
    fuzz::broken("exit 2 without a line on stderr: " + Err);
  Err.pop_back();
  fuzz::checkOneLineError(Err, "mcp-cutover: error: " + Path + ": ");
  return 0;
}
