//===- ServerInitiatedRequestCheck.h - server-initiated-request -----------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

namespace mcp_cutover {

/// Finds server code that sends sampling/createMessage, elicitation/create or
/// roots/list to the client, which MCP 2026-07-28 moved into Multi Round-Trip
/// Requests.
class ServerInitiatedRequestCheck : public MethodSiteCheck {
public:
  explicit ServerInitiatedRequestCheck(TranslationUnitContext &Context);
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
