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
  /// What one log statement logs, whether its logger was known, and
  /// whether it is spdlog's (whose pattern may hold the instance id).
  void judge(const clang::Expr *Statement,
             llvm::ArrayRef<const clang::Expr *> Logged, bool KnownLogger,
             bool Spdlog,
             const clang::ast_matchers::MatchFinder::MatchResult &Result);
  /// Whether `Call` sets spdlog's pattern, context or a logger's name;
  /// records the project sign when that holds an instance id.
  bool setsSpdlogContext(const clang::CallExpr *Call);
  std::set<const clang::Expr *> Seen;
};

} // namespace mcp_cutover
