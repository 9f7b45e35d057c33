#include "checks/protocol/ClientMissingRoutingHeadersCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/CodeReach.h"
#include "checks/utils/HttpHeaders.h"
#include "checks/utils/MethodUse.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "client-missing-routing-headers";
/// The signs of a client that sends what 2026-07-28 routes on.
const char SendsMcpMethod[] = "sends-mcp-method";
const char SendsProtocolVersion[] = "sends-mcp-protocol-version";
const char SendsMetaVersion[] = "sends-meta-protocol-version";

/// A call that POSTs a body to a URL (`cli.Post(path, body, type)`), not a
/// server registering a POST route (`svr.Post("/mcp", handler)`).
bool isClientPost(const CallExpr *Call) {
  if (foldName(calleeName(Call)) != "post")
    return false;
  for (const Expr *Arg : Call->arguments())
    if (callableOf(Arg).found)
      return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    std::string Type =
        llvm::StringRef(
            Member->getImplicitObjectArgument()->getType().getAsString())
            .lower();
    if (llvm::StringRef(Type).contains("server"))
      return false;
  }
  return true;
}

/// Whether a header literal is written into a request: a pair key of a
/// header list, an argument of set_header/emplace/append, a raw header line.
bool writesHeader(const StringLiteral *Literal, llvm::StringRef Needle,
                  ASTContext &Context) {
  HeaderLiteralMatch Match = matchHeaderLiteral(literalText(Literal), Needle);
  if (Match.shape != HeaderLiteralShape::Name &&
      Match.shape != HeaderLiteralShape::HeaderLine)
    return false;
  return classifyHeaderUse(Literal, Match.shape, Context) == HeaderUse::Write ||
         isWrittenJsonKey(Literal, Context);
}
} // namespace

void ClientMissingRoutingHeadersCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr().bind("call"), this);
  Finder.addMatcher(stringLiteral().bind("literal"), this);
}

void ClientMissingRoutingHeadersCheck::run(
    const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  SM = Result.SourceManager;
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    if (!Literal->isOrdinary() ||
        !Context.Locations.isUserLocation(Literal->getBeginLoc()))
      return;
    std::string Text = literalText(Literal);
    if (Text == "jsonrpc" || llvm::StringRef(Text).contains("\"jsonrpc\"")) {
      JsonRpcKeys.push_back(SM->getFileLoc(Literal->getBeginLoc()));
      return;
    }
    if (inServerClass(Literal, ASTCtx))
      return;
    if (Text == "io.modelcontextprotocol/protocolVersion" &&
        isWrittenJsonKey(Literal, ASTCtx))
      Context.recordSign(SendsMetaVersion);
    else if (writesHeader(Literal, "mcp-method", ASTCtx))
      Context.recordSign(SendsMcpMethod);
    else if (writesHeader(Literal, "mcp-protocol-version", ASTCtx))
      Context.recordSign(SendsProtocolVersion);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()) ||
      !isClientPost(Call) || inServerClass(Call, ASTCtx))
    return;
  const FunctionDecl *F = enclosingFunction(Call, ASTCtx);
  if (!F || !F->getBody())
    return;
  SourceLocation At = SM->getFileLoc(Call->getBeginLoc());
  auto [It, Inserted] = Posters.try_emplace(F->getBody());
  if (!Inserted && !SM->isBeforeInTranslationUnit(At, It->second.at))
    return;
  It->second = {"'" + readableName(*F) + "'",
                Context.Locations.span(Call->getSourceRange()), At,
                F->getBody()};
}

void ClientMissingRoutingHeadersCheck::onEndOfTranslationUnit() {
  for (const auto &[Key, P] : Posters) {
    // Only a JSON-RPC message: a REST call or an LLM API request is not
    // MCP's.
    if (!anyWithin(JsonRpcKeys,
                   reachableCode(P.body, /*Depth=*/1, Context.Locations), *SM))
      continue;
    Context.reportUnless(
        {SendsMcpMethod, SendsProtocolVersion, SendsMetaVersion}, RuleId,
        P.site,
        P.name +
            " POSTs a JSON-RPC message, and no client code of the project "
            "sends the MCP 2026-07-28 routing headers: send Mcp-Method (the "
            "method), Mcp-Name (params.name, or params.uri for "
            "resources/read) and MCP-Protocol-Version on every POST, and "
            "_meta io.modelcontextprotocol/protocolVersion and "
            "clientCapabilities in the body; gateways route on the headers "
            "(SEP-2243, SEP-2575)");
  }
  Posters.clear();
  JsonRpcKeys.clear();
}

} // namespace mcp_cutover
