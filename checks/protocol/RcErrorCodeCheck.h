//===- RcErrorCodeCheck.h - rc-error-code ---------------------------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds the release candidate's error numbers (-32001 HeaderMismatch,
/// -32003 MissingRequiredClientCapability, -32004 UnsupportedProtocolVersion,
/// -32002 resource not found) where the code says that is what they mean,
/// and rewrites them to the final ones.
class RcErrorCodeCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
