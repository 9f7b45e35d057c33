//===- BaselineFuzzer.cpp - `check --baseline FILE` -----------------------===//
//
// loadBaseline() on one file (a saved JSON result or a SARIF log), then
// what a run does with it: marking a result's findings and rendering the
// three formats that show baseline states.
//
//===----------------------------------------------------------------------===//
#include "checks/RuleCatalog.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tool/output/Baseline.h"
#include "tool/output/Writers.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("baseline.sarif", Data, Size);
  std::string Error;
  auto Base = loadBaseline(Path, Error);
  if (!Base) {
    fuzz::checkOneLineError(Error, "--baseline " + Path + ": ");
    return 0;
  }
  ProjectResult Result;
  Result.root = fuzz::scratchDir();
  Finding F;
  F.ruleId = "session-id-header";
  F.span = {"server.cpp", 1, 1, 1, 2};
  F.fingerprint = Base->findings.empty() ? "0" : Base->findings[0].fingerprint;
  Result.findings.push_back(F);
  applyBaseline(Result, *Base);
  if (Result.findings[0].baselineState.empty())
    fuzz::broken("a finding left without a baseline state");
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  renderJson(Result, Catalog);
  renderSarif(Result, Catalog, {});
  renderText(Result, Catalog, {});
  return 0;
}
