//===- MethodUse.cpp - How code uses a JSON-RPC method's name -------------===//
#include "checks/utils/MethodUse.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/JsonText.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <functional>

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

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

} // namespace

Callable callableOf(const Expr *E) {
  Callable C;
  E = ignoreWrappers(E);
  if (!E)
    return C;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    C.found = true;
    C.range = Lambda->getSourceRange();
    C.lambda = Lambda;
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

namespace {

/// A braced pair or constructor call that also holds the handler:
/// {"initialize", &on_initialize}.
Callable siblingCallable(const Expr *Use, ASTContext &Context) {
  Callable Found;
  walkParents(DynTypedNode::create(*Use), Context, 6,
              [&](const DynTypedNode &P) {
                std::vector<const Expr *> Storage;
                if (const auto *List = P.get<InitListExpr>())
                  Storage.assign(List->inits().begin(), List->inits().end());
                else if (const auto *Construct = P.get<CXXConstructExpr>())
                  Storage.assign(Construct->arguments().begin(),
                                 Construct->arguments().end());
                else if (!P.get<ImplicitCastExpr>() &&
                         !P.get<MaterializeTemporaryExpr>() &&
                         !P.get<CXXBindTemporaryExpr>() && !P.get<ParenExpr>())
                  return false;
                for (const Expr *Element : Storage)
                  if (Callable C = callableOf(Element); C.found) {
                    Found = C;
                    return false;
                  }
                return true;
              });
  return Found;
}

/// The handler an `if (method == "initialize")` branch calls, when it calls a
/// function of the user's whose folded name contains `HandlerWord`.
Callable handlerInBranch(const Expr *Comparison, ASTContext &Context,
                         const LocationUtil &Locations,
                         llvm::StringRef HandlerWord) {
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
              llvm::StringRef(foldName(F->getName())).contains(HandlerWord) &&
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
  const Stmt *Child = Use;
  bool Label = false;
  walkParents(DynTypedNode::create(*Use), Context, 8,
              [&](const DynTypedNode &P) {
                if (const auto *Case = P.get<CaseStmt>()) {
                  Label = Case->getLHS() == Child;
                  return false;
                }
                Child = P.get<Stmt>();
                return Child && !isa<CompoundStmt>(Child);
              });
  return Label;
}

} // namespace

/// Qualified name without "(anonymous namespace)::" noise.
std::string readableName(const NamedDecl &D) {
  std::string Name = D.getQualifiedNameAsString();
  const std::string Anonymous = "(anonymous namespace)::";
  for (size_t Pos; (Pos = Name.find(Anonymous)) != std::string::npos;)
    Name.erase(Pos, Anonymous.size());
  return Name;
}

enum class Dispatch { None, Compare, Register, Switch };

namespace {

/// In a unit whose parse met an error, `method == methods::INITIALIZE` may
/// survive only as a RecoveryExpr holding both sides: a comparison when the
/// text between `Operand` and the child beside it is `==` or `!=`.
bool isRecoveredComparison(const DynTypedNode &Node, const Expr *Operand,
                           const ASTContext &Context) {
  const auto *Recovery = Node.get<RecoveryExpr>();
  if (!Recovery || !Operand)
    return false;
  llvm::ArrayRef<const Expr *> Parts = Recovery->subExpressions();
  auto Between = [&](const Expr *Left, const Expr *Right) {
    return operatorBetween(Left, Right, Context, {"==", "!="});
  };
  for (size_t I = 0; I < Parts.size(); ++I) {
    if (Parts[I] != Operand)
      continue;
    if (I > 0 && Between(Parts[I - 1], Operand))
      return true;
    if (I + 1 < Parts.size() && Between(Operand, Parts[I + 1]))
      return true;
  }
  return false;
}

} // namespace

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

bool isExpectedMessageText(const Expr *Literal, ASTContext &Context) {
  return isComparison(findUser(Literal, Context).node) ||
         inTestAssertion(Literal->getBeginLoc(), Context.getSourceManager(),
                         Context.getLangOpts());
}

namespace {

/// A parameter, field or key that holds a message's method: method,
/// method_name, rpcMethod.
bool namesMethod(llvm::StringRef Name) {
  return hasWord(identifierWords(Name), {"method"});
}

/// A callee that registers, tests or reads rather than sends: on,
/// register_handler, is_request, get, find, handle.
bool namesNonSend(const std::vector<std::string> &W) {
  return W.empty() ||
         hasWord({W.front()}, {"is", "has", "get", "find", "contains", "on",
                               "handle", "check", "expect", "assert", "log"}) ||
         hasWord(W, {"handler", "handlers", "register", "route", "subscribe",
                     "listen", "callback", "bind", "serve", "error", "found",
                     "unknown", "unsupported", "invalid"});
}

/// A callee that sends or builds a message (send_request, call, notify_raw,
/// request::create, createWithId).
bool namesSend(llvm::StringRef Callee) {
  std::vector<std::string> W = identifierWords(Callee);
  return !namesNonSend(W) &&
         hasWord(W, {"send", "request", "req", "call", "notify", "notification",
                     "invoke", "create", "make", "build", "post", "emit",
                     "message", "msg", "rpc", "submit"});
}

/// A callee that sends a notification: notify, send_notification.
bool namesNotify(llvm::StringRef Callee) {
  return namesSend(Callee) &&
         hasWord(identifierWords(Callee), {"notify", "notification"});
}

} // namespace

/// A callee that puts a message on the wire: send, notify, write, post,
/// emit, submit, publish, call, invoke (not one that only wraps it in
/// another message type, like `Message::notification(...)`).
bool namesTransmit(llvm::StringRef Callee) {
  std::vector<std::string> W = identifierWords(Callee);
  return !namesNonSend(W) &&
         hasWord(W, {"send", "notify", "write", "post", "emit", "submit",
                     "publish", "transmit", "call", "invoke"});
}

namespace {

/// The parameter of `Callee` that receives argument `Index`, when known.
const ParmVarDecl *parameterFor(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || Index >= Callee->getNumParams())
    return nullptr;
  return Callee->getParamDecl(Index);
}

/// How a client produces the message whose method `Use` is.
enum class ClientUse { None, Send, Build };

/// `Use` in a call argument: sent when the callee sends, built when the
/// parameter it lands in is the method.
ClientUse clientCallUse(const CallExpr *Call, const Expr *Operand,
                        bool BareNotification) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (Op && Op->getOperator() != OO_Call)
    return ClientUse::None;
  // A call of a lambda or functor (`collect(key, "tools/list")`) is named by
  // its object; its first argument is that object, not a parameter.
  std::string Name = calleeName(Call);
  unsigned First = 0;
  if (Op) {
    const auto *Object =
        dyn_cast_or_null<NamedDecl>(referencedDecl(Op->getArg(0)));
    Name = Object && Object->getDeclName().isIdentifier()
               ? Object->getName().str()
               : "";
    First = 1;
  }
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    if (Call->getArg(I) != Operand)
      continue;
    const ParmVarDecl *Param = parameterFor(Call->getDirectCallee(), I - First);
    bool MethodParam = Param && Param->getDeclName().isIdentifier() &&
                       namesMethod(Param->getName());
    if (BareNotification ? namesNotify(Name) : namesSend(Name))
      return ClientUse::Send;
    // A parameter named for the method, in a call that passes no handler
    // beside it and is not named for registering or testing.
    if (MethodParam && !namesNonSend(identifierWords(Name)) &&
        llvm::none_of(llvm::drop_begin(Call->arguments(), First),
                      [&](const Expr *Arg) {
                        return Arg != Operand && callableOf(Arg).found;
                      }))
      return ClientUse::Build;
  }
  return ClientUse::None;
}

