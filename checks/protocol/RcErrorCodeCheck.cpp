#include "checks/protocol/RcErrorCodeCheck.h"

#include "checks/utils/AstUtil.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
struct Renamed {
  int64_t old, final;
  const char *name;
  /// Words (lower case, no separators) that say a name or message means it.
  std::vector<const char *> words;
};

// -32001.. are implementation-defined server errors in JSON-RPC, used for
// anything; only where the code says what it means is the number the RC's.
const Renamed Codes[] = {
    {-32001,
     -32020,
     "HeaderMismatch",
     {"headermismatch", "mismatch", "header"}},
    {-32003, -32021, "MissingRequiredClientCapability", {"capabilit"}},
    {-32004,
     -32022,
     "UnsupportedProtocolVersion",
     {"protocolversion", "version"}},
    {-32002, -32602, "resource not found", {"resource"}},
};

std::string folded(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    if (std::isalnum(static_cast<unsigned char>(C)))
      Out += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return Out;
}

bool says(const Renamed &R, const std::string &Folded) {
  for (const char *W : R.words)
    if (Folded.find(W) != std::string::npos)
      return true;
  return false;
}

/// The enumerator whose value `E` is, if any (under ConstantExpr and
/// parentheses).
const EnumConstantDecl *enumeratorOf(const Expr *E, ASTContext &Ctx) {
  const Stmt *Inner = E;
  for (auto Parents = Ctx.getParents(*Inner); Parents.size() == 1;
       Parents = Ctx.getParents(*Inner)) {
    if (const auto *D = Parents[0].get<EnumConstantDecl>())
      return D;
    const auto *P = Parents[0].get<Expr>();
    if (!P || !(isa<ConstantExpr>(P) || isa<ParenExpr>(P) ||
                isa<ImplicitCastExpr>(P)))
      break;
    Inner = P;
  }
  return nullptr;
}

/// Another enumerator of `D`'s enumeration that already has `Value`.
const EnumConstantDecl *enumeratorWithValue(const EnumConstantDecl *D,
                                            int64_t Value) {
  const auto *Enum = dyn_cast<EnumDecl>(D->getDeclContext());
  if (!Enum)
    return nullptr;
  for (const EnumConstantDecl *Other : Enum->enumerators())
    if (Other != D && Other->getInitVal().getSignificantBits() <= 64 &&
        Other->getInitVal().getSExtValue() == Value)
      return Other;
  return nullptr;
}

/// What names the number: the enum constant or variable it initialises,
/// or the string arguments of the call it is passed to.
std::vector<std::string> context(const Expr *E, ASTContext &Ctx) {
  if (const EnumConstantDecl *D = enumeratorOf(E, Ctx))
    return {folded(D->getName())};
  ExprUser User = findUser(E, Ctx);
  if (const auto *V = User.node.get<VarDecl>())
    return {folded(V->getName())};
  if (const auto *F = User.node.get<FieldDecl>())
    return {folded(F->getName())};
  std::vector<std::string> Out;
  auto Strings = [&](auto Args) {
    for (const Expr *A : Args)
      if (const StringLiteral *S = asStringLiteral(A))
        Out.push_back(folded(literalText(S)));
  };
  if (const auto *Call = User.node.get<CallExpr>())
    Strings(Call->arguments());
  else if (const auto *Construct = User.node.get<CXXConstructExpr>())
    Strings(Construct->arguments());
  else if (const auto *List = User.node.get<InitListExpr>())
    Strings(List->inits());
  return Out;
}
} // namespace

void RcErrorCodeCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      unaryOperator(hasOperatorName("-"),
                    hasUnaryOperand(ignoringParenImpCasts(integerLiteral())))
          .bind("negative"),
      this);
}

void RcErrorCodeCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Negative = Result.Nodes.getNodeAs<UnaryOperator>("negative");
  if (!Negative || !Context.Locations.isUserLocation(Negative->getBeginLoc()))
    return;
  const auto *Literal =
      cast<IntegerLiteral>(Negative->getSubExpr()->IgnoreParenImpCasts());
  std::optional<int64_t> Magnitude = integerValue(Literal);
  if (!Magnitude)
    return;
  int64_t Value = -*Magnitude;
  for (const Renamed &R : Codes) {
    if (R.old != Value)
      continue;
    bool Meant = false;
    for (const std::string &Words : context(Negative, *Result.Context))
      Meant = Meant || says(R, Words);
    if (!Meant)
      return;
    std::vector<FixIt> Fixes;
    SourceSpan At = Context.Locations.span(Negative->getSourceRange());
    std::string Message = "error code " + std::to_string(R.old) +
                          " is the release candidate's number for " + R.name +
                          "; MCP 2026-07-28 final uses " +
                          std::to_string(R.final);
    // Renumbering an enumerator to a value its enumeration already has
    // makes the two equal: every switch over both stops compiling, and a
    // comparison meant for one matches the other.
    const EnumConstantDecl *Enumerator =
        enumeratorOf(Negative, *Result.Context);
    const EnumConstantDecl *Twin =
        Enumerator ? enumeratorWithValue(Enumerator, R.final) : nullptr;
    if (Twin)
      Message += "; the enumeration already has '" + Twin->getNameAsString() +
                 "' = " + std::to_string(R.final) + ": remove '" +
                 Enumerator->getNameAsString() + "' and use '" +
                 Twin->getNameAsString() + "' where it is sent, or map it to " +
                 std::to_string(R.final) + " where the response is built";
    // In a macro the number is shared by every expansion: no edit here.
    else if (Negative->getBeginLoc().isFileID() &&
             Negative->getEndLoc().isFileID())
      Fixes.push_back({At, std::to_string(R.final)});
    Context.report("rc-error-code", At, Message, {}, std::move(Fixes));
    return;
  }
}

} // namespace mcp_cutover
