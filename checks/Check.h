//===- Check.h - The interface every mcp-cutover check implements ---------===//
#pragma once

#include "checks/Finding.h"
#include "checks/SdkProfile.h"
#include "checks/utils/LocationUtil.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

#include <memory>
#include <string>

namespace clang {
class Preprocessor;
}

namespace mcp_cutover {

/// What one translation unit's checks share: where code is, whose it is, and
/// the sink for what they find.
struct TranslationUnitContext {
  const LocationUtil &Locations;
  TranslationUnitFacts &Facts;
  const SdkProfileSet &Profiles;

  void report(std::string RuleId, SourceSpan Span, std::string Message,
              std::vector<RelatedLocation> Related = {},
              std::vector<FixIt> Fixes = {}) {
    Facts.findings.push_back(makeFinding(std::move(RuleId), std::move(Span),
                                         std::move(Message), std::move(Related),
                                         std::move(Fixes)));
  }
  /// Reports a finding that stands only if the units of the project do not
  /// record every one of `Signs` (ConditionalFinding).
  void reportUnless(std::vector<std::string> Signs, std::string RuleId,
                    SourceSpan Span, std::string Message,
                    std::vector<RelatedLocation> Related = {},
                    std::vector<FixIt> Fixes = {}) {
    Facts.conditionalFindings.push_back(
        {std::move(Signs),
         {},
         makeFinding(std::move(RuleId), std::move(Span), std::move(Message),
                     std::move(Related), std::move(Fixes))});
  }
  /// Reports a finding that stands only if the units of the project record
  /// every one of `Signs`.
  void reportOnlyIf(std::vector<std::string> Signs, std::string RuleId,
                    SourceSpan Span, std::string Message) {
    Facts.conditionalFindings.push_back(
        {{},
         std::move(Signs),
         makeFinding(std::move(RuleId), std::move(Span), std::move(Message), {},
                     {})});
  }
  void recordSign(std::string Sign) {
    Facts.projectSigns.insert(std::move(Sign));
  }

private:
  static Finding makeFinding(std::string RuleId, SourceSpan Span,
                             std::string Message,
                             std::vector<RelatedLocation> Related,
                             std::vector<FixIt> Fixes) {
    Finding F;
    F.ruleId = std::move(RuleId);
    F.span = std::move(Span);
    F.message = std::move(Message);
    F.related = std::move(Related);
    F.fixes = std::move(Fixes);
    return F;
  }
};

/// A check is created per translation unit, hooks its matchers on the TU's
/// single MatchFinder, and writes findings and facts into the context.
class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  explicit Check(TranslationUnitContext &Context) : Context(Context) {}
  ~Check() override;
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;
  virtual void registerPPCallbacks(clang::Preprocessor &) {}

protected:
  TranslationUnitContext &Context;
};

} // namespace mcp_cutover