/// `Use` assigned to a message's method: req["method"] = ...,
/// request->method = ...
bool assignedToMethod(const DynTypedNode &User, const Expr *Operand) {
  const Expr *Target = nullptr;
  if (const auto *Op = User.get<CXXOperatorCallExpr>()) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(1) == Operand)
      Target = Op->getArg(0);
  } else if (const auto *Op = User.get<BinaryOperator>()) {
    if (Op->getOpcode() == BO_Assign && Op->getRHS() == Operand)
      Target = Op->getLHS();
  }
  if (!Target)
    return false;
  Target = Target->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Target))
    return Member->getMemberDecl()->getDeclName().isIdentifier() &&
           namesMethod(Member->getMemberDecl()->getName());
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Target))
    return namesMethod(Member->getMember().getAsString());
  if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(Target);
      Sub && Sub->getOperator() == OO_Subscript && Sub->getNumArgs() == 2)
    return literalText(asStringLiteral(Sub->getArg(1))) == "method";
  return false;
}

/// `Use` is the value under the method of a message built in place:
/// {"method", "initialize"} in a JSON literal, a constructor whose parameter
/// is the method.
bool builtUnderMethod(const Expr *Use, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Use);
  const Stmt *Child = Use;
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    // Follow the semantic form of a braced list (where the conversions of
    // its elements are), not the list as written.
    Node = Parents[0];
    for (const DynTypedNode &P : Parents)
      if (const auto *L = P.get<InitListExpr>(); !L || L->isSemanticForm()) {
        Node = P;
        break;
      }
    if (const auto *Construct = Node.get<CXXConstructExpr>()) {
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I) == Child) {
          const ParmVarDecl *Param =
              parameterFor(Construct->getConstructor(), I);
          if (Param && Param->getDeclName().isIdentifier() &&
              namesMethod(Param->getName()))
            return true;
        }
      // A conversion (std::string from the literal, with its defaulted
      // allocator) is looked through; a construction from several values
      // is the message itself.
      unsigned Written = 0;
      for (const Expr *Arg : Construct->arguments())
        Written += !isa<CXXDefaultArgExpr>(Arg);
      if (Written > 1)
        return false;
    } else if (const auto *List = Node.get<InitListExpr>()) {
      if (List->getNumInits() == 2 && List->getInit(1) == Child &&
          literalText(asStringLiteral(List->getInit(0))) == "method")
        return true;
      if (List->getNumInits() > 1)
        return false;
    } else if (!Node.get<ImplicitCastExpr>() &&
               !Node.get<MaterializeTemporaryExpr>() &&
               !Node.get<CXXBindTemporaryExpr>() &&
               !Node.get<CXXFunctionalCastExpr>() &&
               !Node.get<CXXStdInitializerListExpr>() &&
               !Node.get<ParenExpr>()) {
      return false;
    }
    Child = Node.get<Stmt>();
    if (!Child)
      return false;
  }
  return false;
}

