//===- Baseline.h - A previous run's findings, to report only new ones ----===//
//
// `--baseline FILE` takes a previous `--json` or `--sarif` output. Findings
// are matched by fingerprint (rule, file, and the whitespace-folded text of
// the line), so code moving within its file stays matched. Only new
// findings are listed and count for the exit code; the baseline's findings
// that are gone are reported as fixed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/link/ProjectLinker.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct Baseline {
  std::string path;
  /// Every finding of the baseline, suppressed ones included.
  std::vector<Finding> findings;
};

/// Reads a JSON result (docs/json-format.md) or a SARIF log written by
/// mcp-cutover. On failure returns nullopt and sets `Error` to one line
/// naming `Path` and the problem.
std::optional<Baseline> loadBaseline(const std::string &Path,
                                     std::string &Error);

/// Marks each finding of `Result` (suppressed ones too) new or unchanged
/// and lists the baseline's findings that are gone in `Result.fixed`
/// (baselineState "absent").
void applyBaseline(ProjectResult &Result, const Baseline &Base);

} // namespace mcp_cutover
