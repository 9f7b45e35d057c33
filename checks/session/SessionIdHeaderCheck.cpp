#include "checks/session/SessionIdHeaderCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/HttpHeaders.h"
#include "checks/utils/StatementRemoval.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "session-id-header";

std::string describe(HeaderUse Use, const std::string &Header) {
  std::string H = "'" + Header + "'";
  switch (Use) {
  case HeaderUse::Write:
    return "writes the legacy session header " + H +
           " (mints or echoes a session id); MCP 2026-07-28 has no sessions: "
           "stop sending it";
  case HeaderUse::Read:
    return "reads the legacy session header " + H +
           "; MCP 2026-07-28 clients never send it: take state from an "
           "explicit handle argument instead";
  case HeaderUse::Erase:
    return "removes the legacy session header " + H +
           "; with no sessions this handling is dead code";
  case HeaderUse::CorsAllow:
    return "CORS Access-Control-Allow-Headers lists the legacy session "
           "header " +
           H + ": drop it from the list";
  case HeaderUse::CorsExpose:
    return "CORS Access-Control-Expose-Headers lists the legacy session "
           "header " +
           H + ": drop it from the list";
  case HeaderUse::List:
    return "a header list names the legacy session header " + H +
           ": drop it from the list";
  case HeaderUse::Other:
    break;
  }
  return "uses the legacy session header name " + H;
}

/// The literal as written with the session header's entry (and one comma)
/// taken out of its comma-separated list; nullopt when that is not a plain
/// edit (raw or prefixed literal, the only entry).
std::optional<std::string> withoutListEntry(llvm::StringRef Spelled) {
  if (Spelled.size() < 2 || !Spelled.starts_with("\"") ||
      !Spelled.ends_with("\""))
    return std::nullopt;
  llvm::StringRef Body = Spelled.drop_front().drop_back();
  llvm::SmallVector<llvm::StringRef, 8> Entries;
  Body.split(Entries, ',');
  for (size_t I = 0; I < Entries.size(); ++I) {
    if (!Entries[I].trim().equals_insensitive("mcp-session-id"))
      continue;
    if (Entries.size() == 1)
      return std::nullopt;
    std::vector<llvm::StringRef> Rest(Entries.begin(), Entries.end());
    Rest.erase(Rest.begin() + static_cast<std::ptrdiff_t>(I));
    std::string Out = llvm::join(Rest, ",");
    if (I == 0) // the list keeps the spacing it began with
      Out = Entries[0].take_while([](char C) { return C == ' '; }).str() +
            llvm::StringRef(Out).ltrim(' ').str();
    return "\"" + Out + "\"";
  }
  return std::nullopt;
}

/// The fix-its of one use: removing what sends or lists the header, when
/// that is an exact edit.
std::vector<FixIt> headerFixes(const LocationUtil &Locations, const Expr *Use,
                               HeaderUse Kind, const HeaderLiteralMatch &Match,
                               ASTContext &ASTCtx) {
  // A call that sends the header, or a CORS header whose whole value is
  // it: the statement goes.
  bool WholeValue =
      Match.shape == HeaderLiteralShape::Name &&
      (Kind == HeaderUse::CorsAllow || Kind == HeaderUse::CorsExpose);
  if (Kind == HeaderUse::Write || WholeValue) {
    const auto *Call = findUser(Use, ASTCtx).node.get<CallExpr>();
    const Stmt *S = Call ? wholeStatement(Call, ASTCtx) : nullptr;
    if (auto F = S ? deleteStatement(S, Locations) : std::nullopt)
      return {*F};
    return {};
  }
  // An entry of a list written in place: the entry goes.
  const auto *Literal = dyn_cast<StringLiteral>(Use);
  if (Match.shape != HeaderLiteralShape::List || !Literal ||
      Literal->getNumConcatenated() != 1 || !Literal->getBeginLoc().isFileID())
    return {};
  auto Edited = withoutListEntry(Locations.text(Literal->getSourceRange()));
  if (!Edited)
    return {};
  return {{Locations.span(Literal->getSourceRange()), *Edited}};
}

/// The characters of a string-literal token as written in a macro body.
std::string tokenLiteralText(llvm::StringRef Spelling) {
  size_t Quote = Spelling.find('"');
  if (Quote == llvm::StringRef::npos)
    return "";
  llvm::StringRef Prefix = Spelling.take_front(Quote);
  llvm::StringRef Body = Spelling.drop_front(Quote + 1);
  if (Prefix.ends_with("R")) {
    size_t Open = Body.find('(');
    size_t Close = Body.rfind(')');
    if (Open == llvm::StringRef::npos || Close == llvm::StringRef::npos ||
        Close < Open)
      return "";
    return Body.slice(Open + 1, Close).str();
  }
  return Body.drop_back().str();
}

