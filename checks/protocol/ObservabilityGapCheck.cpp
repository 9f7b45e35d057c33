#include "checks/protocol/ObservabilityGapCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
/// The sign a unit records when it puts an instance id into spdlog's
/// pattern, context or a logger's name.
const char SpdlogInstanceSign[] = "spdlog-instance-id";
const char RuleId[] = "observability-gap";

/// What a log statement holds, found in its operands.
struct LoggedFacts {
  std::string request; ///< The name that gives the method or tool, or "".
  bool handle = false;
  bool instance = false;
};

/// An id that is not a handle: the request's, the message's, a trace's.
bool namesRequestId(const std::vector<std::string> &W) {
  return hasWord(W, {"request", "req", "rpc", "message", "msg", "trace", "span",
                     "correlation", "jsonrpc", "call", "event"});
}

void noteName(llvm::StringRef Name, LoggedFacts &F) {
  if (Name.empty())
    return;
  std::vector<std::string> W = identifierWords(Name);
  if (F.request.empty() && !hasWord(W, {"http", "verb"}) &&
      (hasWord(W, {"method"}) ||
       (hasWord(W, {"tool"}) && (W.size() == 1 || hasWord(W, {"name"})))))
    F.request = Name.str();
  if (hasWord(W, {"instance", "hostname", "pod", "replica", "node", "worker",
                  "host"}))
    F.instance = true;
  // A handle: basket_id, cartHandle; the whole arguments object holds them.
  if (!namesSessionId(Name) && !namesRequestId(W) &&
      ((W.size() > 1 && (W.back() == "id" || W.back() == "handle")) ||
       hasWord(W, {"arguments", "args", "params"})))
    F.handle = true;
}

/// Walks one logged operand.
/// `LiteralsAreNames`: a word-like literal is read as a name (a key,
/// `args.at("basket_id")`); off for a logger's name or a file path, where
/// "worker" or "/var/log/node.log" says nothing of the instance.
void collect(const Expr *E, LoggedFacts &F, bool LiteralsAreNames = true) {
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (Ref->getDecl()->getDeclName().isIdentifier())
        noteName(Ref->getDecl()->getName(), F);
    } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      // httplib::Request::method, a Crow or Beast request's: an HTTP verb.
      const auto *Owner =
          dyn_cast<RecordDecl>(Member->getMemberDecl()->getDeclContext());
      bool HttpRequest =
          Owner && hasWord(identifierWords(Owner->getQualifiedNameAsString()),
                           {"http", "httplib", "crow", "beast", "drogon"});
      if (Member->getMemberDecl()->getDeclName().isIdentifier() && !HttpRequest)
        noteName(Member->getMemberDecl()->getName(), F);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      std::string Callee = calleeName(Call);
      if (llvm::is_contained({"gethostname", "getpid"}, Callee))
        F.instance = true;
    } else if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
      // params["method"], args.at("basket_id"), getenv("HOSTNAME").
      if (Literal->isOrdinary() && Literal->getLength() < 64) {
        std::string Text = literalText(Literal);
        if (Text == "method" || Text == "tool" || Text == "tool_name")
          F.request = F.request.empty() ? Text : F.request;
        else if (llvm::is_contained({"HOSTNAME", "POD_NAME", "INSTANCE_ID",
                                     "HOST", "NODE_NAME"},
                                    Text))
          F.instance = true;
        else if (LiteralsAreNames && Text.find(' ') == std::string::npos)
          noteName(Text, F);
      }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

/// Whether `E` is `Var`, or a `<<` chain that starts from it.
bool startsFrom(const Expr *E, const VarDecl *Var) {
  E = E->IgnoreImplicit();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_LessLess && Op->getNumArgs() == 2 &&
           startsFrom(Op->getArg(0), Var);
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == Var;
}

/// What is written into a local in its function: its initialiser, what
/// `<<`, `+=` and append() add to it. How a pattern is built in a string
/// or a std::ostringstream before spdlog gets it.
void collectWrittenInto(const VarDecl *Var, LoggedFacts &F) {
  if (Var->getInit())
    collect(Var->getInit(), F, /*LiteralsAreNames=*/false);
  const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Function || !Function->getBody())
    return;
  llvm::SmallVector<const Stmt *, 32> Work{Function->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
        Op && Op->getNumArgs() == 2 &&
        (Op->getOperator() == OO_LessLess ||
         Op->getOperator() == OO_PlusEqual) &&
        startsFrom(Op->getArg(0), Var)) {
      collect(Op->getArg(1), F, /*LiteralsAreNames=*/false);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && Method->getDeclName().isIdentifier() &&
          Method->getName() == "append" &&
          startsFrom(Member->getImplicitObjectArgument(), Var))
        for (const Expr *Arg : Member->arguments())
          collect(Arg, F, /*LiteralsAreNames=*/false);
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
}

