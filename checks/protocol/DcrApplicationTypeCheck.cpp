#include "checks/protocol/DcrApplicationTypeCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "dcr-application-type";

/// The client metadata keys (RFC 7591) that make an object with
/// redirect_uris a registration request.
bool isClientMetadataKey(llvm::StringRef Key) {
  return Key == "grant_types" || Key == "client_name" ||
         Key == "token_endpoint_auth_method" || Key == "response_types";
}

/// The JSON keys written in `Body` (pair keys and assigned subscripts).
std::set<std::string> writtenKeys(const Stmt *Body, ASTContext &Context) {
  std::set<std::string> Keys;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
      if (isWrittenJsonKey(Literal, Context))
        Keys.insert(literalText(Literal));
      continue;
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return Keys;
}

} // namespace

void DcrApplicationTypeCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
}

void DcrApplicationTypeCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Key = Result.Nodes.getNodeAs<StringLiteral>("literal");
  if (!Key || !Key->isOrdinary() || literalText(Key) != "redirect_uris" ||
      !Context.Locations.isUserLocation(Key->getBeginLoc()))
    return;
  ASTContext &ASTCtx = *Result.Context;
  // An authorization server answering a registration echoes the metadata:
  // only a client's request counts.
  if (!isWrittenJsonKey(Key, ASTCtx) || inServerClass(Key, ASTCtx))
    return;
  const FunctionDecl *F = enclosingFunction(Key, ASTCtx);
  if (!F || !F->getBody())
    return;
  std::set<std::string> Keys = writtenKeys(F->getBody(), ASTCtx);
  if (Keys.count("application_type") ||
      llvm::none_of(
          Keys, [](const std::string &K) { return isClientMetadataKey(K); }))
    return;
  std::vector<FixIt> Fixes;
  // Before the braced pair: {"application_type", "native"}, {"redirect_uris"...
  if (const InitListExpr *Pair = bracedPairOf(Key, ASTCtx);
      Pair && Pair->getBeginLoc().isFileID()) {
    SourceSpan Before = Context.Locations.point(Pair->getBeginLoc());
    Before.endLine = Before.line;
    Before.endColumn = Before.column;
    Fixes.push_back({Before, "{\"application_type\", \"native\"}, "});
  }
  Context.report(
      RuleId, Context.Locations.span(Key->getSourceRange()),
      "'" + readableName(*F) +
          "' builds a Dynamic Client Registration request without "
          "application_type: MCP 2026-07-28 clients must send it, 'native' "
          "for desktop, CLI and localhost clients, 'web' for remote web apps "
          "(SEP-837); Dynamic Client Registration itself is deprecated in "
          "favour of Client ID Metadata Documents",
      {}, std::move(Fixes));
}

} // namespace mcp_cutover
