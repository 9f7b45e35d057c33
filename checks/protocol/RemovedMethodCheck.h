//===- RemovedMethodCheck.h - removed-method ------------------------------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

namespace mcp_cutover {

/// Finds code that dispatches on, registers a handler for, or sends a method
/// MCP 2026-07-28 removed (ping, logging/setLevel, resources/subscribe,
/// resources/unsubscribe, notifications/roots/list_changed,
/// notifications/elicitation/complete).
class RemovedMethodCheck : public MethodSiteCheck {
public:
  explicit RemovedMethodCheck(TranslationUnitContext &Context);
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
