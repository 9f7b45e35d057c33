//===- OauthIssUncheckedCheck.h - oauth-iss-unchecked ---------------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds authorization codes redeemed in a project that never reads the
/// authorization response's iss (RFC 9207, SEP-2468).
class OauthIssUncheckedCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
