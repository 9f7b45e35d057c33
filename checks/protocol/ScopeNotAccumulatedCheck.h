//===- ScopeNotAccumulatedCheck.h - scope-not-accumulated -----------------===//
#pragma once

#include "checks/Check.h"

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

#include <vector>

namespace mcp_cutover {

/// Finds step-up re-authorization after an insufficient_scope challenge that
/// requests a scope without the scopes the client already holds.
class ScopeNotAccumulatedCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Where client code tests a challenge for insufficient_scope, and the
  /// code that runs when it does.
  struct StepUp {
    const clang::Expr *challenge;
    const clang::Stmt *code;
  };
  std::vector<StepUp> StepUps;
  clang::ASTContext *AST = nullptr;
};

} // namespace mcp_cutover
