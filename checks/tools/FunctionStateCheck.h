//===- FunctionStateCheck.h - What state each user function touches -------===//
#pragma once

#include "checks/Check.h"

#include <set>
#include <string>

namespace mcp_cutover {

/// Summarises every function and lambda of the user's code: the
/// per-instance state it reads or writes, the calls it makes (with whose
/// object), and the tool, resource or prompt lists it changes at runtime.
class FunctionStateCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void summarise(const clang::FunctionDecl *FD, clang::ASTContext &ASTCtx);
  /// The state a hand-written tools/call branch touches, as a function.
  void summariseBranch(const clang::Expr *Comparison,
                       clang::ASTContext &ASTCtx);
  std::set<std::string> Done;
};

} // namespace mcp_cutover
