#include "checks/protocol/CredentialsNotIssuerKeyedCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "credentials-not-issuer-keyed";

/// A container named for credentials: tokens_, token_cache,
/// client_credentials, secrets.
bool namesCredentialStore(const Expr *Container) {
  return hasWord(
      identifierWords(referencedName(Container)),
      {"token", "tokens", "credential", "credentials", "secret", "secrets"});
}

/// The name the key expression goes by: a variable, member, or getter.
std::string keyName(const Expr *Key) {
  Key = ignoreWrappers(Key);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Key))
    return calleeName(Call);
  return referencedName(Key).str();
}

/// Whether a key's name says it is the MCP server (its URL, host, origin or
/// resource) rather than an authorization server's issuer.
bool namesResourceServer(llvm::StringRef Name) {
  std::vector<std::string> Words = identifierWords(Name);
  if (hasWord(Words, {"issuer", "iss", "authorization", "auth", "as"}))
    return false;
  return hasWord(Words, {"server", "url", "uri", "resource", "host", "endpoint",
                         "origin", "base", "mcp"});
}
} // namespace

void CredentialsNotIssuerKeyedCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("[]")).bind("subscript"),
      this);
  Finder.addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                            "emplace", "insert", "try_emplace",
                            "insert_or_assign", "store", "save", "put"))))
          .bind("insert"),
      this);
}

void CredentialsNotIssuerKeyedCheck::run(
    const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  const Expr *Container = nullptr, *Key = nullptr, *Site = nullptr;
  if (const auto *Op =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("subscript")) {
    // Only a store decides the key: `tokens_[url] = token`.
    ExprUser User = findUser(Op, ASTCtx);
    const auto *Assign = User.node.get<CXXOperatorCallExpr>();
    if (Op->getNumArgs() != 2 || !Assign || Assign->getOperator() != OO_Equal ||
        ignoreWrappers(Assign->getArg(0)) != Op)
      return;
    Container = Op->getArg(0);
    Key = Op->getArg(1);
    Site = Op;
  } else if (const auto *Call =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>("insert")) {
    if (Call->getNumArgs() < 2)
      return;
    Container = Call->getImplicitObjectArgument();
    Key = Call->getArg(0);
    Site = Call;
  }
  if (!Site || !Context.Locations.isUserLocation(Site->getBeginLoc()) ||
      !namesCredentialStore(Container) || inServerClass(Site, ASTCtx))
    return;
  std::string Name = keyName(Key);
  if (Name.empty() || !namesResourceServer(Name))
    return;
  Context.report(
      RuleId, Context.Locations.span(Key->getSourceRange()),
      "stores credentials in '" + referencedName(Container).str() +
          "' keyed by '" + Name +
          "', the MCP server rather than the authorization server's issuer: "
          "MCP 2026-07-28 clients must key stored tokens and client "
          "credentials by issuer and never send them to another "
          "authorization server (SEP-2352)");
}

} // namespace mcp_cutover