class MacroDefinitionHook : public PPCallbacks {
public:
  MacroDefinitionHook(SessionIdHeaderCheck &Check, const Preprocessor &PP)
      : Check(Check), PP(PP) {}
  void MacroDefined(const Token &MacroNameTok,
                    const MacroDirective *MD) override {
    for (const Token &T : MD->getMacroInfo()->tokens())
      if (tok::isStringLiteral(T.getKind())) {
        std::string Spelling = PP.getSpelling(T);
        Check.macroDefined(MacroNameTok.getIdentifierInfo()->getName(),
                           MacroNameTok.getLocation(),
                           tokenLiteralText(Spelling));
      }
  }

private:
  SessionIdHeaderCheck &Check;
  const Preprocessor &PP;
};
} // namespace

void SessionIdHeaderCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
  Finder.addMatcher(declRefExpr(to(varDecl())).bind("ref"), this);
}

void SessionIdHeaderCheck::registerPPCallbacks(Preprocessor &PP) {
  PP.addPPCallbacks(std::make_unique<MacroDefinitionHook>(*this, PP));
}

void SessionIdHeaderCheck::macroDefined(llvm::StringRef MacroName,
                                        SourceLocation NameLoc,
                                        llvm::StringRef LiteralText) {
  HeaderLiteralMatch Match = matchSessionHeaderLiteral(LiteralText);
  if (Match.shape == HeaderLiteralShape::None ||
      !Context.Locations.isUserLocation(NameLoc))
    return;
  Context.report(RuleId, Context.Locations.span(NameLoc),
                 "macro '" + MacroName.str() +
                     "' names the legacy session header '" + Match.spelling +
                     "'; each use is reported");
}

void SessionIdHeaderCheck::reportDefinition(const VarDecl *Var,
                                            const HeaderLiteralMatch &Match) {
  Context.report(RuleId, Context.Locations.span(Var->getLocation()),
                 "'" + Var->getName().str() +
                     "' names the legacy session header '" + Match.spelling +
                     "'; each use is reported");
}

void SessionIdHeaderCheck::reportUse(const Expr *Use,
                                     const HeaderLiteralMatch &Match,
                                     const std::string &Through,
                                     ASTContext &ASTCtx, SourceRange Where) {
  // A constant initialised with the header name is a definition: its uses
  // are reported one by one where they are.
  ExprUser User = findUser(Use, ASTCtx);
  if (const auto *Var = User.node.get<VarDecl>())
    if (Var->getAnyInitializer() &&
        ignoreWrappers(Var->getAnyInitializer()) == ignoreWrappers(Use)) {
      reportDefinition(Var, Match);
      return;
    }
  HeaderUse Kind = classifyHeaderUse(Use, Match.shape, ASTCtx);
  std::string Message = describe(Kind, Match.spelling);
  if (!Through.empty())
    Message += " (through " + Through + ")";
  Context.report(
      RuleId,
      Context.Locations.span(Where.isValid() ? Where : Use->getSourceRange()),
      std::move(Message), {},
      headerFixes(Context.Locations, Use, Kind, Match, ASTCtx));
}

void SessionIdHeaderCheck::run(const MatchFinder::MatchResult &Result) {
  const LocationUtil &Loc = Context.Locations;
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    SourceLocation Begin = Literal->getBeginLoc();
    if (!Loc.isUserLocation(Begin))
      return;
    HeaderLiteralMatch Match = matchSessionHeaderLiteral(literalText(Literal));
    if (Match.shape == HeaderLiteralShape::None)
      return;
    // In "HTTP/1.1 200 OK\r\n" ... "Mcp-Session-Id: " the finding is at
    // the piece that holds the name, not where the concatenation starts.
    SourceLocation Piece =
        literalLocationOf(Literal, Match.offset, *Result.Context,
                          /*AtCharacter=*/false, Match.spelling);
    std::string Through;
    const SourceManager &SM = *Result.SourceManager;
    if (Piece.isMacroID() && !SM.isMacroArgExpansion(Piece))
      Through = "macro '" +
                Lexer::getImmediateMacroNameForDiagnostics(
                    Piece, SM, Result.Context->getLangOpts())
                    .str() +
                "'";
    reportUse(Literal, Match, Through, *Result.Context,
              Literal->getNumConcatenated() > 1 ? SourceRange(Piece)
                                                : Literal->getSourceRange());
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    if (!Loc.isUserLocation(Ref->getBeginLoc()))
      return;
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    const StringLiteral *Literal = stringConstantOf(Var);
    if (!Literal)
      return;
    HeaderLiteralMatch Match = matchSessionHeaderLiteral(literalText(Literal));
    if (Match.shape == HeaderLiteralShape::None)
      return;
    reportUse(Ref, Match, "'" + Var->getName().str() + "'", *Result.Context);
  }
}

} // namespace mcp_cutover
