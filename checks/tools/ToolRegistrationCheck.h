//===- ToolRegistrationCheck.h - Every tool the code registers ------------===//
#pragma once

#include "checks/Check.h"

#include <map>

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

private:
  /// Per record of the unit: whether a client template reflects it. One
  /// whole-unit query per record, not one per member.
  std::map<const clang::CXXRecordDecl *, bool> ClientReflected;
};

} // namespace mcp_cutover
