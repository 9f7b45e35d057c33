#include "checks/protocol/ClientInitializeCheck.h"

#include "checks/utils/AstUtil.h"

#include <algorithm>

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "client-initialize";
/// What the linker needs to see to drop these findings: a client that
/// asks server/discover or sends the version in _meta.
const char Client2026[] = "client-2026";
const char MetaVersionKey[] = "io.modelcontextprotocol/protocolVersion";
} // namespace

ClientInitializeCheck::ClientInitializeCheck(TranslationUnitContext &Context)
    : MethodSiteCheck(Context,
                      {"initialize", "notifications/initialized", "initialized",
                       "server/discover", MetaVersionKey}) {}

void ClientInitializeCheck::run(const MatchFinder::MatchResult &Result) {
  std::optional<MethodSite> Site = Sites.siteOf(Result, Context.Locations);
  if (!Site)
    return;
  ASTContext &ASTCtx = *Result.Context;
  // A server answers the handshake and serves discover: neither is a
  // client's attempt.
  if (inServerClass(Site->use, ASTCtx))
    return;
  SourceSpan At = Context.Locations.span(Site->use->getSourceRange());
  if (Site->jsonOffset) {
    // A message written out as JSON text (R"({"method": "initialize"})") is
    // one a client sends, unless a test compares with it.
    if (Site->method == MetaVersionKey ||
        isExpectedMessageText(Site->use, ASTCtx))
      return;
    At = Context.Locations.span(
        literalLocationOf(cast<StringLiteral>(Site->use), *Site->jsonOffset,
                          ASTCtx, /*AtCharacter=*/true));
  } else if (Site->method == MetaVersionKey) {
    if (isWrittenJsonKey(Site->use, ASTCtx))
      Context.recordSign(Client2026);
    return;
  } else if (!classifyMethodUse(
                  Site->use, ASTCtx, Context.Locations,
                  /*BareNotification=*/Site->method == "initialized", "")
                  .sends()) {
    return;
  }
  if (Site->method == "server/discover") {
    Context.recordSign(Client2026);
    return;
  }
  const FunctionDecl *F = enclosingFunction(Site->use, ASTCtx);
  std::string Key;
  Handshake *H = nullptr;
  if (F) {
    const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
    Key = Context.Locations.span(Def->getLocation()).key();
    H = &Handshakes[Key];
    H->sender = "'" + readableName(*F) + "'";
  } else {
    // Messages written at namespace scope (`const char *kInit = R"(...)"`)
    // are one client's script per file: one finding, the rest related.
    H = &Handshakes[At.file + ": namespace scope"];
    H->sender = "a client";
  }
  std::string Method = Site->method == "initialized"
                           ? "notifications/initialized"
                           : Site->method;
  H->sends.emplace_back(At, Method);
}

void ClientInitializeCheck::onEndOfTranslationUnit() {
  for (auto &[Key, H] : Handshakes) {
    // A literal is matched once per template instantiation too.
    std::sort(H.sends.begin(), H.sends.end());
    H.sends.erase(std::unique(H.sends.begin(), H.sends.end()), H.sends.end());
    // The finding sits on the initialize request when the function sends
    // one, else on the notification.
    auto First = std::find_if(H.sends.begin(), H.sends.end(),
                              [](auto &S) { return S.second == "initialize"; });
    if (First == H.sends.end())
      First = H.sends.begin();
    std::vector<RelatedLocation> Related;
    for (const auto &S : H.sends)
      if (S.first != First->first)
        Related.push_back({S.first, "also sends '" + S.second + "'"});
    std::string Message =
        H.sender + " opens with the legacy handshake (sends '" + First->second +
        "'), and no client code of the project tries MCP 2026-07-28 first: "
        "ask server/discover, or send each request with _meta "
        "io.modelcontextprotocol/protocolVersion and clientCapabilities, and "
        "fall back to initialize only for a server that does not answer it "
        "(SEP-2575)";
    Context.reportUnless({Client2026}, RuleId, First->first, std::move(Message),
                         std::move(Related));
  }
  Handshakes.clear();
}

} // namespace mcp_cutover
