#include "checks/session/InitializeHandlerCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "initialize-handler";

bool isLegacyHandshakeMethod(llvm::StringRef Method) {
  return Method == "initialize" || Method == "notifications/initialized";
}

/// What a registration passes as the handler.
struct Callable {
  bool found = false;
  const NamedDecl *target = nullptr; ///< Function, method or variable.
  SourceRange range;                 ///< Where the handler is written.
};

bool isCallableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType())
    return true;
  if (const CXXRecordDecl *R = T->getAsCXXRecordDecl())
    return R->isLambda() || R->getName() == "function" ||
           R->getName() == "move_only_function" ||
           R->getName() == "function_ref";
  return false;
}

Callable callableOf(const Expr *E) {
  Callable C;
  E = ignoreWrappers(E);
  if (!E)
    return C;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    C.found = true;
    C.range = Lambda->getSourceRange();
    return C;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    E = ignoreWrappers(Unary->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    std::string Name = calleeName(Call);
    if ((Name == "bind" || Name == "bind_front" || Name == "mem_fn") &&
        Call->getNumArgs() > 0)
      return callableOf(Call->getArg(0));
    return C;
  }
  const NamedDecl *D = referencedDecl(E);
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(D)) {
    const FunctionDecl *Def = F->getDefinition() ? F->getDefinition() : F;
    C.found = true;
    C.target = Def;
    C.range = Def->getLocation();
    return C;
  }
  if (isCallableType(E->getType())) {
    C.found = true;
    C.target = D;
    C.range = D ? SourceRange(D->getLocation()) : E->getSourceRange();
  }
  return C;
}

/// A braced pair or constructor call that also holds the handler:
/// {"initialize", &on_initialize}.
Callable siblingCallable(const Expr *Use, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Use);
  for (int Depth = 0; Depth < 6; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    std::vector<const Expr *> Storage;
    if (const auto *List = Node.get<InitListExpr>())
      for (const Expr *Init : List->inits())
        Storage.push_back(Init);
    else if (const auto *Construct = Node.get<CXXConstructExpr>())
      for (const Expr *Arg : Construct->arguments())
        Storage.push_back(Arg);
    else if (!Node.get<ImplicitCastExpr>() &&
             !Node.get<MaterializeTemporaryExpr>() &&
             !Node.get<CXXBindTemporaryExpr>() && !Node.get<ParenExpr>())
      break;
    for (const Expr *Element : Storage) {
      Callable C = callableOf(Element);
      if (C.found)
        return C;
    }
  }
  return {};
}

/// The handler an `if (method == "initialize")` branch calls, when it calls a
/// function of the user's named for the handshake.
Callable handlerInBranch(const Expr *Comparison, ASTContext &Context,
                         const LocationUtil &Locations) {
  DynTypedNode Node = DynTypedNode::create(*Comparison);
  const Stmt *Child = Comparison;
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return {};
    Node = Parents[0];
    if (const auto *If = Node.get<IfStmt>()) {
      if (If->getCond() != Child)
        return {};
      Callable Found;
      std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
        if (!S || Found.found)
          return;
        if (const auto *Call = dyn_cast<CallExpr>(S)) {
          const auto *F = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
          if (F && F->getDeclName().isIdentifier() &&
              llvm::StringRef(foldName(F->getName())).contains("init") &&
              Locations.isUserLocation(F->getLocation())) {
            const FunctionDecl *Def =
                F->getDefinition() ? F->getDefinition() : F;
            Found = {true, Def, Def->getLocation()};
            return;
          }
        }
        for (const Stmt *Sub : S->children())
          Visit(Sub);
      };
      Visit(If->getThen());
      return Found;
    }
    Child = Node.get<Stmt>();
    if (!Child)
      return {};
  }
  return {};
}

bool insideCaseLabel(const Expr *Use, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Use);
  const Stmt *Child = Use;
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *Case = Node.get<CaseStmt>())
      return Case->getLHS() == Child;
    Child = Node.get<Stmt>();
    if (!Child || isa<CompoundStmt>(Child))
      return false;
  }
  return false;
}

/// Qualified name without "(anonymous namespace)::" noise.
std::string readableName(const NamedDecl &D) {
  std::string Name = D.getQualifiedNameAsString();
  const std::string Anonymous = "(anonymous namespace)::";
  for (size_t Pos; (Pos = Name.find(Anonymous)) != std::string::npos;)
    Name.erase(Pos, Anonymous.size());
  return Name;
}

enum class Dispatch { None, Compare, Register, Switch };

bool isComparison(const DynTypedNode &Node) {
  if (const auto *Op = Node.get<CXXOperatorCallExpr>())
    return Op->getOperator() == OO_EqualEqual ||
           Op->getOperator() == OO_ExclaimEqual;
  if (const auto *Op = Node.get<BinaryOperator>())
    return Op->isEqualityOp();
  if (const auto *Call = Node.get<CallExpr>()) {
    std::string Name = foldName(calleeName(Call));
    for (const char *C :
         {"compare", "strcmp", "strncmp", "strcasecmp", "strncasecmp",
          "stricmp", "equals", "iequals", "startswith", "equal"})
      if (Name == C)
        return true;
  }
  return false;
}

