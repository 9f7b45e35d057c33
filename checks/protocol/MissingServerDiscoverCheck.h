//===- MissingServerDiscoverCheck.h - missing-server-discover -------------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

namespace mcp_cutover {

/// Records where server code dispatches on the methods a server answers, so
/// the linker can report every dispatcher of a project that handles
/// server/discover nowhere.
class MissingServerDiscoverCheck : public MethodSiteCheck {
public:
  explicit MissingServerDiscoverCheck(TranslationUnitContext &Context);
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace mcp_cutover
