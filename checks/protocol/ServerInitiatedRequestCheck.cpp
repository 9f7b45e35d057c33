#include "checks/protocol/ServerInitiatedRequestCheck.h"

#include "checks/utils/AstUtil.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "server-initiated-request";

/// What the server asks the client for with each request.
const std::pair<llvm::StringRef, const char *> ServerRequests[] = {
    {"sampling/createMessage", "a completion from the client's model"},
    {"elicitation/create", "input from the user"},
    {"roots/list", "the client's roots"},
};

const char *whatItAsks(llvm::StringRef Method) {
  for (const auto &[Name, Asks] : ServerRequests)
    if (Name == Method)
      return Asks;
  return nullptr;
}

std::vector<llvm::StringRef> serverRequestNames() {
  std::vector<llvm::StringRef> Names;
  for (const auto &Entry : ServerRequests)
    Names.push_back(Entry.first);
  return Names;
}
} // namespace

ServerInitiatedRequestCheck::ServerInitiatedRequestCheck(
    TranslationUnitContext &Context)
    : MethodSiteCheck(Context, serverRequestNames()) {}

void ServerInitiatedRequestCheck::run(const MatchFinder::MatchResult &Result) {
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site)
    return;
  const char *Asks = whatItAsks(Site->method);
  ASTContext &ASTCtx = *Result.Context;
  // A JSON text is only a message a peer sends; which peer, its code says
  // nowhere, and a client answering these requests is the 2026 shape too.
  if (!Asks || Site->jsonOffset || inClientClass(Site->use, ASTCtx))
    return;
  MethodUse How = classifyMethodUse(Site->use, ASTCtx, Context.Locations,
                                    /*BareNotification=*/false, "");
  if (!How.sends())
    return;
  std::string Message =
      std::string(methodUseVerb(How.kind)) + " the server-initiated '" +
      Site->method + "' request, which asks the client for " + Asks +
      ": MCP 2026-07-28 has no server-to-client requests; return an "
      "InputRequiredResult with inputRequests from the request being served, "
      "and read the answer from inputResponses when the client retries it "
      "(Multi Round-Trip Requests, SEP-2322)";
  if (!Site->through.empty())
    Message += " (through " + Site->through + ")";
  Context.report(RuleId, Context.Locations.span(Site->use->getSourceRange()),
                 std::move(Message));
}

} // namespace mcp_cutover