/// The local variable holding a message, and the assignment target that
/// writes it (`r.method`), when an assignment does.
struct MessageVariable {
  const VarDecl *var = nullptr;
  const Expr *write = nullptr;
};

/// The local variable holding the message `Use` is built in: the one its
/// initialiser builds (`json j = {{"method", "ping"}}`), or the one a
/// member or subscript assignment writes (`r.method = "ping"`,
/// `req["method"] = "ping"`).
MessageVariable messageVariable(const Expr *Use, ASTContext &Context) {
  MessageVariable M;
  walkParents(
      DynTypedNode::create(*Use), Context, 24, [&](const DynTypedNode &P) {
        M.var = P.get<VarDecl>();
        if (const auto *Op = P.get<CXXOperatorCallExpr>();
            Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
          M.write = Op->getArg(0);
        else if (const auto *Op = P.get<BinaryOperator>();
                 Op && Op->getOpcode() == BO_Assign)
          M.write = Op->getLHS();
        return !M.var && !M.write && P.get<Expr>();
      });
  if (!M.write)
    return M;
  // The object under the assignment's members and subscripts.
  M.var = nullptr;
  const Expr *Target = M.write;
  for (int Depth = 0; Target && Depth < 8; ++Depth) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target)) {
      M.var = dyn_cast<VarDecl>(Ref->getDecl());
      break;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      Target = Member->getBase();
    else if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(Target);
             Sub && Sub->getOperator() == OO_Subscript)
      Target = Sub->getArg(0);
    else
      break;
  }
  return M;
}

