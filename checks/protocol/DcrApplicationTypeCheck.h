//===- DcrApplicationTypeCheck.h - dcr-application-type -------------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds Dynamic Client Registration requests built without
/// application_type (SEP-837).
class DcrApplicationTypeCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
