//===- LegacyHttpEndpointsCheck.h - legacy-http-endpoints -----------------===//
#pragma once

#include "checks/Check.h"

#include <string>
#include <vector>

namespace mcp_cutover {

/// Finds the HTTP surface MCP 2026-07-28 removed: GET (the standalone SSE
/// stream) and DELETE (session end) served on the MCP endpoint, the
/// 2024-11-05 HTTP+SSE transport's `/sse` stream beside its POST endpoint,
/// and Last-Event-ID resumption.
class LegacyHttpEndpointsCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// One route registration: `server.Get("/mcp", handler)`.
  struct Route {
    std::string verb;    ///< "GET", "POST", "DELETE".
    std::string pathKey; ///< The path's literal or declaration; "" unknown.
    std::string path;    ///< As the message names it.
    SourceSpan site;     ///< The registration's callee name.
    bool answers405 = false;
    bool passesHandlerAlong =
        false; ///< The handler is a variable or parameter.
  };

private:
  std::vector<Route> Routes;
};

} // namespace mcp_cutover
