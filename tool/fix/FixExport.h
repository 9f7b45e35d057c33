//===- FixExport.h - Fix-its applied in place, as a diff, or as YAML ------===//
//
// `--fix`, `--fix-dry-run` and `--export-fixes` share one selection: every
// finding's fix-its of the tiers asked for, in file order, minus those that
// overlap a fix already taken (skipped with a message, never merged into a
// half-edit). tool/fix/FixVerifier then drops the fixes that would not compile.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/files/SourceCache.h"
#include "tool/link/ProjectLinker.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

struct FixSelection {
  /// Root-relative file -> indices into ProjectResult::findings of the
  /// findings whose fixes it takes, in order.
  std::map<std::string, std::vector<size_t>> byFile;
  /// One line per fix left out: "file:line:col: [rule] why".
  std::vector<std::string> skipped;
  /// Fixes of the review tier not taken because only safe ones were asked.
  size_t heldForReview = 0;

  size_t size() const;
  /// The fix-its of the selected findings in `File`, in order.
  std::vector<FixIt> fixesIn(const ProjectResult &Result,
                             const std::string &File) const;
};

/// `IncludeReview`: review-tier fixes too (--fix=all), else safe ones only.
FixSelection selectFixes(const ProjectResult &Result, SourceCache &Sources,
                         bool IncludeReview = true);

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
