//===- ServerInitiatedRequestCheck.h - server-initiated-request -----------===//
#pragma once

#include "checks/Check.h"
#include "checks/utils/MethodUse.h"

namespace mcp_cutover {

/// Finds server code that sends sampling/createMessage, elicitation/create or
/// roots/list to the client, which MCP 2026-07-28 moved into Multi Round-Trip
/// Requests.
class ServerInitiatedRequestCheck : public Check {
public:
  explicit ServerInitiatedRequestCheck(TranslationUnitContext &Context);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  MethodSiteMatcher Sites;
};

} // namespace mcp_cutover
