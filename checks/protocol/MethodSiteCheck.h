//===- MethodSiteCheck.h - Checks that read where methods are named -------===//
#pragma once

#include "checks/Check.h"
#include "checks/utils/MethodUse.h"

#include <utility>
#include <vector>

namespace mcp_cutover {

/// A check that looks at every place the user's code writes one of a set of
/// method names (`Sites.siteOf` in `run` says which match is one).
class MethodSiteCheck : public Check {
public:
  MethodSiteCheck(TranslationUnitContext &Context,
                  std::vector<llvm::StringRef> Methods)
      : Check(Context), Sites(std::move(Methods)) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override {
    Sites.registerMatchers(Finder, this);
  }

protected:
  MethodSiteMatcher Sites;
};

} // namespace mcp_cutover
