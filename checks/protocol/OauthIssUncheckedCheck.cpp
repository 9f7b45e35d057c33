#include "checks/protocol/OauthIssUncheckedCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"

#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "oauth-iss-unchecked";
/// The sign of a client that checks the issuer: it reads "iss".
const char ReadsIss[] = "reads-iss";

/// Whether `Literal` asks the token endpoint to redeem a code:
/// `{"grant_type", "authorization_code"}`, `form["grant_type"] = ...`,
/// `add("grant_type", "authorization_code")`, or the form-encoded
/// "grant_type=authorization_code".
bool redeemsCode(const StringLiteral *Literal, ASTContext &Context) {
  std::string Text = literalText(Literal);
  if (llvm::StringRef(Text).contains("grant_type=authorization_code"))
    return true;
  if (Text != "authorization_code")
    return false;
  if (destinationName(Literal, Context) == "grant_type")
    return true;
  // add("grant_type", "authorization_code"): a sibling argument names it.
  ExprUser User = findUser(Literal, Context);
  if (const auto *Call = User.node.get<CallExpr>())
    for (const Expr *Arg : Call->arguments())
      if (literalText(asStringLiteral(Arg)) == "grant_type")
        return true;
  return false;
}
} // namespace

void OauthIssUncheckedCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
}

void OauthIssUncheckedCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal");
  if (!Literal || !Literal->isOrdinary() ||
      !Context.Locations.isUserLocation(Literal->getBeginLoc()))
    return;
  ASTContext &ASTCtx = *Result.Context;
  // An authorization server writes iss and answers token requests: only a
  // client reads the one and sends the other.
  if (inServerClass(Literal, ASTCtx))
    return;
  if (literalText(Literal) == "iss") {
    if (!isWrittenJsonKey(Literal, ASTCtx))
      Context.recordSign(ReadsIss);
    return;
  }
  // A test asserting the encoded form sends nothing.
  if (!redeemsCode(Literal, ASTCtx) ||
      inTestAssertion(Literal->getBeginLoc(), *Result.SourceManager,
                      ASTCtx.getLangOpts()))
    return;
  Context.reportUnless(
      {ReadsIss}, RuleId, Context.Locations.span(Literal->getSourceRange()),
      "redeems an authorization code, and the project reads the "
      "authorization response's iss nowhere: compare iss with the issuer "
      "recorded for the flow before redeeming the code, and reject a "
      "response without iss when the server's metadata has "
      "authorization_response_iss_parameter_supported (RFC 9207, SEP-2468)");
}

} // namespace mcp_cutover