/// The variable `E` initialises through conversions and constructors
/// (`json j = r;`), or null.
const VarDecl *initialisedVariable(const Expr *E, ASTContext &Context) {
  const VarDecl *Var = nullptr;
  walkParents(DynTypedNode::create(*E), Context, 8, [&](const DynTypedNode &P) {
    Var = P.get<VarDecl>();
    return !Var &&
           (P.get<ImplicitCastExpr>() || P.get<CXXConstructExpr>() ||
            P.get<MaterializeTemporaryExpr>() ||
            P.get<CXXBindTemporaryExpr>() || P.get<ExprWithCleanups>() ||
            P.get<ParenExpr>() || P.get<InitListExpr>());
  });
  return Var;
}

/// Whether every read of the local message `Var` stays in a test's checks:
/// an assertion's arguments (not handed to a send there), a parse back into
/// a message (`j.get<Request>()`, `from_json`), or another local variable
/// of which the same holds (`json j = r;`). Such a message is a
/// serialisation test's input, never sent.
bool onlyChecked(const VarDecl *Var, const Expr *Building, ASTContext &Context,
                 int Depth) {
  const auto *Function =
      Var && Var->isLocalVarDecl()
          ? dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod())
          : nullptr;
  if (!Function || !Function->getBody() || Depth > 3)
    return false;
  const SourceManager &SM = Context.getSourceManager();
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("ref")),
            *Function->getBody(), Context);
  for (const BoundNodes &N : Refs) {
    const auto *Ref = N.getNodeAs<DeclRefExpr>("ref");
    // The write that builds the message is no read of it.
    if (Building && Ref->getSourceRange().getBegin() ==
                        Building->getSourceRange().getBegin())
      continue;
    ExprUser User = findUser(Ref, Context);
    std::string Reader;
    if (const auto *Member = User.node.get<MemberExpr>())
      Reader = Member->getMemberNameInfo().getAsString();
    else if (const auto *Call = User.node.get<CallExpr>())
      Reader = calleeName(Call);
    if (Reader == "get" || Reader == "get_to" || Reader == "from_json" ||
        Reader == "parse" || Reader == "deserialize")
      continue;
    if (inTestAssertion(Ref->getBeginLoc(), SM, Context.getLangOpts())) {
      const auto *Call = User.node.get<CallExpr>();
      if (Call && namesTransmit(calleeName(Call)))
        return false;
      continue;
    }
    if (const VarDecl *Next = initialisedVariable(Ref, Context);
        Next && Next != Var && onlyChecked(Next, nullptr, Context, Depth + 1))
      continue;
    return false;
  }
  return !Refs.empty();
}

/// Whether the message `Use` is built in is a local variable that is only
/// parsed back or checked by a test (`json j = r; EXPECT_EQ(j.get<Request>(),
/// r);`): a serialisation test's input, never sent.
bool neverSent(const Expr *Use, ASTContext &Context) {
  MessageVariable M = messageVariable(Use, Context);
  // The assignment's own reference to the variable is the write, no read.
  return M.var && onlyChecked(M.var, M.write, Context, 0);
}

/// Whether the function around `Use` is a member of a class named for the
/// server (`Server`) and of one named for the client (`Client`).
std::pair<bool, bool> classSides(const Expr *Use, ASTContext &Context) {
  const FunctionDecl *F = nullptr;
  walkParents(DynTypedNode::create(*Use), Context, 64,
              [&](const DynTypedNode &P) {
                F = P.get<FunctionDecl>();
                return F == nullptr;
              });
  bool Server = false, Client = false;
  for (const DeclContext *DC = F ? F->getDeclContext() : nullptr; DC;
       DC = DC->getParent())
    if (const auto *R = dyn_cast<CXXRecordDecl>(DC);
        R && R->getDeclName().isIdentifier()) {
      std::vector<std::string> W = identifierWords(R->getName());
      Server |= hasWord(W, {"server"});
      Client |= hasWord(W, {"client"});
    }
  return {Server, Client};
}

