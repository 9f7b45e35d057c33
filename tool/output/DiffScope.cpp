#include "tool/output/DiffScope.h"

#include <algorithm>

namespace mcp_cutover {

void applyDiffScope(ProjectResult &Result, const ChangedLines &Changed,
                    const std::string &Ref) {
  auto Outside = [&](const SourceSpan &S) {
    return !Changed.touches(Result.absolutePath(S.file), S.line,
                            std::max(S.line, S.endLine));
  };
  auto Drop = [&](std::vector<Finding> &Findings) {
    size_t Before = Findings.size();
    Findings.erase(
        std::remove_if(Findings.begin(), Findings.end(),
                       [&](const Finding &F) { return Outside(F.span); }),
        Findings.end());
    return Before - Findings.size();
  };
  Result.diffBase = Ref;
  Result.outsideDiff = Drop(Result.findings);
  (void)Drop(Result.suppressed);
  auto &Problems = Result.suppressionProblems;
  Problems.erase(std::remove_if(Problems.begin(), Problems.end(),
                                [&](const SuppressionProblem &P) {
                                  return Outside(P.span);
                                }),
                 Problems.end());
}

bool needsEveryUnit(const RuleCatalog &Catalog,
                    const std::set<std::string> &EnabledRules) {
  for (const Rule &R : Catalog.rules())
    if (R.projectWide && isRuleEnabled(EnabledRules, R.id))
      return true;
  return false;
}

} // namespace mcp_cutover
