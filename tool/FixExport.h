//===- FixExport.h - Fix-its applied in place, as a diff, or as YAML ------===//
//
// `--fix`, `--fix-dry-run` and `--export-fixes` share one selection: every
// finding's fix-its, in file order, minus those that overlap a fix already
// taken (skipped with a message, never merged into a half-edit).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/ProjectLinker.h"
#include "tool/SourceCache.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

struct FixSelection {
  /// Root-relative file -> the findings whose fixes it takes, in order.
  std::map<std::string, std::vector<const Finding *>> byFile;
  /// One line per fix left out: "file:line:col: [rule] why".
  std::vector<std::string> skipped;
};

FixSelection selectFixes(const ProjectResult &Result, SourceCache &Sources);

/// Every selected fix as one unified diff, file by file.
std::string renderFixDiff(const ProjectResult &Result,
                          const FixSelection &Selection, SourceCache &Sources);

/// The clang-apply-replacements YAML (clang-tidy's --export-fixes format),
/// with absolute paths and byte offsets.
std::string renderReplacementsYaml(const ProjectResult &Result,
                                   const FixSelection &Selection,
                                   SourceCache &Sources);

struct FixOutcome {
  size_t files = 0;
  size_t fixes = 0;
  std::vector<std::string> messages; ///< Files left alone, and why.
};

/// Applies the selection in place, one atomic write per file; a file whose
/// bytes changed since analysis (its digest differs) is left alone.
FixOutcome applyFixesInPlace(const ProjectResult &Result,
                             const FixSelection &Selection);

} // namespace mcp_cutover
