//===- Suppressions.h - Findings accepted in the source, with a reason ----===//
//
// The directives clang-tidy users already write, naming this tool's rule
// ids (globs allowed):
//   code;  // NOLINT(session-id-header): the gateway strips it
//   // NOLINTNEXTLINE(initialize-handler, removed-method): legacy clients
//   // NOLINTBEGIN(session-*) ... // NOLINTEND(session-*)
// and, for files shared with clang-tidy configurations that reject unknown
// check names:
//   code;  // mcp-cutover: ignore session-id-header the gateway strips it
//   // mcp-cutover: ignore session-id-header reason   (alone on its line:
//   applies to the next line)
// A bare NOLINT, or one naming only other tools' checks (bugprone-*, *),
// is clang-tidy's and accepts no migration finding.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"
#include "checks/RuleCatalog.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// A directive that could not be honoured: an unmatched NOLINTBEGIN or
/// NOLINTEND (an error: it suppresses nothing, so what it meant to accept
/// is reported) or an unknown rule id in `mcp-cutover: ignore` (a warning).
struct SuppressionProblem {
  SourceSpan span;
  Level level = Level::Warning;
  std::string message;
  friend bool operator==(const SuppressionProblem &,
                         const SuppressionProblem &) = default;
};

/// What the directives of one file accept.
class FileSuppressions {
public:
  /// Reads the directives of `Text`, a file named `File` in findings.
  FileSuppressions(const std::string &File, const std::string &Text,
                   const RuleCatalog &Catalog);

  /// The directive accepting rule `RuleId` on `Line`, or null.
  const Suppression *find(const std::string &RuleId, unsigned Line) const;

  const std::vector<SuppressionProblem> &problems() const { return Problems; }

private:
  struct Entry {
    std::vector<std::string> patterns; ///< Rule ids or globs.
    unsigned firstLine = 0;
    unsigned lastLine = 0;
    Suppression suppression;
  };
  std::vector<Entry> Entries;
  std::vector<SuppressionProblem> Problems;
};

/// `Line` without its comments that hold a directive (NOLINT..., or
/// `mcp-cutover:`): a finding's fingerprint is taken from it, so accepting
/// the finding on its own line keeps the alert it was.
std::string withoutDirectives(llvm::StringRef Line);

/// Moves every finding a directive accepts from `Findings` to `Suppressed`
/// (with the directive and its reason), and collects the directives'
/// problems in the files that have findings. `AbsolutePath` turns a
/// finding's file into a readable path.
void applySuppressions(
    std::vector<Finding> &Findings, std::vector<Finding> &Suppressed,
    std::vector<SuppressionProblem> &Problems, const RuleCatalog &Catalog,
    const std::function<std::string(const std::string &)> &AbsolutePath);

} // namespace mcp_cutover
