//===- SessionIdHeaderCheck.h - session-id-header -------------------------===//
#pragma once

#include "checks/Check.h"
#include "checks/utils/SessionNames.h"

namespace mcp_cutover {

/// Finds every use of the legacy `Mcp-Session-Id` header name in user code,
/// telling writes (minting, echoing) from reads, removals and CORS lists.
class SessionIdHeaderCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void registerPPCallbacks(clang::Preprocessor &PP) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

  /// Reports a `#define` whose body spells the header (called by the
  /// preprocessor hook).
  void macroDefined(llvm::StringRef MacroName, clang::SourceLocation NameLoc,
                    llvm::StringRef LiteralText);

private:
  void reportUse(const clang::Expr *Use, const HeaderLiteralMatch &Match,
                 const std::string &Through, clang::ASTContext &ASTCtx,
                 clang::SourceRange Where = {});
  void reportDefinition(const clang::VarDecl *Var,
                        const HeaderLiteralMatch &Match);
};

} // namespace mcp_cutover
