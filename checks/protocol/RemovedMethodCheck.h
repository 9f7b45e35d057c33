//===- RemovedMethodCheck.h - removed-method ------------------------------===//
#pragma once

#include "checks/Check.h"
#include "checks/utils/MethodUse.h"

namespace mcp_cutover {

/// Finds code that dispatches on, registers a handler for, or sends a method
/// MCP 2026-07-28 removed (ping, logging/setLevel, resources/subscribe,
/// resources/unsubscribe, notifications/roots/list_changed,
/// notifications/elicitation/complete).
class RemovedMethodCheck : public Check {
public:
  explicit RemovedMethodCheck(TranslationUnitContext &Context);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  MethodSiteMatcher Sites;
};

} // namespace mcp_cutover
