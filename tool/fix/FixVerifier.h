//===- FixVerifier.h - A fix-it is applied only when it still compiles ----===//
//
// Before `--fix` writes anything (and before `--fix-dry-run` and
// `--export-fixes` show it), the selected fixes are applied in memory, on an
// overlay over the real file system, and every unit that reads an edited
// file is parsed again with its own command and the same body skipping. A
// fix that makes a unit report an error it did not have is dropped: its
// finding stays, with the rule's guidance instead of the fix. Tools files
// (`--tools`) are re-read and their schema rules run again the same way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/driver/Driver.h"
#include "tool/fix/FixExport.h"
#include "tool/link/ProjectLinker.h"

#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

/// What the analysis saw, for parsing its units again.
struct VerificationInputs {
  /// The units' compile jobs and facts, aligned (jobs[i] made units[i]).
  const std::vector<CompileJob> &jobs;
  const std::vector<TranslationUnitFacts> &units;
  const OwnershipPolicy &policy;
  const AnalysisOptions &options;
  const std::vector<ToolFile> &toolFiles;
  const std::set<std::string> &enabledRules;
  const HandleNaming &naming;
};

struct VerificationOutcome {
  /// One line per dropped fix: "file:line:col: [rule] fix dropped: ...".
  std::vector<std::string> dropped;
  size_t unitsParsed = 0; ///< Parses made, over all rounds.
};

/// Drops from `Selection` every fix that would make a unit (or tools file)
/// report a problem it did not have, and clears that finding's fixes in
/// `Result`. All selected fixes are tried together first; only when that
/// breaks a unit are the fixes touching it tried one by one, in finding
/// order, each on top of those already kept, so two fixes that break only
/// together lose the second.
VerificationOutcome verifyFixes(ProjectResult &Result, FixSelection &Selection,
                                SourceCache &Sources,
                                const VerificationInputs &In);

} // namespace mcp_cutover