/// The legacy method an enumerator stands for, when its enum enumerates
/// protocol methods: Method::Initialize, RequestKind::kInitialize,
/// Notification::Initialized. "" for anything else (State::Initialize).
std::string handshakeMethodOf(const EnumConstantDecl &Constant) {
  const auto *Enum = dyn_cast<EnumDecl>(Constant.getDeclContext());
  if (!Enum || !Enum->getDeclName().isIdentifier())
    return "";
  bool Protocol = false;
  for (const std::string &W : identifierWords(Enum->getName()))
    for (const char *P :
         {"method", "methods", "request", "requests", "rpc", "message",
          "notification", "notifications", "command"})
      Protocol |= W == P;
  if (!Protocol)
    return "";
  std::vector<std::string> W = identifierWords(Constant.getName());
  if (!W.empty() && W.front() == "k")
    W.erase(W.begin());
  if (W == std::vector<std::string>{"initialize"})
    return "initialize";
  if (W == std::vector<std::string>{"initialized"} ||
      W == std::vector<std::string>{"notifications", "initialized"} ||
      W == std::vector<std::string>{"notification", "initialized"})
    return "notifications/initialized";
  return "";
}
} // namespace

void InitializeHandlerCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
  Finder.addMatcher(declRefExpr(to(varDecl())).bind("ref"), this);
  Finder.addMatcher(declRefExpr(to(enumConstantDecl())).bind("enumerator"),
                    this);
}

void InitializeHandlerCheck::inspect(const Expr *Use, const std::string &Method,
                                     const std::string &Through,
                                     ASTContext &ASTCtx) {
  ExprUser User = findUser(Use, ASTCtx);
  // The constant's own definition is not a dispatch; its uses are.
  if (const auto *Var = User.node.get<VarDecl>())
    if (Var->getAnyInitializer() &&
        ignoreWrappers(Var->getAnyInitializer()) == ignoreWrappers(Use))
      return;

  Dispatch Kind = Dispatch::None;
  Callable Handler;
  if (isComparison(User.node)) {
    Kind = Dispatch::Compare;
    if (const auto *E = User.node.get<Expr>())
      Handler = handlerInBranch(E, ASTCtx, Context.Locations);
  } else if (const auto *Op = User.node.get<CXXOperatorCallExpr>();
             Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
             Op->getArg(1) == User.operand) {
    // handlers_["initialize"] = handler;
    auto Assign = findUser(Op, ASTCtx);
    // Only a callable stored under the name is a registration: storing a
    // result (`out["initialize"] = initialize_client(c)`) is not.
    if (const auto *Eq = Assign.node.get<CXXOperatorCallExpr>();
        Eq && Eq->getOperator() == OO_Equal && Eq->getNumArgs() == 2) {
      Handler = callableOf(Eq->getArg(1));
      if (Handler.found || isCallableType(Op->getType()))
        Kind = Dispatch::Register;
    }
  } else if (Callable Sibling = siblingCallable(Use, ASTCtx); Sibling.found) {
    // {"initialize", handler} in a map initializer, insert() or emplace().
    Handler = Sibling;
    Kind = Dispatch::Register;
  } else if (const auto *Call = User.node.get<CallExpr>()) {
    for (const Expr *Arg : Call->arguments()) {
      if (Arg == User.operand)
        continue;
      Callable C = callableOf(Arg);
      if (C.found) {
        Handler = C;
        Kind = Dispatch::Register;
        break;
      }
    }
  }
  if (Kind == Dispatch::None && !User.throughInitList &&
      insideCaseLabel(Use, ASTCtx))
    Kind = Dispatch::Switch;
  if (Kind == Dispatch::None)
    return;

  const char *Verb = Kind == Dispatch::Compare    ? "dispatches on"
                     : Kind == Dispatch::Register ? "registers a handler for"
                                                  : "switches on";
  std::string Message;
  if (Method == "initialize")
    Message = std::string(Verb) +
              " the legacy 'initialize' request: MCP 2026-07-28 removed the "
              "handshake; serve server/discover and read the protocol "
              "version and client capabilities from each request's _meta";
  else
    Message = std::string(Verb) +
              " the legacy 'notifications/initialized' notification: it was "
              "removed with the handshake; delete the handler";
  if (!Through.empty())
    Message += " (through " + Through + ")";

  std::vector<RelatedLocation> Related;
  if (Handler.found && Handler.range.isValid() &&
      Context.Locations.isUserLocation(Handler.range.getBegin())) {
    std::string What = "the handler";
    if (Handler.target && Handler.target->getDeclName().isIdentifier())
      What += " '" + readableName(*Handler.target) + "'";
    Related.push_back(
        {Context.Locations.span(SourceRange(Handler.range.getBegin())), What});
  }
  Context.report(RuleId, Context.Locations.span(Use->getSourceRange()),
                 std::move(Message), std::move(Related));
}

void InitializeHandlerCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    std::string Text = literalText(Literal);
    if (!isLegacyHandshakeMethod(Text) ||
        !Context.Locations.isUserLocation(Literal->getBeginLoc()))
      return;
    inspect(Literal, Text, "", *Result.Context);
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("enumerator")) {
    const auto *Constant = cast<EnumConstantDecl>(Ref->getDecl());
    std::string Method = handshakeMethodOf(*Constant);
    if (Method.empty() || !Context.Locations.isUserLocation(Ref->getBeginLoc()))
      return;
    inspect(Ref, Method, "'" + readableName(*Constant) + "'", *Result.Context);
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    const StringLiteral *Literal = stringConstantOf(Var);
    if (!Literal || !isLegacyHandshakeMethod(literalText(Literal)) ||
        !Context.Locations.isUserLocation(Ref->getBeginLoc()))
      return;
    inspect(Ref, literalText(Literal), "'" + Var->getName().str() + "'",
            *Result.Context);
  }
}

} // namespace mcp_cutover
