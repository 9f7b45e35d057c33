//===- ConfigFuzzer.cpp - .mcp-cutover.yaml -------------------------------===//
//
// The configuration reader on one file, as `--config FILE` reads it, then
// what a run does with an accepted one: the effective configuration of a
// path, the dump, and the findings filtered and levelled.
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/config/ProjectConfig.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch(".mcp-cutover.yaml", Data, Size);
  ProjectConfig Config;
  std::string Problem =
      Config.load(fuzz::scratchDir(), Path, RuleCatalog::builtin());
  if (!Problem.empty()) {
    fuzz::checkOneLineError(Problem, Path + ":");
    return 0;
  }
  EffectiveConfig E;
  if (!Config.effectiveFor(fuzz::scratchDir() + "/src/a.cpp", E).empty())
    fuzz::broken("--config FILE read a folder's file");
  std::string Dump;
  if (!Config.dump(fuzz::scratchDir() + "/src/a.cpp", Dump).empty() ||
      Dump.empty())
    fuzz::broken("an accepted configuration has no dump");
  // The dump is itself a configuration that gives the same rules.
  std::string Again = fuzz::writeScratch(
      "dumped.yaml", reinterpret_cast<const uint8_t *>(Dump.data()),
      Dump.size());
  ProjectConfig Reread;
  if (std::string P =
          Reread.load(fuzz::scratchDir(), Again, RuleCatalog::builtin());
      !P.empty())
    fuzz::broken("the dump does not read back: " + P);
  EffectiveConfig F;
  (void)Reread.effectiveFor(fuzz::scratchDir() + "/src/a.cpp", F);
  if (F.enabledRules != E.enabledRules)
    fuzz::broken("the dump's rules differ");
  ProjectResult R;
  R.root = fuzz::scratchDir();
  Finding Fi;
  Fi.ruleId = "session-id-header";
  Fi.span = {"src/a.cpp", 1, 1, 1, 2};
  R.findings = {Fi, Fi};
  if (!Config.apply(R).empty())
    fuzz::broken("applying an accepted configuration failed");
  if (auto Filter = Config.rootPathFilter())
    (void)Filter("src/a.cpp");
  return 0;
}