std::string qualifiedCallee(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  return F ? F->getQualifiedNameAsString() : "";
}

/// The stream a `<<` chain starts from, if it is a log: std::cerr,
/// std::clog, glog's LOG(...) (google::LogMessage::stream()).
bool isLogStream(const Expr *Base) {
  Base = Base->IgnoreImplicit();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Base)) {
    std::string Name = Ref->getDecl()->getQualifiedNameAsString();
    return Name == "std::cerr" || Name == "std::clog";
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Base)) {
    const CXXRecordDecl *Class = Call->getRecordDecl();
    return Class && llvm::StringRef(Class->getQualifiedNameAsString())
                        .starts_with("google::LogMessage");
  }
  return false;
}

/// Whether a call is a log call: spdlog, fmt::print(stderr, ...),
/// fprintf(stderr, ...); or, by shape only, a logger of the SDK or the
/// project (`logger_->info(...)`, `Logger::log(...)`, `log_info(...)`).
enum class LogCall { None, Known, Shape };
LogCall logCallKind(const CallExpr *Call) {
  std::string Qualified = qualifiedCallee(Call);
  if (llvm::StringRef(Qualified).starts_with("spdlog::"))
    return LogCall::Known;
  auto ToStderr = [&] {
    if (Call->getNumArgs() == 0)
      return false;
    llvm::StringRef First = referencedName(Call->getArg(0)->IgnoreImplicit());
    return First == "stderr";
  };
  if ((Qualified == "fmt::print" || Qualified == "fprintf" ||
       Qualified == "std::fprintf") &&
      ToStderr())
    return LogCall::Known;
  std::string Callee = calleeName(Call);
  std::vector<std::string> W = identifierWords(Callee);
  const bool CalleeLog = hasWord(W, {"log", "logger", "logf"});
  const bool LevelWord = hasWord(W, {"info", "debug", "warn", "warning",
                                     "error", "trace", "notice", "critical"});
  // What the call goes to says "logging": logger_->info(...),
  // Logger::instance().log(...). A bare log() on anything else
  // (sessions.log(...)) is not taken for one.
  bool OwnerLog = false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    OwnerLog = hasWord(identifierWords(receiverName(Member)),
                       {"log", "logger", "logging"});
    if (const CXXRecordDecl *Class = Member->getRecordDecl())
      OwnerLog |= hasWord(identifierWords(Class->getName()), {"logger", "log"});
  } else if (const auto *Method =
                 dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee())) {
    OwnerLog = hasWord(identifierWords(Method->getParent()->getName()),
                       {"logger", "log"});
  }
  if ((CalleeLog && LevelWord) || (OwnerLog && (LevelWord || CalleeLog)))
    return LogCall::Shape;
  return LogCall::None;
}
} // namespace

void ObservabilityGapCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("<<")).bind("shift"), this);
  Finder.addMatcher(callExpr(unless(cxxOperatorCallExpr())).bind("call"), this);
}

void ObservabilityGapCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *Shift =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("shift")) {
    // Only from the chain's first `<<`: its left operand is the stream.
    if (Shift->getNumArgs() != 2 || !isLogStream(Shift->getArg(0)) ||
        !Context.Locations.isUserLocation(Shift->getBeginLoc()))
      return;
    llvm::SmallVector<const Expr *, 8> Logged{Shift->getArg(1)};
    const Expr *Top = Shift;
    // Up the chain: each `<<` whose left operand is the chain so far.
    while (true) {
      DynTypedNodeList Parents = Result.Context->getParents(*Top);
      const Expr *Up = Parents.empty() ? nullptr : Parents[0].get<Expr>();
      while (Up &&
             (isa<ImplicitCastExpr>(Up) || isa<MaterializeTemporaryExpr>(Up) ||
              isa<CXXBindTemporaryExpr>(Up))) {
        DynTypedNodeList More = Result.Context->getParents(*Up);
        Up = More.empty() ? nullptr : More[0].get<Expr>();
      }
      const auto *Next = dyn_cast_or_null<CXXOperatorCallExpr>(Up);
      if (!Next || Next->getOperator() != OO_LessLess ||
          Next->getNumArgs() != 2)
        break;
      Logged.push_back(Next->getArg(1));
      Top = Next;
    }
    judge(Top, Logged, /*KnownLogger=*/true, /*Spdlog=*/false, Result);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()))
    return;
  if (setsSpdlogContext(Call))
    return;
  LogCall Kind = logCallKind(Call);
  if (Kind == LogCall::None)
    return;
  llvm::SmallVector<const Expr *, 8> Logged(Call->arguments());
  judge(Call, Logged, Kind == LogCall::Known,
        llvm::StringRef(qualifiedCallee(Call)).starts_with("spdlog::"), Result);
}

