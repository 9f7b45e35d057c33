#include "checks/protocol/HeaderValidationMissingCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/CodeReach.h"
#include "checks/utils/HttpHeaders.h"
#include "checks/utils/MethodUse.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "header-validation-missing";
/// The signs of a server that validates the routing headers: it reads
/// Mcp-Method, and it answers HeaderMismatch.
const char ReadsMcpMethod[] = "reads-mcp-method";
const char AnswersHeaderMismatch[] = "answers-header-mismatch";

/// Whether `E` reads an HTTP request's body: `req.body`, `request.body()`,
/// `req->body`, on an object whose type is named for a request.
bool readsRequestBody(const Expr *E) {
  E = ignoreWrappers(E);
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
    if (Member->getMemberDecl()->getDeclName().isIdentifier() &&
        Member->getMemberDecl()->getName() == "body")
      Object = Member->getBase();
  } else if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    if (calleeName(Call) == "body")
      Object = Call->getImplicitObjectArgument();
  }
  if (!Object)
    return false;
  QualType T = Object->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  std::string Type = llvm::StringRef(T.getAsString()).lower();
  return llvm::StringRef(Type).contains("request") &&
         !llvm::StringRef(Type).contains("response");
}

/// The body of the innermost function or lambda around `E`, and its name
/// for the message.
std::pair<const Stmt *, std::string> handlerOf(const Expr *E,
                                               ASTContext &Context) {
  std::pair<const Stmt *, std::string> Out{nullptr, ""};
  walkParents(DynTypedNode::create(*E), Context, 256,
              [&](const DynTypedNode &P) {
                if (const auto *Lambda = P.get<LambdaExpr>()) {
                  Out.first = Lambda->getBody();
                  return false;
                }
                if (const auto *F = P.get<FunctionDecl>()) {
                  Out.first = F->getBody();
                  // A lambda's call operator is named by the function
                  // around it, below.
                  const auto *Method = dyn_cast<CXXMethodDecl>(F);
                  if (!Method || !Method->getParent()->isLambda())
                    Out.second = "'" + readableName(*F) + "'";
                  return false;
                }
                return true;
              });
  if (Out.first && Out.second.empty()) {
    const FunctionDecl *Around = enclosingFunction(E, Context);
    Out.second = Around
                     ? "the request handler in '" + readableName(*Around) + "'"
                     : "a request handler";
  }
  return Out;
}
} // namespace

void HeaderValidationMissingCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr().bind("call"), this);
  Finder.addMatcher(stringLiteral().bind("literal"), this);
  Finder.addMatcher(
      unaryOperator(hasOperatorName("-"),
                    hasUnaryOperand(ignoringParenImpCasts(integerLiteral())))
          .bind("negative"),
      this);
}

void HeaderValidationMissingCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  SM = Result.SourceManager;
  if (const auto *Negative =
          Result.Nodes.getNodeAs<UnaryOperator>("negative")) {
    const auto *Number =
        cast<IntegerLiteral>(Negative->getSubExpr()->IgnoreParenImpCasts());
    if (integerValue(Number) == 32020 &&
        Context.Locations.isUserLocation(Negative->getBeginLoc()))
      Context.recordSign(AnswersHeaderMismatch);
    return;
  }
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    if (!Literal->isOrdinary() ||
        !Context.Locations.isUserLocation(Literal->getBeginLoc()))
      return;
    std::string Text = literalText(Literal);
    if (Text == "method" || Text == "jsonrpc") {
      JsonRpcKeys.push_back(SM->getFileLoc(Literal->getBeginLoc()));
      return;
    }
    HeaderLiteralMatch Match = matchHeaderLiteral(Text, "mcp-method");
    if (Match.shape == HeaderLiteralShape::Name &&
        classifyHeaderUse(Literal, Match.shape, ASTCtx) == HeaderUse::Read)
      Context.recordSign(ReadsMcpMethod);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()) ||
      !llvm::StringRef(foldName(calleeName(Call))).contains("parse") ||
      !llvm::any_of(Call->arguments(), readsRequestBody))
    return;
  auto [Body, Name] = handlerOf(Call, ASTCtx);
  if (!Body)
    return;
  SourceLocation At = SM->getFileLoc(Call->getBeginLoc());
  auto [It, Inserted] = Handlers.try_emplace(Body);
  if (!Inserted && !SM->isBeforeInTranslationUnit(At, It->second.at))
    return;
  It->second = {Name, Context.Locations.span(Call->getSourceRange()), At, Body};
}

void HeaderValidationMissingCheck::onEndOfTranslationUnit() {
  for (const auto &[Key, H] : Handlers) {
    // A body parsed but not dispatched as JSON-RPC (a REST route's
    // payload) is not this rule's.
    if (!anyWithin(JsonRpcKeys,
                   reachableCode(H.body, /*Depth=*/1, Context.Locations), *SM))
      continue;
    Context.reportUnless(
        {ReadsMcpMethod, AnswersHeaderMismatch}, RuleId, H.site,
        H.name +
            " parses a JSON-RPC request body and dispatches it, but the "
            "project never checks the Mcp-Method header against the body "
            "and answers -32020: MCP 2026-07-28 servers must reject a "
            "missing or different Mcp-Method (and Mcp-Name for tools/call, "
            "resources/read and prompts/get) with HTTP 400 and JSON-RPC "
            "-32020 HeaderMismatch, since gateways route on the headers "
            "(SEP-2243)");
  }
  Handlers.clear();
  JsonRpcKeys.clear();
}

} // namespace mcp_cutover
