//===- CacheableResultFieldsCheck.h - cacheable-result-fields -------------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace mcp_cutover {

/// Finds results of server/discover, the list methods and resources/read
/// built without the ttlMs and cacheScope body fields.
class CacheableResultFieldsCheck : public MethodSiteCheck {
public:
  explicit CacheableResultFieldsCheck(TranslationUnitContext &Context);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Code that serves one cacheable method: a registered handler's body,
  /// or the branch of a comparison on the method.
  struct Handler {
    std::string method;
    /// Its code, and the bodies of the project's functions it calls (two
    /// calls deep: `handle_tools_list()`, then `with_cache_fields(...)`).
    std::vector<clang::SourceRange> ranges;
  };
  /// A result's list member written (`{"tools", list}`), or its key passed
  /// to a function that writes it (`paginate(list, "tools")`).
  struct ResultKey {
    std::string key;
    clang::SourceLocation at;
    SourceSpan span;
    /// Where `, {"ttlMs", 0}, {"cacheScope", "private"}` goes after the
    /// braced pair; invalid for other shapes.
    clang::SourceLocation pairEnd;
  };
  std::vector<Handler> Handlers;
  std::vector<ResultKey> Keys;
  /// Where the TU writes "ttlMs" and "cacheScope", and "Cache-Control".
  std::vector<clang::SourceLocation> Ttl, Scope;
  bool SetsCacheControl = false;
  const clang::SourceManager *SM = nullptr;
};

} // namespace mcp_cutover
