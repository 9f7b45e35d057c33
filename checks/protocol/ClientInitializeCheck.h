//===- ClientInitializeCheck.h - client-initialize ------------------------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Finds client code that opens with the legacy initialize handshake,
/// reported when no client code of the project tries 2026-07-28 first.
class ClientInitializeCheck : public MethodSiteCheck {
public:
  explicit ClientInitializeCheck(TranslationUnitContext &Context);
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct Handshake {
    std::string sender; ///< "'Client::connect'", for the message.
    /// Each handshake message it sends: where, and which method.
    std::vector<std::pair<SourceSpan, std::string>> sends;
  };
  /// By the sending function's definition (SourceSpan::key()).
  std::map<std::string, Handshake> Handshakes;
};

} // namespace mcp_cutover
