#include "checks/protocol/RemovedMethodCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/StatementRemoval.h"

#include "clang/AST/ExprCXX.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "removed-method";

/// Which side answers a method, so which side sends it.
enum class Answerer { Server, Client, Either };

struct RemovedMethod {
  llvm::StringRef name;
  bool notification;
  Answerer answerer;
  const char *whenHandled; ///< What replaces it, for the side that answers.
  const char *whenSent;    ///< What to do instead, for the side that sends.
};

const RemovedMethod Removed[] = {
    {"ping", false, Answerer::Either,
     "a new-only server answers it with HTTP 404 and -32601; delete the "
     "handler once no old peer sends it",
     "a new-only server answers it with HTTP 404 and -32601; stop sending it"},
    {"logging/setLevel", false, Answerer::Server,
     "the log level now comes with each request in _meta "
     "'io.modelcontextprotocol/logLevel' (SEP-2577); delete the handler once "
     "no old client sends it",
     "send the log level with each request in _meta "
     "'io.modelcontextprotocol/logLevel' instead (SEP-2577)"},
    {"resources/subscribe", false, Answerer::Server,
     "change notifications now flow on a subscriptions/listen stream; delete "
     "the handler once no old client sends it",
     "open a subscriptions/listen stream for change notifications instead"},
    {"resources/unsubscribe", false, Answerer::Server,
     "change notifications now flow on a subscriptions/listen stream, which "
     "ends when the client closes it; delete the handler once no old client "
     "sends it",
     "close the subscriptions/listen stream instead"},
    {"notifications/roots/list_changed", true, Answerer::Server,
     "roots are deprecated (SEP-2577) and their change notification is gone; "
     "delete the handler",
     "roots are deprecated (SEP-2577) and their change notification is gone; "
     "stop sending it"},
    {"notifications/elicitation/complete", true, Answerer::Client,
     "elicitation now completes inside Multi Round-Trip Requests (SEP-2322); "
     "delete the handler",
     "elicitation now completes inside Multi Round-Trip Requests (SEP-2322): "
     "the client retries the request with inputResponses; stop sending it"},
};

const RemovedMethod *removedMethod(llvm::StringRef Name) {
  for (const RemovedMethod &M : Removed)
    if (M.name == Name)
      return &M;
  return nullptr;
}

std::vector<llvm::StringRef> removedNames() {
  std::vector<llvm::StringRef> Names;
  for (const RemovedMethod &M : Removed)
    Names.push_back(M.name);
  return Names;
}

/// The folded word a handler of `Method` is named with (ping, setlevel,
/// subscribe, listchanged, complete).
std::string handlerWord(llvm::StringRef Method) {
  return foldName(
      Method.rsplit('/').second.empty() ? Method : Method.rsplit('/').second);
}

/// The registration statement a registering use stands in, when deleting it
/// alone leaves valid code: `server.on("ping", fn);`,
/// `handlers["ping"] = fn;`.
const Stmt *registrationStatement(const Expr *Use, ASTContext &Context) {
  ExprUser User = findUser(Use, Context);
  const Expr *Registration = nullptr;
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>();
      Op && Op->getOperator() == OO_Subscript)
    Registration = findUser(Op, Context).node.get<CXXOperatorCallExpr>();
  else if (const auto *Call = User.node.get<CallExpr>())
    Registration = Call;
  return Registration ? wholeStatement(Registration, Context) : nullptr;
}
} // namespace

RemovedMethodCheck::RemovedMethodCheck(TranslationUnitContext &Context)
    : MethodSiteCheck(Context, removedNames()) {}

void RemovedMethodCheck::run(const MatchFinder::MatchResult &Result) {
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site)
    return;
  const RemovedMethod *M = removedMethod(Site->method);
  if (!M)
    return;
  ASTContext &ASTCtx = *Result.Context;
  const char *Kind = M->notification ? "notification" : "request";
  std::string Through =
      Site->through.empty() ? "" : " (through " + Site->through + ")";

  // A JSON-RPC message written out in a literal is one a peer sends; in a
  // comparison it is a test checking a message.
  if (Site->jsonOffset) {
    if (isComparison(findUser(Site->use, ASTCtx).node))
      return;
    const auto *Literal = cast<StringLiteral>(Site->use);
    SourceLocation At = literalLocationOf(Literal, *Site->jsonOffset, ASTCtx,
                                          /*AtCharacter=*/true);
    Context.report(RuleId, Context.Locations.span(At),
                   std::string("builds a message with the removed '") +
                       M->name.str() + "' " + Kind + ": " + M->whenSent);
    return;
  }

  MethodUse How =
      classifyMethodUse(Site->use, ASTCtx, Context.Locations,
                        /*BareNotification=*/false, handlerWord(M->name));
  if (How.sends()) {
    // The side that sends it: a client for the server's methods, the server
    // for the client's; for ping, the class it is sent from says.
    const char *Side = M->answerer == Answerer::Server    ? " (client side)"
                       : M->answerer == Answerer::Client  ? " (server side)"
                       : inServerClass(Site->use, ASTCtx) ? " (server side)"
                       : inClientClass(Site->use, ASTCtx) ? " (client side)"
                                                          : "";
    Context.report(RuleId, Context.Locations.span(Site->use->getSourceRange()),
                   std::string(methodUseVerb(How.kind)) + " the removed '" +
                       M->name.str() + "' " + Kind + Side + ": " + M->whenSent +
                       Through);
    return;
  }
  if (!How.dispatches())
    return;

  // A registration that is one statement goes with its handler's lambda.
  std::vector<FixIt> Fixes;
  if (How.kind == MethodUseKind::Register)
    if (const Stmt *S = registrationStatement(Site->use, ASTCtx))
      if (auto Fix = deleteStatement(S, Context.Locations))
        Fixes.push_back(*Fix);
  Context.report(
      RuleId, Context.Locations.span(Site->use->getSourceRange()),
      std::string(methodUseVerb(How.kind)) + " the removed '" + M->name.str() +
          "' " + Kind + ": " + M->whenHandled + Through,
      handlerLocation(How.handler, Context.Locations), std::move(Fixes));
}

} // namespace mcp_cutover
