//===- MissingServerDiscoverCheck.h - missing-server-discover -------------===//
#pragma once

#include "checks/Check.h"
#include "checks/utils/MethodUse.h"

namespace mcp_cutover {

/// Records where server code dispatches on the methods a server answers, so
/// the linker can report every dispatcher of a project that handles
/// server/discover nowhere.
class MissingServerDiscoverCheck : public Check {
public:
  explicit MissingServerDiscoverCheck(TranslationUnitContext &Context);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  MethodSiteMatcher Sites;
};

} // namespace mcp_cutover
