//===- CompilationDatabaseFuzzer.cpp - `check -p FILE` --------------------===//
//
// planJobs() on a compile_commands.json, as `check -p` calls it: a refused
// database is one line naming the file.
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/driver/CompilationDatabaseLoader.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("compile_commands.json", Data, Size);
  PlanRequest Request;
  Request.buildDir = Path;
  auto Plan = planJobs(Request);
  if (!Plan) {
    std::string Error = llvm::toString(Plan.takeError());
    // The path is canonical: the scratch folder may be under a symlink.
    if (Error.find("compile_commands.json: ") == std::string::npos)
      fuzz::broken("error names no database: " + Error);
    if (Error.find('\n') != std::string::npos)
      fuzz::broken("error is more than one line: " + Error);
  }
  return 0;
}
