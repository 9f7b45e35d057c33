//===- InitializeHandlerCheck.h - initialize-handler ----------------------===//
#pragma once

#include "checks/Check.h"

#include <set>

namespace mcp_cutover {

/// Finds server code that dispatches the removed `initialize` request or the
/// `notifications/initialized` notification (and the handler it runs), and
/// client code that sends or builds them.
class InitializeHandlerCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void inspect(const clang::Expr *Use, const std::string &Method,
               const std::string &Through, clang::ASTContext &ASTCtx);
  /// An SDK's typed handshake message (InitializeRequest): tested by type
  /// in a dispatcher, or built by a client.
  void inspectTyped(const clang::ast_matchers::MatchFinder::MatchResult &R);
  /// Reports client code that sends or builds the legacy handshake.
  void reportClient(clang::SourceRange Where, bool Sends,
                    const std::string &Method, const std::string &Through);
  std::set<unsigned> TypedMessages; ///< Where typed messages were reported.
};

} // namespace mcp_cutover
