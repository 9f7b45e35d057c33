#include "checks/protocol/ScopeNotAccumulatedCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/CodeReach.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"

#include <set>

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "scope-not-accumulated";
/// How far from the step-up branch a re-authorization is followed: the
/// branch calls `authorize(scope)`, which calls `authorization_url(scope)`.
constexpr int ReachDepth = 2;

/// Whether `Text` is the step-up error code as a client tests for it:
/// "insufficient_scope", or `error="insufficient_scope"` searched for in the
/// header; not a look-alike ("insufficient_scopes_seen").
bool namesInsufficientScope(llvm::StringRef Text) {
  return Text == "insufficient_scope" ||
         Text == "error=\"insufficient_scope\"" ||
         Text == "error=insufficient_scope";
}

/// Whether `Literal` is compared with or searched for, not written:
/// `error == "insufficient_scope"`, `header.find("insufficient_scope")`.
bool isTestedFor(const Expr *Literal, ASTContext &Context) {
  ExprUser User = findUser(Literal, Context);
  if (const auto *Op = User.node.get<BinaryOperator>())
    return Op->isEqualityOp();
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>())
    return Op->getOperator() == OO_EqualEqual ||
           Op->getOperator() == OO_ExclaimEqual;
  if (const auto *Call = User.node.get<CallExpr>())
    return hasWord(identifierWords(calleeName(Call)),
                   {"find", "rfind", "contains", "compare", "search", "match",
                    "equals", "starts", "ends", "startswith", "endswith",
                    "strstr", "strcmp", "strncmp", "count", "has", "includes"});
  return false;
}

/// Whether `Literal` names the `scope` parameter of a request being built:
/// a JSON or form member (`{"scope", s}`, `params["scope"] = s`), a named
/// argument (`form.add("scope", s)`), or a query or form text
/// (`"&scope=" + s`). The challenge's own `scope="..."` is read, not
/// written.
bool writesScope(const StringLiteral *Literal, ASTContext &Context) {
  if (!Literal->isOrdinary())
    return false;
  std::string Text = literalText(Literal);
  if (Text == "scope") {
    if (isWrittenJsonKey(Literal, Context))
      return true;
    ExprUser User = findUser(Literal, Context);
    const auto *Call = User.node.get<CallExpr>();
    return Call && Call->getNumArgs() >= 2 &&
           hasWord(identifierWords(calleeName(Call)),
                   {"set", "add", "append", "put", "insert", "emplace", "param",
                    "params", "query", "field", "with", "push", "pair", "form",
                    "arg"});
  }
  llvm::StringRef T(Text);
  for (size_t At = T.find("scope="); At != llvm::StringRef::npos;
       At = T.find("scope=", At + 1)) {
    bool WordStart = At == 0 || !(llvm::isAlnum(T[At - 1]) || T[At - 1] == '_');
    bool Quoted = At + 6 < T.size() && T[At + 6] == '"';
    if (WordStart && !Quoted)
      return !isTestedFor(Literal, Context);
  }
  return false;
}

const std::initializer_list<llvm::StringRef> ScopeWords = {"scope", "scopes"};
/// Words that say a scope set is the one the client holds, or a union.
const std::initializer_list<llvm::StringRef> HeldWords = {
    "granted",     "current", "previous", "prior",  "existing", "old",
    "accumulated", "all",     "union",    "merged", "combined", "known",
    "held",        "stored",  "saved",    "cached", "token",    "active",
    "had",         "have",    "original"};

/// Whether `S` shows the held scopes taking part: a name for them
/// (`granted_scopes_`, `token_.scope`, `current_scopes`), a union or merge
/// (`std::set_union`, `merge_scopes`), or the client's own scope member
/// (`this->scopes_`) read or added to.
bool showsHeldScopes(const Stmt *S, ASTContext &Context) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    std::vector<std::string> W = identifierWords(calleeName(Call));
    if (hasWord(W, {"union", "merge", "combine", "accumulate", "unite"}))
      return true;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    std::vector<std::string> W = identifierWords(referencedName(Ref));
    return hasWord(W, ScopeWords) && hasWord(W, HeldWords);
  }
  const auto *Member = dyn_cast<MemberExpr>(S);
  if (!Member || !Member->getMemberDecl()->getDeclName().isIdentifier())
    return false;
  std::vector<std::string> W =
      identifierWords(Member->getMemberDecl()->getName());
  if (!hasWord(W, ScopeWords))
    return false;
  std::vector<std::string> Base =
      identifierWords(referencedName(Member->getBase()));
  W.insert(W.end(), Base.begin(), Base.end());
  if (hasWord(W, HeldWords))
    return true;
  // The client's own scope set, unless it is being overwritten.
  if (!isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return false;
  ExprUser User = findUser(Member, Context);
  if (const auto *Assign = User.node.get<BinaryOperator>())
    return !(Assign->isAssignmentOp() && User.operand == Assign->getLHS());
  if (const auto *Assign = User.node.get<CXXOperatorCallExpr>())
    return !(Assign->getOperator() == OO_Equal &&
             User.operand == Assign->getArg(0));
  return true;
}

