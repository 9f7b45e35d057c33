//===- McpOnlyRedisCheck.h - mcp-only-redis -------------------------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Finds Redis keys built from a session id (hiredis, redis-plus-plus,
/// cpp_redis, or any Redis client): MCP-only state to delete in GA week,
/// once every tool that needs state takes a handle.
class McpOnlyRedisCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
