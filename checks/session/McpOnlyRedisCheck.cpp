#include "checks/session/McpOnlyRedisCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionIdUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "mcp-only-redis";

bool saysRedis(llvm::StringRef Name) {
  return !Name.empty() && Name.contains_insensitive("redis") &&
         hasWord(identifierWords(Name), {"redis"});
}

/// The Redis client a call goes to: "Redis" for hiredis's functions
/// (redisCommand, redisAsyncCommand, redisAppendCommandArgv) and other
/// free functions named for Redis, the receiver's name for a member call
/// on a class or object named for Redis (sw::redis::Redis, RedisCluster,
/// cpp_redis::client, redis_); "" for anything else.
std::string redisClientOf(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    std::string Receiver = receiverName(Member);
    const CXXRecordDecl *Class = Member->getRecordDecl();
    if (Class && saysRedis(Class->getQualifiedNameAsString()))
      return Receiver.empty() ? Class->getNameAsString() : Receiver;
    return saysRedis(Receiver) ? Receiver : "";
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return "";
  return saysRedis(Callee->getName()) ? "Redis" : "";
}

/// A command literal whose key names sessions and takes the id from an
/// argument: "SET mcp:session:%s %s", "HGETALL session:%b".
bool keysSessionsByFormat(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments())
    if (const StringLiteral *Text = asStringLiteral(Arg)) {
      const std::string Command = literalText(Text);
      llvm::StringRef Key =
          llvm::StringRef(Command).trim().split(' ').second.trim();
      Key = Key.split(' ').first;
      if (Key.contains('%') &&
          hasWord(identifierWords(Key), {"session", "sessions"}))
        return true;
    }
  return false;
}

/// Whether an argument can be a key: not a string literal (the command or
/// its format), and not a pointer other than a C string (hiredis's
/// context, an async callback and its private data, a null pointer).
bool canBeKey(const Expr *Arg) {
  if (asStringLiteral(Arg))
    return false;
  QualType T = Arg->IgnoreParenImpCasts()->getType();
  if (T->isNullPtrType() || T->isFunctionPointerType() || T->isFunctionType())
    return false;
  if (const auto *Pointer = T->getAs<PointerType>())
    return Pointer->getPointeeType()->isAnyCharacterType();
  return true;
}

/// The argument of a Redis call that holds its key: the first that can
/// be one. redisCommand(c, "GET %s", key) -> key; redis.get(key);
/// redis.command("SET", k, v) -> k.
const Expr *keyArgumentOf(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      return nullptr;
    if (canBeKey(Arg))
      return Arg;
  }
  return nullptr;
}

/// The parameters `E` is built from, through locals initialised from them
/// (`std::string k = "cart:" + key;`), `Depth` initialisers deep.
void collectParameters(const Expr *E, int Depth,
                       llvm::SmallVectorImpl<const ParmVarDecl *> &Out) {
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (isa<LambdaExpr>(S))
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *Parm = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
        if (!llvm::is_contained(Out, Parm))
          Out.push_back(Parm);
      } else if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        if (Depth > 0 && Var->isLocalVarDecl() && Var->getInit())
          collectParameters(Var->getInit(), Depth - 1, Out);
      }
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
}

/// The caller's parameter an argument is, as it came (through casts,
/// copies, .c_str() and std::string's constructor), or null.
const ParmVarDecl *parameterPassedOn(const Expr *Arg) {
  const Expr *E = ignoreWrappers(Arg);
  while (true) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && Method->getDeclName().isIdentifier() &&
          Member->getNumArgs() == 0 &&
          (Method->getName() == "c_str" || Method->getName() == "data" ||
           Method->getName() == "str")) {
        E = ignoreWrappers(Member->getImplicitObjectArgument());
        continue;
      }
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = ignoreWrappers(Construct->getArg(0));
      continue;
    }
    break;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<ParmVarDecl>(Ref->getDecl());
  return nullptr;
}

/// Whether `Parm` may hold something else than it came with: assigned,
/// appended to, or passed on by non-const reference or pointer in its
/// function.
bool mayChange(const ParmVarDecl *Parm) {
  const auto *Function = dyn_cast<FunctionDecl>(Parm->getDeclContext());
  if (!Function || !Function->getBody())
    return true;
  auto IsParm = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Parm;
  };
  llvm::SmallVector<const Stmt *, 32> Work{Function->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *B = dyn_cast<BinaryOperator>(S);
        B && B->isAssignmentOp() && IsParm(B->getLHS()))
      return true;
    if (const auto *U = dyn_cast<UnaryOperator>(S);
        U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
        IsParm(U->getSubExpr()))
      return true;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
        Op && Op->isAssignmentOp() && Op->getNumArgs() > 0 &&
        IsParm(Op->getArg(0)))
      return true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && !Method->isConst() &&
          IsParm(Member->getImplicitObjectArgument()))
        return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      for (unsigned I = 0;
           Callee && I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I) {
        QualType T = Callee->getParamDecl(I)->getType();
        if (T->isReferenceType() &&
            !T.getNonReferenceType().isConstQualified() &&
            IsParm(Call->getArg(I)))
          return true;
      }
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return false;
}

