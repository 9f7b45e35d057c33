#include "checks/tools/HandleEntropyCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

bool namesMintedHandle(llvm::StringRef Identifier, bool IsFunction) {
  std::vector<std::string> W = identifierWords(Identifier);
  if (namesSequenceNumber(Identifier))
    return false;
  bool Names = namesSessionId(Identifier) ||
               hasWord(W, {"handle", "uuid", "guid", "nonce"}) ||
               (hasWord(W, {"id"}) && W.size() >= 2);
  return Names && (!IsFunction || namesMintingVerb(Identifier));
}

bool namesSequenceNumber(llvm::StringRef Identifier) {
  for (const std::string &W : identifierWords(Identifier))
    for (const char *Word :
         {"request", "req", "message", "msg", "rpc", "event", "seq", "sequence",
          "trace", "span", "thread", "correlation", "call", "progress", "log",
          "cursor"})
      if (W == Word)
        return true;
  return false;
}

bool namesMintingVerb(llvm::StringRef Identifier) {
  for (const std::string &W : identifierWords(Identifier))
    for (const char *Verb : {"generate", "gen", "make", "new", "create", "mint",
                             "random", "next", "issue", "allocate"})
      if (W == Verb)
        return true;
  return false;
}

namespace {
constexpr const char *EngineTemplates[] = {
    "mersenne_twister_engine",    "linear_congruential_engine",
    "subtract_with_carry_engine", "discard_block_engine",
    "shuffle_order_engine",       "independent_bits_engine"};

/// Every predictable source in a body, in source order.
class WeakSourceFinder : public RecursiveASTVisitor<WeakSourceFinder> {
public:
  explicit WeakSourceFinder(ASTContext &Ctx) : Ctx(Ctx) {}

  struct Source {
    SourceRange range;
    std::string what;
  };
  std::vector<Source> Found;

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!F || !F->getDeclName().isIdentifier())
      return true;
    llvm::StringRef Name = F->getName();
    bool Global =
        F->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
        F->isInStdNamespace();
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (Global && (Name == "rand" || Name == "random" || Name == "rand_r" ||
                   Name == "drand48" || Name == "lrand48" || Name == "mrand48"))
      add(Call, Name.str() + "()");
    else if (Global && (Name == "time" || Name == "clock" ||
                        Name == "gettimeofday" || Name == "clock_gettime"))
      add(Call, "the clock (" + Name.str() + "())");
    else if (Name == "now" && Method && Method->isStatic())
      add(Call,
          "the clock (" + Method->getParent()->getNameAsString() + "::now())");
    else if (Method && (Name == "fetch_add" || Name == "fetch_sub"))
      add(Call, "a counter (" + Name.str() + ")");
    else if (Global &&
             (Name == "RAND_bytes" || Name == "RAND_priv_bytes" ||
              Name == "getrandom" || Name == "arc4random_buf" ||
              Name == "getentropy") &&
             Call->getNumArgs() >= 2) {
      const Expr *SizeArg = Call->getArg(1);
      Expr::EvalResult Size;
      if (!SizeArg->isValueDependent() && SizeArg->EvaluateAsInt(Size, Ctx) &&
          Size.Val.getInt().getExtValue() < 16)
        add(Call, std::to_string(Size.Val.getInt().getExtValue() * 8) +
                      " bits from " + Name.str() + " (fewer than 128)");
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Var->getType()->getAsCXXRecordDecl()))
      if (Spec->isInStdNamespace())
        for (const char *Engine : EngineTemplates)
          if (Spec->getName() == Engine)
            add(Var, "std::" + engineName(Var->getType()) +
                         ", a predictable engine");
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (!Op->isIncrementDecrementOp())
      return true;
    const Expr *Sub = Op->getSubExpr()->IgnoreParenImpCasts();
    const ValueDecl *D = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Sub))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasGlobalStorage())
        D = Var;
    if (const auto *M = dyn_cast<MemberExpr>(Sub))
      D = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (D)
      add(Op, "a counter ('" + D->getNameAsString() + "')");
    return true;
  }

private:
  /// The engine's alias as written (mt19937), else its template's name.
  static std::string engineName(QualType T) {
    if (const auto *Typedef = T->getAs<TypedefType>())
      return Typedef->getDecl()->getName().str();
    return T->getAsCXXRecordDecl()->getName().str();
  }

  template <typename Node> void add(const Node *N, std::string What) {
    Found.push_back({N->getSourceRange(), std::move(What)});
  }

  ASTContext &Ctx;
};
} // namespace

void HandleEntropyCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder.addMatcher(varDecl(hasInitializer(expr())).bind("var"), this);
}

void HandleEntropyCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (FD->isTemplateInstantiation() || !FD->getDeclName().isIdentifier() ||
        !FD->hasBody() || !Context.Locations.isUserLocation(FD->getLocation()))
      return;
    // create() returning a SessionId mints one as surely as
    // generate_session_id() does.
    std::string Returned = FD->getReturnType().getAsString();
    if (const auto *T = FD->getReturnType()->getAs<TypedefType>())
      Returned = T->getDecl()->getName().str();
    // request::generate_id() numbers JSON-RPC requests: counters by design.
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
        M && namesSequenceNumber(M->getParent()->getName()))
      return;
    if (namesMintedHandle(FD->getName(), /*IsFunction=*/true) ||
        (namesMintingVerb(FD->getName()) && namesSessionType(Returned)))
      inspect(FD->getBody(), "'" + FD->getNameAsString() + "'",
              *Result.Context);
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var")) {
    if (isa<ParmVarDecl>(Var) || !Var->getDeclName().isIdentifier() ||
        !Context.Locations.isUserLocation(Var->getLocation()))
      return;
    if (namesMintedHandle(Var->getName(), /*IsFunction=*/false))
      inspect(Var->getInit(), "'" + Var->getNameAsString() + "'",
              *Result.Context);
  }
}

void HandleEntropyCheck::inspect(const Stmt *Body, const std::string &What,
                                 ASTContext &ASTCtx) {
  WeakSourceFinder Finder(ASTCtx);
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  if (Finder.Found.empty())
    return;
  // The first source only: a minting function often also stamps a
  // creation time, which is no part of the id.
  const auto &First = Finder.Found.front();
  Context.report("handle-weak-entropy", Context.Locations.span(First.range),
                 What + " mints an id from " + First.what +
                     ": a guessable handle lets one client reach another's "
                     "state; use at least 128 bits from a cryptographically "
                     "secure generator (getrandom, RAND_bytes)");
}

} // namespace mcp_cutover
