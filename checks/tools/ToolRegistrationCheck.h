//===- ToolRegistrationCheck.h - Every tool the code registers ------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Extracts tools, resources and prompts (name, description, schemas,
/// handler) from registrations in any SDK style an SDK profile describes:
/// registration calls, tool structs and constructors, builder chains.
class ToolRegistrationCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