std::string functionNameOf(const FunctionDecl *Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    if (Method->getParent()->isLambda())
      return "lambda";
  return Function->getQualifiedNameAsString();
}

} // namespace

const char McpOnlyRedisConsequence[] =
    ": state that lives as long as sessions do (MCP-only Redis). Delete it "
    "in GA week, but only after every tool that needs state takes an "
    "explicit handle and keeps the state under it (SEP-2567)";

void McpOnlyRedisCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr().bind("call"), this);
}

void McpOnlyRedisCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const SourceManager &SM = *Result.SourceManager;
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()) ||
      isa<CXXOperatorCallExpr>(Call))
    return;
  // Every call of a user function, a Redis-named wrapper's too
  // (redis_cache.get("config") is a reader the wrapper has).
  noteKeyArgumentCall(Call);
  std::string Client = redisClientOf(Call);
  if (Client.empty())
    return;
  if (inTestAssertion(Call->getBeginLoc(), SM, Result.Context->getLangOpts()))
    return;
  std::string Callee = calleeName(Call);
  std::string Command = Client == "Redis" ? "'" + Callee + "'"
                                          : "'" + Client + "." + Callee + "'";
  bool ById = llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    return involvesSessionId(Arg);
  });
  if (ById || keysSessionsByFormat(Call)) {
    Context.report(RuleId, Context.Locations.span(Call->getSourceRange()),
                   Command + " keys Redis by the session id" +
                       McpOnlyRedisConsequence);
    return;
  }
  // A store wrapper: the key is the function's parameter. The linker
  // decides, once it has seen every call of the function.
  const Expr *Key = keyArgumentOf(Call);
  if (!Key)
    return;
  llvm::SmallVector<const ParmVarDecl *, 4> Parameters;
  collectParameters(Key, /*Depth=*/2, Parameters);
  for (const ParmVarDecl *Parm : Parameters) {
    const auto *Function = dyn_cast<FunctionDecl>(Parm->getDeclContext());
    if (!Function || !Parm->getDeclName().isIdentifier())
      continue;
    Context.Facts.redisKeyParams.push_back(
        {functionId(Function, Context.Locations), functionNameOf(Function),
         Parm->getFunctionScopeIndex(), Parm->getName().str(), Command,
         Context.Locations.span(Call->getSourceRange())});
  }
}

void McpOnlyRedisCheck::noteKeyArgumentCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() == 0 ||
      !Context.Locations.isUserLocation(Callee->getLocation()))
    return;
  KeyArgumentCall Fact;
  Fact.callee = functionId(Callee, Context.Locations);
  Fact.site = Context.Locations.span(Call->getSourceRange());
  const FunctionDecl *CallerFunction = nullptr;
  for (const Expr *Arg : Call->arguments()) {
    std::string What;
    if (isa<CXXDefaultArgExpr>(Arg))
      break;
    if (const ParmVarDecl *Parm = parameterPassedOn(Arg)) {
      const auto *Caller = dyn_cast<FunctionDecl>(Parm->getDeclContext());
      if (Parm->getDeclName().isIdentifier() &&
          namesSessionId(Parm->getName())) {
        // A parameter named for the session id is one, as it came.
        What = "session";
      } else if (Caller && (!CallerFunction || CallerFunction == Caller) &&
                 !mayChange(Parm)) {
        // One function's parameters per call: a lambda's call may pass
        // its own and the enclosing function's; the first one's function
        // is kept, and the others' count as anything else.
        CallerFunction = Caller;
        What = "param:" + std::to_string(Parm->getFunctionScopeIndex());
      }
    } else if (involvesSessionId(Arg)) {
      What = "session";
    }
    Fact.arguments.push_back(std::move(What));
  }
  if (CallerFunction)
    Fact.caller = functionId(CallerFunction, Context.Locations);
  // Kept even when no argument is a session id or a parameter: such a
  // call is a reader the store has besides the session-keyed paths.
  Context.Facts.keyArgumentCalls.push_back(std::move(Fact));
}

} // namespace mcp_cutover
