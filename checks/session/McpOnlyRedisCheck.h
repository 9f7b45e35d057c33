//===- McpOnlyRedisCheck.h - mcp-only-redis -------------------------------===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// What every mcp-only-redis message ends with, the linker's too.
extern const char McpOnlyRedisConsequence[];

/// Finds Redis keys built from a session id (hiredis, redis-plus-plus,
/// cpp_redis, or any Redis client), and records store wrappers (a key
/// built from a parameter) for the linker: MCP-only state to delete in GA
/// week, once every tool that needs state takes a handle.
class McpOnlyRedisCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Records a call of a function the user's code declares, with what
  /// each argument is (KeyArgumentCall).
  void noteKeyArgumentCall(const clang::CallExpr *Call);
};

} // namespace mcp_cutover