/// Test framework assertions: gtest's EXPECT_EQ/ASSERT_*, Catch2's
/// CHECK/REQUIRE, Boost.Test, doctest.
bool isAssertionMacro(llvm::StringRef Name) {
  for (const char *Prefix :
       {"EXPECT_", "ASSERT_", "GTEST_", "CHECK_", "REQUIRE_", "BOOST_CHECK",
        "BOOST_REQUIRE", "BOOST_TEST", "DOCTEST_", "TEST_ASSERT", "CATCH_",
        "INTERNAL_CATCH"})
    if (Name.starts_with(Prefix))
      return true;
  return Name == "CHECK" || Name == "REQUIRE" || Name == "EXPECT" ||
         Name == "ASSERT" || Name == "TEST_CHECK";
}

} // namespace

/// Whether `Loc` is written inside a test assertion macro's arguments or
/// expansion, at any depth.
bool inTestAssertion(SourceLocation Loc, const SourceManager &SM,
                     const LangOptions &LangOpts) {
  if (!Loc.isMacroID())
    return false;
  SourceLocation Top = SM.getExpansionLoc(Loc);
  if (isAssertionMacro(Lexer::getSourceText(CharSourceRange::getTokenRange(Top),
                                            SM, LangOpts)))
    return true;
  for (int Depth = 0; Loc.isMacroID() && Depth < 32; ++Depth) {
    if (isAssertionMacro(Lexer::getImmediateMacroName(Loc, SM, LangOpts)))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

std::vector<RelatedLocation> handlerLocation(const Callable &Handler,
                                             const LocationUtil &Locations) {
  if (!Handler.found || Handler.range.isInvalid() ||
      !Locations.isUserLocation(Handler.range.getBegin()))
    return {};
  std::string What = "the handler";
  if (Handler.target && Handler.target->getDeclName().isIdentifier())
    What += " '" + readableName(*Handler.target) + "'";
  return {{Locations.span(SourceRange(Handler.range.getBegin())), What}};
}

const FunctionDecl *enclosingFunction(const Expr *Use, ASTContext &Context) {
  const FunctionDecl *F = nullptr;
  walkParents(DynTypedNode::create(*Use), Context, 256,
              [&](const DynTypedNode &P) {
                if (const auto *D = P.get<FunctionDecl>()) {
                  const auto *Method = dyn_cast<CXXMethodDecl>(D);
                  if (!Method || !Method->getParent()->isLambda()) {
                    F = D;
                    return false;
                  }
                }
                return true;
              });
  return F;
}

bool inServerClass(const Expr *Use, ASTContext &Context) {
  auto [Server, Client] = classSides(Use, Context);
  return Server && !Client;
}

bool inClientClass(const Expr *Use, ASTContext &Context) {
  auto [Server, Client] = classSides(Use, Context);
  return Client && !Server;
}

namespace {
/// The words an enumerator may spell `Method` with: all of them
/// (resources/subscribe: Resources Subscribe) and, for a notification, the
/// words after "notifications" alone or after "notification"
/// (Initialized, NotificationInitialized).
std::vector<std::vector<std::string>>
enumeratorSpellings(llvm::StringRef Method) {
  std::vector<std::string> All;
  llvm::SmallVector<llvm::StringRef, 4> Segments;
  Method.split(Segments, '/');
  for (llvm::StringRef Segment : Segments)
    for (std::string &W : identifierWords(Segment))
      All.push_back(std::move(W));
  std::vector<std::vector<std::string>> Spellings = {All};
  if (All.size() > 1 && All.front() == "notifications") {
    std::vector<std::string> Rest(All.begin() + 1, All.end());
    Spellings.push_back(Rest);
    Rest.insert(Rest.begin(), "notification");
    Spellings.push_back(Rest);
  }
  return Spellings;
}
} // namespace

std::string methodOfEnumerator(const EnumConstantDecl &Constant,
                               llvm::ArrayRef<llvm::StringRef> Methods) {
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
  for (llvm::StringRef Method : Methods)
    for (const std::vector<std::string> &Spelling : enumeratorSpellings(Method))
      if (W == Spelling)
        return Method.str();
  return "";
}

std::vector<std::pair<size_t, std::string>>
jsonTextMethods(llvm::StringRef Text,
                llvm::function_ref<bool(llvm::StringRef)> Wanted) {
  std::vector<std::pair<size_t, std::string>> Found;
  for (const JsonTextMember &M : jsonTextMembers(Text))
    if (M.key == "method" && M.stringValue && Wanted(*M.stringValue))
      Found.emplace_back(M.valueOffset, *M.stringValue);
  return Found;
}

std::optional<std::pair<size_t, std::string>>
jsonTextMethod(llvm::StringRef Text,
               llvm::function_ref<bool(llvm::StringRef)> Wanted) {
  auto Found = jsonTextMethods(Text, Wanted);
  if (Found.empty())
    return std::nullopt;
  return Found.front();
}

const char *methodUseVerb(MethodUseKind Kind) {
  switch (Kind) {
  case MethodUseKind::Compare:
    return "dispatches on";
  case MethodUseKind::Register:
    return "registers a handler for";
  case MethodUseKind::Switch:
    return "switches on";
  case MethodUseKind::Send:
    return "sends";
  case MethodUseKind::Build:
    return "builds a message with";
  case MethodUseKind::None:
    break;
  }
  return "uses";
}

MethodUse classifyMethodUse(const Expr *Use, ASTContext &Context,
                            const LocationUtil &Locations,
                            bool BareNotification,
                            llvm::StringRef HandlerWord) {
  ASTContext &ASTCtx = Context;
  bool Bare = BareNotification;
  MethodUse Result;
  ExprUser User = findUser(Use, ASTCtx);
  // The constant's own definition is not a use; its uses are.
  if (const auto *Var = User.node.get<VarDecl>())
    if (Var->getAnyInitializer() &&
        ignoreWrappers(Var->getAnyInitializer()) == ignoreWrappers(Use))
      return Result;

  MethodUseKind Kind = MethodUseKind::None;
  ClientUse Client = ClientUse::None;
  Callable Handler;
  if (isComparison(User.node) ||
      isRecoveredComparison(User.node, User.operand, ASTCtx)) {
    // A comparison in a test assertion (EXPECT_EQ(j["method"], "...")) checks
    // a message: it neither handles nor sends one.
    if (Bare || inTestAssertion(Use->getBeginLoc(), ASTCtx.getSourceManager(),
                                ASTCtx.getLangOpts()))
      return Result;
    Kind = MethodUseKind::Compare;
    if (const auto *E = User.node.get<Expr>())
      Handler = handlerInBranch(E, ASTCtx, Locations, HandlerWord);
  } else if (const auto *Op = User.node.get<CXXOperatorCallExpr>();
             Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
             Op->getArg(1) == User.operand) {
    // handlers_["initialize"] = handler;
    auto Assign = findUser(Op, ASTCtx);
    // Only a callable stored under the name is a registration: storing a
    // result (`out["initialize"] = initialize_client(c)`) is not.
    if (const auto *Eq = Assign.node.get<CXXOperatorCallExpr>();
        !Bare && Eq && Eq->getOperator() == OO_Equal && Eq->getNumArgs() == 2) {
      Handler = callableOf(Eq->getArg(1));
      if (Handler.found || isCallableType(Op->getType()))
        Kind = MethodUseKind::Register;
    }
  } else if (assignedToMethod(User.node, User.operand) ||
             builtUnderMethod(Use, ASTCtx)) {
    // req["method"] = "initialize"; {"method", "initialize"}: a client
    // builds the request.
    Client = ClientUse::Build;
  } else if (Callable Sibling = siblingCallable(Use, ASTCtx);
             !Bare && Sibling.found) {
    // {"initialize", handler} in a map initializer, insert() or emplace().
    Handler = Sibling;
    Kind = MethodUseKind::Register;
  } else if (const auto *Call = User.node.get<CallExpr>()) {
    // send_request("initialize", params): a client sends the request.
    Client = clientCallUse(Call, User.operand, Bare);
    // The object a lambda or functor call is made on is no handler.
    const Expr *CalleeObject = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Call)
      CalleeObject = Op->getArg(0);
    for (const Expr *Arg : Call->arguments()) {
      if (Client != ClientUse::None || Bare || Arg == User.operand ||
          Arg == CalleeObject)
        continue;
      Callable C = callableOf(Arg);
      if (C.found) {
        Handler = C;
        Kind = MethodUseKind::Register;
        break;
      }
    }
  }
  if (Client != ClientUse::None) {
    // A message a test builds only to check (an assertion's argument, a
    // serialisation round trip) is not sent.
    if (Client == ClientUse::Build &&
        (inTestAssertion(Use->getBeginLoc(), ASTCtx.getSourceManager(),
                         ASTCtx.getLangOpts()) ||
         neverSent(Use, ASTCtx)))
      return Result;
    Result.kind =
        Client == ClientUse::Send ? MethodUseKind::Send : MethodUseKind::Build;
    return Result;
  }
  if (Kind == MethodUseKind::None && !Bare && !User.throughInitList &&
      insideCaseLabel(Use, ASTCtx))
    Kind = MethodUseKind::Switch;
  Result.kind = Kind;
  Result.handler = Handler;
  return Result;
}

MethodSiteMatcher::MethodSiteMatcher(std::vector<llvm::StringRef> Methods)
    : Methods(std::move(Methods)) {
  for (llvm::StringRef M : this->Methods)
    Names.insert(M.str());
}

void MethodSiteMatcher::registerMatchers(MatchFinder &Finder,
                                         MatchFinder::MatchCallback *Callback) {
  Finder.addMatcher(stringLiteral().bind("method-literal"), Callback);
  Finder.addMatcher(declRefExpr(to(varDecl())).bind("method-constant"),
                    Callback);
  Finder.addMatcher(
      declRefExpr(to(enumConstantDecl())).bind("method-enumerator"), Callback);
}

std::optional<MethodSite>
MethodSiteMatcher::siteOf(const MatchFinder::MatchResult &Result,
                          const LocationUtil &Locations) const {
  MethodSite Site;
  if (const auto *Literal =
          Result.Nodes.getNodeAs<StringLiteral>("method-literal")) {
    if (!Locations.isUserLocation(Literal->getBeginLoc()))
      return std::nullopt;
    std::string Text = literalText(Literal);
    Site.use = Literal;
    if (Names.count(Text)) {
      Site.method = Text;
      return Site;
    }
    auto Json = jsonTextMethod(
        Text, [&](llvm::StringRef M) { return Names.count(M) > 0; });
    if (!Json)
      return std::nullopt;
    Site.method = Json->second;
    Site.jsonOffset = Json->first;
    return Site;
  }
  if (const auto *Ref =
          Result.Nodes.getNodeAs<DeclRefExpr>("method-enumerator")) {
    const auto *Constant = cast<EnumConstantDecl>(Ref->getDecl());
    if (!Locations.isUserLocation(Ref->getBeginLoc()))
      return std::nullopt;
    Site.method = methodOfEnumerator(*Constant, Methods);
    if (Site.method.empty())
      return std::nullopt;
    Site.use = Ref;
    Site.through = "'" + readableName(*Constant) + "'";
    return Site;
  }
  if (const auto *Ref =
          Result.Nodes.getNodeAs<DeclRefExpr>("method-constant")) {
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    const StringLiteral *Literal = stringConstantOf(Var);
    if (!Literal || !Names.count(literalText(Literal)) ||
        !Locations.isUserLocation(Ref->getBeginLoc()))
      return std::nullopt;
    Site.use = Ref;
    Site.method = literalText(Literal);
    Site.through = "'" + Var->getName().str() + "'";
    return Site;
  }
  return std::nullopt;
}

} // namespace mcp_cutover
