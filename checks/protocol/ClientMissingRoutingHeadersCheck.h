//===- ClientMissingRoutingHeadersCheck.h - client-missing-routing-headers ===//
#pragma once

#include "checks/Check.h"

#include "clang/AST/Stmt.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Finds client code that POSTs JSON-RPC in a project whose clients never
/// send the 2026-07-28 routing headers and _meta protocol version.
class ClientMissingRoutingHeadersCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct Poster {
    std::string name; ///< "'Client::send'", for the message.
    SourceSpan site;  ///< Its first POST.
    clang::SourceLocation at;
    const clang::Stmt *body = nullptr;
  };
  /// By the sending function's body.
  std::map<const clang::Stmt *, Poster> Posters;
  /// Where the unit writes "jsonrpc" (a key, or inside a JSON text).
  std::vector<clang::SourceLocation> JsonRpcKeys;
  const clang::SourceManager *SM = nullptr;
};

} // namespace mcp_cutover
