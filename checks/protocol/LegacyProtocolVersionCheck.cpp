#include "checks/protocol/LegacyProtocolVersionCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/JsonText.h"
#include "checks/utils/MethodUse.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "legacy-protocol-version";
const char Latest[] = "2026-07-28";
/// What the linker needs to see to drop these findings.
const char Supports2026[] = "protocol-2026";

/// The revisions before 2026-07-28.
constexpr llvm::StringRef OldRevisions[] = {"2024-11-05", "2025-03-26",
                                            "2025-06-18", "2025-11-25"};

const char NotSupported[] =
    " older than 2026-07-28, and the project supports 2026-07-28 "
    "nowhere: add it as the latest version (in server/discover's "
    "supportedVersions; in each request's _meta "
    "io.modelcontextprotocol/protocolVersion and MCP-Protocol-Version "
    "header), and keep the older ones only for clients that still "
    "send initialize";

bool isOldRevision(llvm::StringRef Text) {
  return llvm::is_contained(OldRevisions, Text);
}

/// Whether a name says it holds a date that is not a protocol version
/// (`created_at`, `expiry_date`, `release_date`).
bool namesOtherDate(llvm::StringRef Name) {
  std::string Folded = foldName(Name);
  llvm::StringRef F(Folded);
  return !F.contains("version") &&
         (F.contains("date") || F.contains("time") || F.contains("created") ||
          F.contains("expir") || F.contains("updated") || F.contains("since"));
}

/// The braced list `Literal` is an element of when it lists two or more
/// old revisions (`supported = {"2025-06-18", "2025-03-26"}`): its
/// revision literals in order.
std::vector<const StringLiteral *> versionList(const StringLiteral *Literal,
                                               ASTContext &Context) {
  std::vector<const StringLiteral *> Versions;
  walkParents(DynTypedNode::create(*Literal), Context, 4,
              [&](const DynTypedNode &P) {
                const auto *List = P.get<InitListExpr>();
                if (!List)
                  return P.get<Expr>() != nullptr;
                for (const Expr *Init : List->inits())
                  if (const StringLiteral *S = asStringLiteral(Init);
                      S && isOldRevision(literalText(S)))
                    Versions.push_back(S);
                return false;
              });
  if (Versions.size() < 2)
    Versions.clear();
  return Versions;
}

/// The constant `Literal` initialises, when it is the one place the
/// project's latest version is kept: a const or constexpr variable at
/// namespace or class scope named for the version.
const VarDecl *latestVersionConstant(const StringLiteral *Literal,
                                     ASTContext &Context) {
  const VarDecl *Var = nullptr;
  walkParents(DynTypedNode::create(*Literal), Context, 6,
              [&](const DynTypedNode &P) {
                Var = P.get<VarDecl>();
                if (Var)
                  return false;
                return P.get<Expr>() != nullptr && !P.get<InitListExpr>() &&
                       !P.get<CallExpr>();
              });
  if (!Var || !Var->getDeclName().isIdentifier() || Var->isLocalVarDecl() ||
      !llvm::StringRef(foldName(Var->getName())).contains("version"))
    return nullptr;
  return Var->isConstexpr() || Var->getType().isConstQualified() ? Var
                                                                 : nullptr;
}
} // namespace

void LegacyProtocolVersionCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
}

void LegacyProtocolVersionCheck::inspectJsonText(const StringLiteral *Literal,
                                                 llvm::StringRef Text,
                                                 ASTContext &ASTCtx) {
  // A message written out as JSON text: its "protocolVersion" members, at
  // their values. A test comparing with the text checks a message.
  std::vector<JsonTextMember> Members = jsonTextMembers(Text);
  if (Members.empty() || isExpectedMessageText(Literal, ASTCtx))
    return;
  for (const JsonTextMember &M : Members) {
    if (M.key != "protocolVersion" || !M.stringValue)
      continue;
    if (*M.stringValue == Latest) {
      Context.recordSign(Supports2026);
      continue;
    }
    if (!isOldRevision(*M.stringValue))
      continue;
    SourceLocation At = literalLocationOf(Literal, M.valueOffset, ASTCtx,
                                          /*AtCharacter=*/true);
    Context.reportUnless({Supports2026}, RuleId, Context.Locations.span(At),
                         "protocol version '" + *M.stringValue +
                             "' (as 'protocolVersion' in JSON text) is" +
                             NotSupported);
  }
}

void LegacyProtocolVersionCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal");
  // Where the literal is spelled: an SDK's version macro expanded in the
  // user's code is the SDK's to change.
  if (!Literal || !Literal->isOrdinary() ||
      !Context.Locations.isUserLocation(
          Result.SourceManager->getSpellingLoc(Literal->getBeginLoc())))
    return;
  std::string Text = literalText(Literal);
  if (Text == Latest) {
    Context.recordSign(Supports2026);
    return;
  }
  ASTContext &ASTCtx = *Result.Context;
  if (!isOldRevision(Text)) {
    inspectJsonText(Literal, Text, ASTCtx);
    return;
  }
  if (inTestAssertion(Literal->getBeginLoc(), *Result.SourceManager,
                      ASTCtx.getLangOpts()))
    return;
  std::vector<const StringLiteral *> List = versionList(Literal, ASTCtx);
  // A list of supported versions is one finding, at its first element.
  if (!List.empty() && List.front() != Literal)
    return;
  std::string Destination = destinationName(Literal, ASTCtx);
  if (List.empty() && namesOtherDate(Destination))
    return;

  std::string Message;
  if (!List.empty()) {
    Message = "the supported protocol versions (";
    for (size_t I = 0; I < List.size(); ++I)
      Message += (I ? ", '" : "'") + literalText(List[I]) + "'";
    Message += ") are all";
  } else {
    Message = "protocol version '" + Text + "'";
    if (!Destination.empty())
      Message += " (as '" + Destination + "')";
    Message += " is";
  }
  Message += NotSupported;
  // A literal in a macro's definition is reported there, once for every
  // expansion.
  SourceLocation Begin = Literal->getBeginLoc();
  SourceSpan At =
      Begin.isMacroID()
          ? Context.Locations.span(Result.SourceManager->getSpellingLoc(Begin))
          : Context.Locations.span(Literal->getSourceRange());
  std::vector<FixIt> Fixes;
  // In a macro the literal is shared by every expansion: no edit here.
  if (List.empty() && Literal->getBeginLoc().isFileID() &&
      latestVersionConstant(Literal, ASTCtx))
    Fixes.push_back({At, "\"" + std::string(Latest) + "\""});
  Context.reportUnless({Supports2026}, RuleId, At, std::move(Message), {},
                       std::move(Fixes));
}

} // namespace mcp_cutover
