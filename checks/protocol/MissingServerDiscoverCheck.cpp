#include "checks/protocol/MissingServerDiscoverCheck.h"

#include "checks/utils/AstUtil.h"

#include "clang/AST/ParentMapContext.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
/// The requests a server answers, in every revision since 2024-11-05.
const llvm::StringRef ServerMethods[] = {"server/discover",
                                         "initialize",
                                         "notifications/initialized",
                                         "ping",
                                         "tools/list",
                                         "tools/call",
                                         "prompts/list",
                                         "prompts/get",
                                         "resources/list",
                                         "resources/read",
                                         "resources/templates/list",
                                         "resources/subscribe",
                                         "resources/unsubscribe",
                                         "completion/complete",
                                         "logging/setLevel",
                                         "subscriptions/listen",
                                         "tasks/get",
                                         "tasks/list",
                                         "tasks/result",
                                         "tasks/cancel"};

} // namespace

MissingServerDiscoverCheck::MissingServerDiscoverCheck(
    TranslationUnitContext &Context)
    : MethodSiteCheck(Context,
                      {std::begin(ServerMethods), std::end(ServerMethods)}) {}

void MissingServerDiscoverCheck::run(const MatchFinder::MatchResult &Result) {
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site || Site->jsonOffset)
    return;
  ASTContext &ASTCtx = *Result.Context;
  // A client's dispatcher (of its own notifications, or a ping from the
  // server) is not the server's.
  if (inClientClass(Site->use, ASTCtx))
    return;
  MethodUse How = classifyMethodUse(Site->use, ASTCtx, Context.Locations,
                                    /*BareNotification=*/false, "");
  if (!How.dispatches())
    return;
  MethodDispatchFact Fact;
  Fact.method = Site->method;
  Fact.site = Context.Locations.span(Site->use->getSourceRange());
  Fact.registers = How.kind == MethodUseKind::Register;
  // The function the dispatch is written in is the dispatcher, as a reader
  // sees it: a chain of comparisons, a switch, or a routine that fills the
  // handler map (`register_tool` adding tools/list and tools/call).
  if (const FunctionDecl *F = enclosingFunction(Site->use, ASTCtx)) {
    // By where it is defined: every example's `main` has the same USR.
    const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
    Fact.dispatcher = Context.Locations.span(Def->getLocation()).key();
    Fact.phrase = "'" + readableName(*F) + "'";
  } else {
    // A handler map filled at namespace scope: the site stands for it.
    Fact.dispatcher = Fact.site.key();
    Fact.phrase = "a dispatcher";
  }
  Context.Facts.methodDispatches.push_back(std::move(Fact));
}

} // namespace mcp_cutover
