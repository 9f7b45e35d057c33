//===- HeaderValidationMissingCheck.h - header-validation-missing ---------===//
#pragma once

#include "checks/Check.h"

#include "clang/AST/Stmt.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Finds HTTP handlers that parse and dispatch a JSON-RPC request body in a
/// project that never checks the Mcp-Method header against it and never
/// answers -32020.
class HeaderValidationMissingCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct HandlerParse {
    std::string name; ///< For the message: "'Server::handle_post'".
    SourceSpan site;  ///< The first parse of the request body in it.
    clang::SourceLocation at;
    const clang::Stmt *body = nullptr;
  };
  /// By the handler's body (a lambda's or a function's), in source order.
  std::map<const clang::Stmt *, HandlerParse> Handlers;
  /// Where the unit writes "method" or "jsonrpc": JSON-RPC is dispatched.
  std::vector<clang::SourceLocation> JsonRpcKeys;
  const clang::SourceManager *SM = nullptr;
};

} // namespace mcp_cutover
