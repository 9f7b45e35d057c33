//===- DeprecatedFeatureCheck.h - The features SEP-2577 deprecates --------===//
#pragma once

#include "checks/protocol/MethodSiteCheck.h"

namespace mcp_cutover {

/// What one deprecated feature looks like in code, and what to say about it.
struct DeprecatedFeature {
  const char *ruleId;
  const char *capability; ///< The capabilities member: "logging".
  const char *method;     ///< The message it lives on: "notifications/message".
  bool methodSent;    ///< Reported where sent (else where a client answers it).
  const char *advice; ///< What to do, after the deprecation sentence.
};

/// Finds where code advertises a capability MCP 2026-07-28 deprecates
/// (SEP-2577) and where it uses the message that goes with it; the rules
/// deprecated-logging, deprecated-roots and deprecated-sampling are
/// instances of it.
class DeprecatedFeatureCheck : public MethodSiteCheck {
public:
  DeprecatedFeatureCheck(TranslationUnitContext &Context,
                         const DeprecatedFeature &Feature);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const DeprecatedFeature &Feature;
};

} // namespace mcp_cutover
