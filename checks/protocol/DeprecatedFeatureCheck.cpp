#include "checks/protocol/DeprecatedFeatureCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/Capabilities.h"
#include "checks/utils/JsonText.h"

#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char Runway[] =
    "deprecated by MCP 2026-07-28 (SEP-2577), to be removed no earlier than "
    "the first revision on or after 2027-07-28";
} // namespace

DeprecatedFeatureCheck::DeprecatedFeatureCheck(TranslationUnitContext &Context,
                                               const DeprecatedFeature &Feature)
    : MethodSiteCheck(Context, {Feature.method}), Feature(Feature) {}

void DeprecatedFeatureCheck::registerMatchers(MatchFinder &Finder) {
  MethodSiteCheck::registerMatchers(Finder);
  Finder.addMatcher(memberExpr(member(fieldDecl(hasName(Feature.capability))))
                        .bind("capability-field"),
                    this);
}

void DeprecatedFeatureCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  std::string Advertises = std::string("advertises the ") + Feature.capability +
                           " capability: " + Runway + "; " + Feature.advice;
  if (const auto *Member =
          Result.Nodes.getNodeAs<MemberExpr>("capability-field")) {
    if (Context.Locations.isUserLocation(Member->getMemberLoc()) &&
        isCapabilityField(Member, Feature.capability, ASTCtx))
      Context.report(Feature.ruleId,
                     Context.Locations.span(Member->getMemberLoc()),
                     Advertises);
    return;
  }
  if (const auto *Literal =
          Result.Nodes.getNodeAs<StringLiteral>("method-literal");
      Literal && Context.Locations.isUserLocation(Literal->getBeginLoc()) &&
      isCapabilityMember(Literal, Feature.capability, ASTCtx)) {
    Context.report(Feature.ruleId,
                   Context.Locations.span(Literal->getSourceRange()),
                   Advertises);
    return;
  }
  if (const auto *Literal =
          Result.Nodes.getNodeAs<StringLiteral>("method-literal");
      Literal && Context.Locations.isUserLocation(Literal->getBeginLoc())) {
    // {"capabilities": {"logging": {}}} written out as JSON text, at the
    // key; a test comparing with the text checks a message.
    std::vector<JsonTextMember> Members = jsonTextMembers(literalText(Literal));
    if (!Members.empty() && !isExpectedMessageText(Literal, ASTCtx))
      for (const JsonTextMember &M : Members)
        if (M.key == Feature.capability && M.parentKey == "capabilities")
          Context.report(Feature.ruleId,
                         Context.Locations.span(
                             literalLocationOf(Literal, M.keyOffset, ASTCtx,
                                               /*AtCharacter=*/true)),
                         Advertises);
  }
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site || Site->jsonOffset)
    return;
  MethodUse How = classifyMethodUse(Site->use, ASTCtx, Context.Locations,
                                    /*BareNotification=*/false, "");
  std::string Through =
      Site->through.empty() ? "" : " (through " + Site->through + ")";
  if (Feature.methodSent) {
    if (!How.sends() || inClientClass(Site->use, ASTCtx))
      return;
    Context.report(
        Feature.ruleId, Context.Locations.span(Site->use->getSourceRange()),
        std::string(methodUseVerb(How.kind)) + " '" + Feature.method +
            "': " + Runway + "; " + Feature.advice + Through);
    return;
  }
  // A client that answers the server's request.
  if (!How.dispatches() || inServerClass(Site->use, ASTCtx))
    return;
  Context.report(
      Feature.ruleId, Context.Locations.span(Site->use->getSourceRange()),
      std::string(methodUseVerb(How.kind)) + " '" + Feature.method +
          "' (client side): " + Runway + "; " + Feature.advice + Through);
}

} // namespace mcp_cutover
