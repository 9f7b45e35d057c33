//===- ObservabilityGapCheck.h - observability-gap ------------------------===//
#pragma once

#include "checks/Check.h"

#include <set>

namespace mcp_cutover {

/// Finds log statements that name a request's method or tool but not its
/// handle arguments or the instance that served it: behind a round-robin
/// balancer such a trace cannot be followed across instances.
class ObservabilityGapCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// What one log statement logs, and whether its logger was known.
  void judge(const clang::Expr *Statement,
             llvm::ArrayRef<const clang::Expr *> Logged, bool KnownLogger,
             const clang::ast_matchers::MatchFinder::MatchResult &Result);
  std::set<const clang::Expr *> Seen;
};

} // namespace mcp_cutover
