#include "checks/tools/HandleEntropyCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/IdFlow.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
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

bool namesIdentifier(llvm::StringRef Identifier) {
  return hasWord(identifierWords(Identifier),
                 {"id", "ids", "uuid", "guid", "handle", "token", "key",
                  "index", "seq", "sequence", "nonce", "session", "sid",
                  "ticket", "cursor"});
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

/// The engine's alias as written (mt19937), else its template's name.
std::string engineName(QualType T) {
  if (const auto *Typedef = T->getAs<TypedefType>())
    return Typedef->getDecl()->getName().str();
  return T->getAsCXXRecordDecl()->getName().str();
}

/// A counter's variable or field: `next_id_` of `++next_id_`.
const ValueDecl *counterOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasGlobalStorage())
      return Var;
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(M->getMemberDecl());
  return nullptr;
}
} // namespace

WeakSource weakSourceOf(const Stmt *S, ASTContext &Ctx) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!F || !F->getDeclName().isIdentifier())
      return {};
    llvm::StringRef Name = F->getName();
    bool Global =
        F->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
        F->isInStdNamespace();
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (Global && (Name == "rand" || Name == "random" || Name == "rand_r" ||
                   Name == "drand48" || Name == "lrand48" || Name == "mrand48"))
      return {Name.str() + "()", nullptr};
    if (Global && (Name == "time" || Name == "clock" ||
                   Name == "gettimeofday" || Name == "clock_gettime"))
      return {"the clock (" + Name.str() + "())", nullptr};
    if (Name == "now" && Method && Method->isStatic())
      return {"the clock (" + Method->getParent()->getNameAsString() +
                  "::now())",
              nullptr};
    // A counter that outlives the call; a local one (a work queue's next
    // index) restarts with every call.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && (Name == "fetch_add" || Name == "fetch_sub")) {
      if (const ValueDecl *Counter =
              counterOf(Member->getImplicitObjectArgument()))
        return {"a counter ('" + Counter->getNameAsString() + "')", Counter};
      return {};
    }
    if (Global &&
        (Name == "RAND_bytes" || Name == "RAND_priv_bytes" ||
         Name == "getrandom" || Name == "arc4random_buf" ||
         Name == "getentropy") &&
        Call->getNumArgs() >= 2) {
      const Expr *SizeArg = Call->getArg(1);
      Expr::EvalResult Size;
      if (!SizeArg->isValueDependent() && SizeArg->EvaluateAsInt(Size, Ctx) &&
          Size.Val.getInt().getExtValue() < 16)
        return {std::to_string(Size.Val.getInt().getExtValue() * 8) +
                    " bits from " + Name.str() + " (fewer than 128)",
                nullptr};
    }
    return {};
  }
  if (const auto *Op = dyn_cast<UnaryOperator>(S)) {
    if (!Op->isIncrementDecrementOp())
      return {};
    if (const ValueDecl *Counter = counterOf(Op->getSubExpr()))
      return {"a counter ('" + Counter->getNameAsString() + "')", Counter};
    return {};
  }
  // `id += 1` on a member or global integer.
  if (const auto *Op = dyn_cast<CompoundAssignOperator>(S)) {
    if ((Op->getOpcode() != BO_AddAssign && Op->getOpcode() != BO_SubAssign) ||
        !Op->getType()->isIntegerType())
      return {};
    if (const ValueDecl *Counter = counterOf(Op->getLHS()))
      return {"a counter ('" + Counter->getNameAsString() + "')", Counter};
  }
  return {};
}

std::string weakEngineOf(const VarDecl *Var) {
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Var->getType()->getAsCXXRecordDecl()))
    if (Spec->isInStdNamespace())
      for (const char *Engine : EngineTemplates)
        if (Spec->getName() == Engine)
          return "std::" + engineName(Var->getType()) +
                 ", a predictable engine";
  return "";
}

void HandleEntropyCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
}

void HandleEntropyCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // Lambdas are walked with the function they are written in, whose
  // locals they capture.
  if (!FD || FD->isTemplateInstantiation() || FD->isImplicit() ||
      !FD->hasBody() || !Context.Locations.isUserLocation(FD->getLocation()))
    return;
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
      M && M->getParent()->isLambda())
    return;
  ASTContext &ASTCtx = *Result.Context;
  std::string Function = functionId(FD, Context.Locations);
  if (!Walked.insert(Function).second)
    return;
  // Names that say what the function mints: create() returning a
  // SessionId mints one as surely as generate_session_id() does;
  // request::generate_id() numbers JSON-RPC requests.
  std::string Returned = FD->getReturnType().getAsString();
  if (const auto *T = FD->getReturnType()->getAs<TypedefType>())
    Returned = T->getDecl()->getName().str();
  std::string Class;
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
    Class = M->getParent()->getNameAsString();
  std::string Name =
      FD->getDeclName().isIdentifier() ? FD->getName().str() : "";
  bool FunctionMints = namesMintedHandle(Name, /*IsFunction=*/true) ||
                       (namesMintingVerb(Name) && namesSessionType(Returned));
  bool FunctionNumbers = namesSequenceNumber(Name) ||
                         namesSequenceNumber(Class) ||
                         namesSequenceNumber(Returned);

  auto Record = [&](const SourceRange &Range, std::string What,
                    const ValueDecl *Counter,
                    const NamedDecl *Holder) -> std::string {
    SourceSpan Site = Context.Locations.span(Range);
    std::string Label = "src:" + Site.key();
    if (!Recorded.insert(Label).second)
      return Label;
    WeakSourceFact Fact;
    Fact.label = Label;
    Fact.site = Site;
    Fact.what = std::move(What);
    Fact.minter = "'" + (Name.empty() ? FD->getNameAsString() : Name) + "'";
    Fact.function = Function;
    Fact.namedHandle =
        FunctionMints ||
        (Holder && Holder->getDeclName().isIdentifier() &&
         namesMintedHandle(Holder->getName(), /*IsFunction=*/false));
    Fact.requestNumbering =
        FunctionNumbers || (Counter && namesSequenceNumber(Counter->getName()));
    Fact.namedId = namesIdentifier(Name) ||
                   (Counter && namesIdentifier(Counter->getName())) ||
                   (Holder && Holder->getDeclName().isIdentifier() &&
                    namesIdentifier(Holder->getName()));
    Context.Facts.idFlow.sources.push_back(std::move(Fact));
    // The counter holds the id too: `id += 1; insert(to_string(id))`.
    if (Counter && Context.Locations.isUserLocation(Counter->getLocation())) {
      std::string Key = declKey(Counter, Context.Locations);
      Context.Facts.idFlow.sources.back().counter = Key;
      Context.Facts.idFlow.edges.push_back({{Label}, Key});
    }
    return Label;
  };
  auto Oracle = [&](const Stmt *S,
                    const VarDecl *Var) -> std::optional<std::string> {
    if (Var) {
      std::string Engine = weakEngineOf(Var);
      if (Engine.empty())
        return std::nullopt;
      return Record(Var->getSourceRange(), Engine, nullptr, nullptr);
    }
    WeakSource Source = weakSourceOf(S, ASTCtx);
    if (Source.what.empty())
      return std::nullopt;
    // The variable the source initialises, or the one it is assigned to,
    // names what it is.
    const NamedDecl *Holder = nullptr;
    walkParents(DynTypedNode::create(*S), ASTCtx, 12,
                [&](const DynTypedNode &Parent) {
                  Holder = Parent.get<VarDecl>();
                  const Expr *Lhs = nullptr;
                  if (const auto *B = Parent.get<BinaryOperator>();
                      B && B->isAssignmentOp())
                    Lhs = B->getLHS();
                  if (const auto *Op = Parent.get<CXXOperatorCallExpr>();
                      Op && Op->isAssignmentOp())
                    Lhs = Op->getArg(0);
                  if (Lhs)
                    Holder = referencedDecl(Lhs->IgnoreParenImpCasts());
                  return !Holder && !Parent.get<CompoundStmt>();
                });
    return Record(S->getSourceRange(), Source.what, Source.counter, Holder);
  };
  collectIdFlow(FD, Context.Locations, Oracle, Context.Facts.idFlow);
}

} // namespace mcp_cutover