bool ObservabilityGapCheck::setsSpdlogContext(const CallExpr *Call) {
  std::string Qualified = qualifiedCallee(Call);
  llvm::StringRef Name(Qualified);
  if (!Name.consume_front("spdlog::"))
    return false;
  // The pattern (set_pattern, set_formatter), a mapped diagnostic context
  // (spdlog::mdc::put), or a logger's name, which the default pattern
  // prints as [%n] (stdout_color_mt(hostname)).
  llvm::StringRef Last = Name.rsplit("::").second;
  if (Last.empty())
    Last = Name;
  if (!llvm::is_contained({"set_pattern", "set_formatter", "put"}, Last) &&
      !Last.ends_with("_mt") && !Last.ends_with("_st"))
    return false;
  LoggedFacts F;
  // A factory's first argument is the logger's name; the others are
  // sinks' settings (file paths, colours).
  bool Factory = Last.ends_with("_mt") || Last.ends_with("_st");
  for (const Expr *Arg : Call->arguments()) {
    if (Factory && Arg != Call->getArg(0))
      break;
    collect(Arg, F, /*LiteralsAreNames=*/false);
    // A pattern put together first: `ss << "[" << hostname << "] %v";
    // spdlog::set_pattern(ss.str());`.
    llvm::SmallVector<const Stmt *, 8> Work{Arg};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->isLocalVarDecl())
          collectWrittenInto(Var, F);
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  if (F.instance)
    Context.recordSign(SpdlogInstanceSign);
  return true;
}

void ObservabilityGapCheck::judge(const Expr *Statement,
                                  llvm::ArrayRef<const Expr *> Logged,
                                  bool KnownLogger, bool Spdlog,
                                  const MatchFinder::MatchResult &Result) {
  if (!Seen.insert(Statement).second ||
      inTestAssertion(Statement->getBeginLoc(), *Result.SourceManager,
                      Result.Context->getLangOpts()))
    return;
  LoggedFacts F;
  for (const Expr *E : Logged)
    collect(E, F);
  if (F.request.empty() || (F.handle && F.instance))
    return;
  std::string Missing = !F.handle && !F.instance
                            ? "neither the handle arguments nor an instance id"
                        : !F.handle ? "not the handle arguments"
                                    : "not the instance id";
  std::string Add =
      !F.handle && !F.instance
          ? "the handle arguments (the *_id values the call takes) and this "
            "instance's id (its hostname or pod name)"
      : !F.handle ? "the handle arguments (the *_id values the call takes)"
                  : "this instance's id (its hostname or pod name)";
  auto message = [&](const std::string &Missing, const std::string &Add) {
    return "logs the request's '" + F.request + "' but " + Missing + ": add " +
           Add +
           " to this log statement; behind a round-robin balancer a trace "
           "without the method, the handles and the instance together "
           "cannot be followed";
  };
  SourceSpan Span = Context.Locations.span(Statement->getSourceRange());
  if (Spdlog && !F.instance) {
    // An instance id in spdlog's pattern, context or logger name is on
    // every line: then only the handles can be missing.
    Context.reportUnless({SpdlogInstanceSign}, RuleId, Span,
                         message(Missing, Add));
    if (!F.handle)
      Context.reportOnlyIf(
          {SpdlogInstanceSign}, RuleId, Span,
          message("not the handle arguments",
                  "the handle arguments (the *_id values the call takes)"));
    return;
  }
  Context.report(RuleId, Span, message(Missing, Add));
  if (!KnownLogger)
    Context.Facts.findings.back().atMostNote = true;
}

} // namespace mcp_cutover
