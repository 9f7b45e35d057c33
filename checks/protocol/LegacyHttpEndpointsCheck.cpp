#include "checks/protocol/LegacyHttpEndpointsCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "legacy-http-endpoints";

/// The HTTP verb a route registration's callee is named for
/// (`Get`, `Delete`, `Post` as cpp-httplib spells them), or "".
std::string verbOf(const CallExpr *Call) {
  std::string Name = foldName(calleeName(Call));
  if (Name == "get")
    return "GET";
  if (Name == "post")
    return "POST";
  if (Name == "delete" || Name == "del")
    return "DELETE";
  return "";
}

/// The path argument, looked through `.c_str()` and conversions.
const Expr *pathExpr(const Expr *E) {
  E = ignoreWrappers(E);
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (const auto *M = Call->getMethodDecl();
        M && M->getDeclName().isIdentifier() &&
        (M->getName() == "c_str" || M->getName() == "data"))
      return ignoreWrappers(Call->getImplicitObjectArgument());
  return E;
}

/// Whether a handler's body answers 405: the number, or an enumerator named
/// for it (`StatusCode::MethodNotAllowed_405`).
bool mentions405(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitIntegerLiteral(IntegerLiteral *L) {
      Found |= L->getValue() == 405;
      return !Found;
    }
    bool VisitDeclRefExpr(DeclRefExpr *R) {
      if (const auto *C = dyn_cast<EnumConstantDecl>(R->getDecl()))
        Found |= llvm::StringRef(foldName(C->getName())).contains("notallowed");
      return !Found;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

/// The body of the handler `E` (a lambda, or a function named directly).
const Stmt *handlerBody(const Expr *E) {
  E = ignoreWrappers(E);
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(E))
    return Lambda->getBody();
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(referencedDecl(E)))
    return F->getDefinition() ? F->getDefinition()->getBody() : nullptr;
  return nullptr;
}

bool isLastEventId(llvm::StringRef Text) {
  return Text.equals_insensitive("last-event-id");
}

/// Whether a header name is written into a request (a client resuming):
/// `headers.emplace("Last-Event-ID", id)`, `set_header(...)`,
/// `{"Last-Event-ID", id}`.
bool sendsHeader(const ExprUser &User) {
  if (User.throughInitList)
    return true;
  if (const auto *Call = User.node.get<CallExpr>()) {
    std::string Name = foldName(calleeName(Call));
    for (const char *W : {"set", "add", "emplace", "insert", "push", "append"})
      if (llvm::StringRef(Name).contains(W))
        return true;
  }
  return false;
}
} // namespace

void LegacyHttpEndpointsCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(argumentCountAtLeast(2),
               callee(functionDecl(hasAnyName("Get", "Post", "Delete", "get",
                                              "post", "del", "Del"))))
          .bind("route"),
      this);
  Finder.addMatcher(stringLiteral().bind("header-literal"), this);
}

void LegacyHttpEndpointsCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  if (const auto *Literal =
          Result.Nodes.getNodeAs<StringLiteral>("header-literal")) {
    if (!isLastEventId(literalText(Literal)) ||
        !Context.Locations.isUserLocation(Literal->getBeginLoc()))
      return;
    ExprUser User = findUser(Literal, ASTCtx);
    if (sendsHeader(User)) {
      Context.report(RuleId, Context.Locations.span(Literal->getSourceRange()),
                     "sends Last-Event-ID to resume an SSE stream (client "
                     "side): MCP 2026-07-28 servers ignore it; when a stream "
                     "breaks, re-issue the request with a new id");
      return;
    }
    // Read by a call or a lookup (get_header_value, has_header, find, []).
    if (!User.node.get<CallExpr>())
      return;
    Context.report(RuleId, Context.Locations.span(Literal->getSourceRange()),
                   "reads Last-Event-ID to resume an SSE stream: MCP "
                   "2026-07-28 removed resumption (a client re-issues its "
                   "request with a new id when a stream breaks); drop the "
                   "replay and the events kept for it");
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("route");
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()))
    return;
  // An HTTP client's GET (`httplib::Client::Get("/sse", ...)`) opens a
  // stream; only a server's routes serve one.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXRecordDecl *Receiver = Member->getRecordDecl();
        Receiver && Receiver->getDeclName().isIdentifier() &&
        hasWord(identifierWords(Receiver->getName()), {"client"}))
      return;
  std::string Verb = verbOf(Call);
  const Expr *Handler = Call->getArg(Call->getNumArgs() - 1);
  Callable C = callableOf(Handler);
  if (Verb.empty() || !C.found)
    return;
  Route R;
  R.verb = Verb;
  const Expr *Path = pathExpr(Call->getArg(0));
  if (const auto *Literal = dyn_cast_or_null<StringLiteral>(Path)) {
    R.path = literalText(Literal);
    R.pathKey = "literal:" + R.path;
  } else if (const auto *D =
                 dyn_cast_or_null<ValueDecl>(referencedDecl(Path))) {
    R.path = D->getName().str();
    R.pathKey = declKey(D, Context.Locations);
  }
  SourceLocation At = Call->getBeginLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      At = ME->getMemberLoc();
  R.site = Context.Locations.span(At);
  const Stmt *Body = handlerBody(Handler);
  R.answers405 = Body && mentions405(Body);
  R.passesHandlerAlong = C.target && isa<VarDecl>(C.target);
  Routes.push_back(std::move(R));
}

void LegacyHttpEndpointsCheck::onEndOfTranslationUnit() {
  auto PostAt = [&](auto &&Accept) {
    for (const Route &P : Routes)
      if (P.verb == "POST" && Accept(P))
        return &P;
    return static_cast<const Route *>(nullptr);
  };
  for (const Route &R : Routes) {
    if (R.verb == "POST" || R.answers405 || R.passesHandlerAlong ||
        R.pathKey.empty())
      continue;
    // The same endpoint as a POST route: the MCP endpoint.
    if (PostAt([&](const Route &P) {
          // A POST that answers 405 serves nothing there.
          return P.pathKey == R.pathKey && !P.passesHandlerAlong &&
                 !P.answers405;
        })) {
      if (R.verb == "GET")
        Context.report(RuleId, R.site,
                       "serves HTTP GET on the MCP endpoint '" + R.path +
                           "' (the standalone SSE stream): MCP 2026-07-28 "
                           "removed it; answer 405 Method Not Allowed and "
                           "send change notifications on a "
                           "subscriptions/listen POST stream");
      else
        Context.report(RuleId, R.site,
                       "serves HTTP DELETE on the MCP endpoint '" + R.path +
                           "' (ending a session): MCP 2026-07-28 has no "
                           "sessions to end; answer 405 Method Not Allowed");
      continue;
    }
    // The 2024-11-05 transport: a GET event stream named for SSE beside a
    // POST endpoint named for messages (message, msg).
    if (R.verb != "GET" || !llvm::StringRef(foldName(R.path)).contains("sse"))
      continue;
    if (const Route *P = PostAt([&](const Route &P) {
          std::string Path = foldName(P.path);
          return llvm::StringRef(Path).contains("message") ||
                 llvm::StringRef(Path).contains("msg");
        }))
      Context.report(RuleId, R.site,
                     "serves the 2024-11-05 HTTP+SSE transport's event "
                     "stream '" +
                         R.path + "' beside its POST endpoint '" + P->path +
                         "': the transport is deprecated; serve Streamable "
                         "HTTP, POST on one endpoint");
  }
}

} // namespace mcp_cutover
