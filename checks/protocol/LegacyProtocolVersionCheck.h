//===- LegacyProtocolVersionCheck.h - legacy-protocol-version -------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds protocol versions older than 2026-07-28 that code advertises,
/// negotiates or sends, reported when the project writes 2026-07-28 nowhere.
class LegacyProtocolVersionCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void inspectJsonText(const clang::StringLiteral *Literal,
                       llvm::StringRef Text, clang::ASTContext &ASTCtx);
};

} // namespace mcp_cutover
