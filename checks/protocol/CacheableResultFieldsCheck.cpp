#include "checks/protocol/CacheableResultFieldsCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/Capabilities.h"
#include "checks/utils/CodeReach.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "cacheable-result-fields";

/// Each cacheable method and the member its result lists.
constexpr std::pair<llvm::StringRef, llvm::StringRef> Cacheable[] = {
    {"server/discover", "supportedVersions"},
    {"tools/list", "tools"},
    {"prompts/list", "prompts"},
    {"resources/list", "resources"},
    {"resources/templates/list", "resourceTemplates"},
    {"resources/read", "contents"},
};

llvm::StringRef memberOf(llvm::StringRef Method) {
  for (const auto &[M, Key] : Cacheable)
    if (M == Method)
      return Key;
  return "";
}

bool isResultMember(llvm::StringRef Text) {
  return llvm::any_of(Cacheable,
                      [&](const auto &Entry) { return Entry.second == Text; });
}

std::vector<llvm::StringRef> cacheableMethods() {
  std::vector<llvm::StringRef> Methods;
  for (const auto &Entry : Cacheable)
    Methods.push_back(Entry.first);
  return Methods;
}

/// The branch a comparison on the method guards: `if (method ==
/// "tools/list") { ... }`.
const Stmt *guardedBranch(const Expr *Use, ASTContext &Context) {
  const Stmt *Branch = nullptr;
  const Stmt *Child = Use;
  walkParents(DynTypedNode::create(*Use), Context, 12,
              [&](const DynTypedNode &P) {
                if (const auto *If = P.get<IfStmt>()) {
                  if (If->getCond() == Child)
                    Branch = If->getThen();
                  return false;
                }
                const auto *S = P.get<Stmt>();
                if (!S)
                  return false;
                Child = S;
                return true;
              });
  return Branch;
}

/// How many calls deep a handler's code is followed into the project's
/// functions.
constexpr int CallDepth = 2;

/// A call that reads a JSON member by key (`result.contains("tools")`,
/// `j.value("tools", def)`) rather than writing one.
bool readsMember(const CallExpr *Call) {
  static const llvm::StringRef Readers[] = {
      "contains", "find",  "count", "at",     "value",
      "get",      "erase", "has",   "exists", "is_null"};
  return isa<CXXMemberCallExpr>(Call) &&
         llvm::is_contained(Readers, calleeName(Call));
}

} // namespace

CacheableResultFieldsCheck::CacheableResultFieldsCheck(
    TranslationUnitContext &Context)
    : MethodSiteCheck(Context, cacheableMethods()) {}

void CacheableResultFieldsCheck::registerMatchers(MatchFinder &Finder) {
  MethodSiteCheck::registerMatchers(Finder);
  Finder.addMatcher(stringLiteral().bind("result-key"), this);
}

void CacheableResultFieldsCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &ASTCtx = *Result.Context;
  SM = Result.SourceManager;
  if (const auto *Key = Result.Nodes.getNodeAs<StringLiteral>("result-key")) {
    if (!Key->isOrdinary() ||
        !Context.Locations.isUserLocation(Key->getBeginLoc()))
      return;
    std::string Text = literalText(Key);
    SourceLocation At = SM->getFileLoc(Key->getBeginLoc());
    if (Text == "ttlMs")
      Ttl.push_back(At);
    else if (Text == "cacheScope")
      Scope.push_back(At);
    else if (llvm::StringRef(Text).equals_insensitive("Cache-Control"))
      SetsCacheControl = true;
    if (!isResultMember(Text) || isCapabilityMember(Key, Text, ASTCtx))
      return;
    ExprUser User = findUser(Key, ASTCtx);
    const auto *Call = User.node.get<CallExpr>();
    bool Argument = Call && !isa<CXXOperatorCallExpr>(Call) &&
                    !User.throughInitList && !readsMember(Call);
    if (!Argument && !isWrittenJsonKey(Key, ASTCtx))
      return;
    ResultKey K{Text, At, Context.Locations.span(Key->getSourceRange()), {}};
    if (const InitListExpr *Pair = bracedPairOf(Key, ASTCtx);
        Pair && Pair->getEndLoc().isFileID() && Key->getBeginLoc().isFileID())
      K.pairEnd = Pair->getEndLoc();
    Keys.push_back(std::move(K));
    return;
  }
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site || Site->jsonOffset || inClientClass(Site->use, ASTCtx))
    return;
  MethodUse How = classifyMethodUse(Site->use, ASTCtx, Context.Locations,
                                    /*BareNotification=*/false, "");
  const Stmt *Code = nullptr;
  if (How.kind == MethodUseKind::Register && How.handler.found) {
    if (const auto *F = dyn_cast_or_null<FunctionDecl>(How.handler.target))
      Code = F->getBody();
    else if (How.handler.lambda)
      Code = How.handler.lambda->getBody();
  } else if (How.kind == MethodUseKind::Compare) {
    Code = guardedBranch(Site->use, ASTCtx);
  }
  if (!Code)
    return;
  Handlers.push_back(
      {Site->method, reachableCode(Code, CallDepth, Context.Locations)});
}

void CacheableResultFieldsCheck::onEndOfTranslationUnit() {
  std::set<std::pair<std::string, unsigned>> Reported;
  for (const ResultKey &K : Keys) {
    for (const Handler &H : Handlers) {
      auto InHandler = [&](SourceLocation L) {
        return withinAny(L, H.ranges, *SM);
      };
      if (memberOf(H.method) != K.key || !InHandler(K.at))
        continue;
      bool HasTtl = llvm::any_of(Ttl, InHandler);
      bool HasScope = llvm::any_of(Scope, InHandler);
      if ((HasTtl && HasScope) ||
          !Reported.insert({K.span.file, K.at.getRawEncoding()}).second)
        break;
      std::string Missing = !HasTtl && !HasScope ? "ttlMs and cacheScope"
                            : !HasTtl            ? "ttlMs"
                                                 : "cacheScope";
      std::string Message =
          "builds the '" + H.method + "' result without " + Missing +
          ": MCP 2026-07-28 requires the body fields ttlMs (integer >= 0) and "
          "cacheScope (\"public\" or \"private\") on complete results of "
          "server/discover, the list methods and resources/read (SEP-2549)";
      if (SetsCacheControl)
        Message += "; the HTTP Cache-Control header this code sets is not "
                   "the mechanism, clients read the body fields";
      std::vector<FixIt> Fixes;
      if (!HasTtl && !HasScope && K.pairEnd.isValid()) {
        SourceSpan After = Context.Locations.point(K.pairEnd, true);
        After.endLine = After.line;
        After.endColumn = After.column;
        Fixes.push_back(
            {After, ", {\"ttlMs\", 0}, {\"cacheScope\", \"private\"}"});
      }
      Context.report(RuleId, K.span, std::move(Message), {}, std::move(Fixes));
      break;
    }
  }
  Handlers.clear();
  Keys.clear();
  Ttl.clear();
  Scope.clear();
  SetsCacheControl = false;
}

} // namespace mcp_cutover
