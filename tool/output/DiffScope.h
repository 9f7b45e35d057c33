//===- DiffScope.h - Only the lines a change touched (--diff-base) --------===//
//
// A pre-merge check holds a pull request to what it adds: findings on
// lines it did not add or rewrite are not listed and do not fail the run.
// They are counted, so a reader knows the code base has more.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/files/ChangedLines.h"
#include "tool/link/ProjectLinker.h"

#include <set>
#include <string>

namespace mcp_cutover {

/// Keeps the findings (listed and suppressed) and suppression problems
/// whose lines `Changed` touches; counts the listed ones dropped in
/// `Result.outsideDiff` and records `Ref` in `Result.diffBase`.
void applyDiffScope(ProjectResult &Result, const ChangedLines &Changed,
                    const std::string &Ref);

/// Whether a run of `EnabledRules` (all when empty) needs every unit even
/// when only some files changed: a project-wide rule decides from facts of
/// units that may not read any changed file.
bool needsEveryUnit(const RuleCatalog &Catalog,
                    const std::set<std::string> &EnabledRules);

} // namespace mcp_cutover
