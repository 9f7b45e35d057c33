//===- CredentialsNotIssuerKeyedCheck.h - credentials-not-issuer-keyed ----===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds stored tokens or client credentials keyed by the MCP server (its
/// URL, host or resource) instead of the authorization server's issuer.
class CredentialsNotIssuerKeyedCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
