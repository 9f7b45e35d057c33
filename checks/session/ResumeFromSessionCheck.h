//===- ResumeFromSessionCheck.h - resume-from-session ---------------------===//
#pragma once

#include "checks/Check.h"

#include "clang/AST/Decl.h"

#include <map>
#include <string>

namespace mcp_cutover {

/// Finds code that restores a session from a store keyed by its session id:
/// the dual-version path to delete once no client sends Mcp-Session-Id.
class ResumeFromSessionCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct Site {
    SourceSpan span;
    clang::SourceLocation at;
    std::string what; ///< The message's head: what this code does.
  };
  /// Records `What` at `Range` as the function's site, if it is the first.
  void addSite(const clang::FunctionDecl *Function, clang::SourceRange Range,
               std::string What, const clang::SourceManager &SM);

  /// One site per function (null: namespace scope), the earliest.
  std::map<const clang::FunctionDecl *, Site> Sites;
};

} // namespace mcp_cutover