/// What a step-up path's code does with scopes: the first scope it writes
/// and whether the held scopes take part anywhere.
struct ScopeUse {
  const StringLiteral *firstWrite = nullptr;
  bool held = false;
};

ScopeUse scopeUseIn(llvm::ArrayRef<const Stmt *> Bodies, ASTContext &Context,
                    const SourceManager &SM) {
  ScopeUse Use;
  for (const Stmt *Body : Bodies) {
    llvm::SmallVector<const Stmt *, 64> Work{Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
        if (writesScope(Literal, Context) &&
            (!Use.firstWrite ||
             SM.isBeforeInTranslationUnit(Literal->getBeginLoc(),
                                          Use.firstWrite->getBeginLoc())))
          Use.firstWrite = Literal;
      } else if (showsHeldScopes(S, Context)) {
        Use.held = true;
      }
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  return Use;
}

/// The code that runs when the challenge is insufficient_scope: the branch
/// of the `if` testing it, else the function or lambda around it.
const Stmt *stepUpCode(const Expr *Literal, ASTContext &Context) {
  const Stmt *Code = nullptr;
  const SourceManager &SM = Context.getSourceManager();
  walkParents(
      DynTypedNode::create(*Literal), Context, 256, [&](const DynTypedNode &P) {
        if (const auto *If = P.get<IfStmt>()) {
          if (If->getCond() &&
              SM.isPointWithin(SM.getFileLoc(Literal->getBeginLoc()),
                               SM.getFileLoc(If->getCond()->getBeginLoc()),
                               SM.getFileLoc(If->getCond()->getEndLoc()))) {
            Code = If->getThen();
            return false;
          }
          return true;
        }
        if (const auto *Lambda = P.get<LambdaExpr>()) {
          Code = Lambda->getBody();
          return false;
        }
        if (const auto *F = P.get<FunctionDecl>()) {
          Code = F->getBody();
          return false;
        }
        return true;
      });
  return Code;
}
} // namespace

void ScopeNotAccumulatedCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
  // A named constant for the error code: `if (error == kInsufficientScope)`.
  Finder.addMatcher(declRefExpr(to(varDecl(hasInitializer(
                                    ignoringParenImpCasts(stringLiteral())))))
                        .bind("constant"),
                    this);
}

void ScopeNotAccumulatedCheck::run(const MatchFinder::MatchResult &Result) {
  const Expr *Use = nullptr;
  const StringLiteral *Text = nullptr;
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("constant")) {
    Use = Ref;
    Text = stringConstantOf(dyn_cast<VarDecl>(Ref->getDecl()));
  } else {
    Text = Result.Nodes.getNodeAs<StringLiteral>("literal");
    Use = Text;
  }
  if (!Use || !Text || !Text->isOrdinary() ||
      !namesInsufficientScope(literalText(Text)) ||
      !Context.Locations.isUserLocation(Use->getBeginLoc()))
    return;
  AST = Result.Context;
  // A resource server writes the challenge; only a client tests for it.
  if (inServerClass(Use, *AST) || !isTestedFor(Use, *AST) ||
      inTestAssertion(Use->getBeginLoc(), *Result.SourceManager,
                      AST->getLangOpts()))
    return;
  if (const Stmt *Code = stepUpCode(Use, *AST))
    StepUps.push_back({Use, Code});
}

void ScopeNotAccumulatedCheck::onEndOfTranslationUnit() {
  std::set<const FunctionDecl *> Reported;
  for (const StepUp &S : StepUps) {
    // One finding per function: a second test there is not walked again.
    const FunctionDecl *Function = enclosingFunction(S.challenge, *AST);
    if (Reported.count(Function))
      continue;
    const SourceManager &SM = AST->getSourceManager();
    ScopeUse Use = scopeUseIn(
        reachableBodies(S.code, ReachDepth, Context.Locations), *AST, SM);
    // A branch that only fails re-authorizes nothing: the function around
    // it may, after the branch (`if (err != "insufficient_scope") return;`).
    if (!Use.firstWrite && Function && Function->getBody() != S.code)
      Use = scopeUseIn(
          reachableBodies(Function->getBody(), ReachDepth, Context.Locations),
          *AST, SM);
    if (!Use.firstWrite || Use.held)
      continue;
    Reported.insert(Function);
    Context.report(
        RuleId, Context.Locations.span(S.challenge->getSourceRange()),
        "re-authorizes after an insufficient_scope challenge, and the scope "
        "it requests leaves out the scopes the client already holds: on "
        "step-up, request the union of the granted scopes and the "
        "challenged ones, so the new token does not lose earlier grants "
        "(SEP-2350, a SHOULD)",
        {{Context.Locations.span(Use.firstWrite->getSourceRange()),
          "the scope requested here"}});
  }
  StepUps.clear();
}

} // namespace mcp_cutover
