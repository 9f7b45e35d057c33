#include "checks/session/ResumeFromSessionCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionIdUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "resume-from-session";

const std::initializer_list<llvm::StringRef> SessionWords = {"session",
                                                             "sessions"};

/// Whether a function's name says it brings a session back by its id:
/// restore_session, resumeSession, load_session, SessionStore::rehydrate.
bool namesSessionRestore(const FunctionDecl &F) {
  if (!F.getDeclName().isIdentifier())
    return false;
  // Most calls name no session at all: skip the word split for them.
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  if (!F.getName().contains_insensitive("session") &&
      !(Method && Method->getParent()->getDeclName().isIdentifier() &&
        Method->getParent()->getName().contains_insensitive("session")))
    return false;
  std::vector<std::string> W = identifierWords(F.getName());
  if (hasWord(W, SessionWords) &&
      hasWord(W, {"restore", "resume", "rehydrate", "revive", "reattach",
                  "reload", "recover", "load", "migrate", "reopen"}))
    return true;
  // Session::resume, SessionManager::restore: the class says "session".
  return Method && Method->getParent()->getDeclName().isIdentifier() &&
         hasWord(identifierWords(Method->getParent()->getName()),
                 SessionWords) &&
         hasWord(W, {"restore", "resume", "rehydrate", "revive", "reattach",
                     "migrate"});
}

/// Whether a body does nothing but throw: the stub of a manager that
/// supports no sessions ("resume is not supported in stateless mode")
/// restores nothing.
bool onlyThrows(const Stmt *Body) {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  return Block && !Block->body_empty() &&
         llvm::all_of(Block->body(), [](const Stmt *S) {
           const auto *E = dyn_cast<Expr>(S);
           return E && isa<CXXThrowExpr>(E->IgnoreImplicit());
         });
}

/// Whether a name says storage that outlives the process or is shared by
/// instances: redis_, db, sqlite, storage_, kv, persistence.
bool namesPersistentStore(llvm::StringRef Name) {
  return hasWord(identifierWords(Name),
                 {"redis", "db", "database", "sqlite", "sql", "persist",
                  "persistent", "persistence", "storage", "kv", "disk",
                  "memcached", "etcd", "mongo", "postgres", "pg", "dynamo"});
}

/// Whether a call reads: get, load, fetch, hgetall, select...
bool namesRead(llvm::StringRef Callee) {
  return hasWord(identifierWords(Callee),
                 {"get", "load", "fetch", "read", "find", "lookup", "hget",
                  "hgetall", "hmget", "mget", "query", "select", "retrieve",
                  "restore", "command"});
}

/// Whether a call's command text writes or deletes: `redisCommand(ctx,
/// "SET %s %s", ...)`, `db.query("DELETE FROM sessions WHERE id = ?", sid)`.
bool sendsWriteCommand(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments())
    if (const StringLiteral *Text = asStringLiteral(Arg)) {
      std::string Verb =
          llvm::StringRef(literalText(Text)).trim().split(' ').first.upper();
      if (llvm::is_contained({"SET", "HSET", "HMSET", "SETEX", "DEL", "EXPIRE",
                              "INSERT", "UPDATE", "DELETE", "REPLACE",
                              "UPSERT"},
                             Verb))
        return true;
    }
  return false;
}

/// Whether `Text` is a Redis read of a session-keyed key
/// ("HGETALL mcp:session:%s") or SQL selecting session rows
/// ("SELECT cart FROM sessions WHERE id = ?"). Prose ("get session
/// state") is neither: a Redis key is written with ':', '%', '{' or '_'.
bool readsSessionText(llvm::StringRef Text) {
  Text = Text.trim();
  auto [Command, Rest] = Text.split(' ');
  std::string Lower = Command.lower();
  if (llvm::is_contained({"get", "hget", "hgetall", "hmget", "mget", "exists",
                          "hexists", "getex", "lrange", "smembers", "json.get"},
                         Lower)) {
    llvm::StringRef Key = Rest.trim().split(' ').first;
    return hasWord(identifierWords(Key), SessionWords) &&
           Key.find_first_of(":%{_") != llvm::StringRef::npos;
  }
  bool Upper = Text.starts_with("SELECT ") && Text.contains(" FROM ");
  bool LowerSql = Text.starts_with("select ") && Text.contains(" from ");
  if (!Upper && !LowerSql)
    return false;
  std::vector<std::string> W = identifierWords(Text);
  return hasWord(W, SessionWords) || hasWord(W, {"sessionid"});
}

std::string quoted(const NamedDecl &D) { return "'" + readableName(D) + "'"; }

const char Tail[] =
    ": a 2026-07-28 request carries no Mcp-Session-Id, so this path serves "
    "only clients still on sessions. Delete it once the access logs show no "
    "Mcp-Session-Id (GA week); state is then reached through explicit "
    "handles that tools return and take as arguments (SEP-2567)";
} // namespace

void ResumeFromSessionCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder.addMatcher(callExpr().bind("call"), this);
  Finder.addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasAnyName(
                           "::std::basic_ifstream", "::std::basic_fstream")))))
          .bind("construct"),
      this);
  Finder.addMatcher(stringLiteral().bind("literal"), this);
}

void ResumeFromSessionCheck::addSite(const FunctionDecl *Function,
                                     SourceRange Range, std::string What,
                                     const SourceManager &SM) {
  SourceLocation At = SM.getFileLoc(Range.getBegin());
  auto [It, Inserted] = Sites.try_emplace(Function);
  if (!Inserted && !SM.isBeforeInTranslationUnit(At, It->second.at))
    return;
  It->second = {Context.Locations.span(Range), At, std::move(What)};
}

void ResumeFromSessionCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (F->isTemplateInstantiation() || F->isImplicit() ||
        !Context.Locations.isUserLocation(F->getLocation()) ||
        !namesSessionRestore(*F) || onlyThrows(F->getBody()))
      return;
    addSite(F->getCanonicalDecl(), F->getLocation(),
            quoted(*F) + " restores a session kept under its session id", SM);
    return;
  }
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    if (!Literal->isOrdinary() ||
        !Context.Locations.isUserLocation(Literal->getBeginLoc()) ||
        !readsSessionText(literalText(Literal)) ||
        inTestAssertion(Literal->getBeginLoc(), SM, AST.getLangOpts()))
      return;
    const FunctionDecl *F = enclosingFunction(Literal, AST);
    addSite(F ? F->getCanonicalDecl() : nullptr, Literal->getSourceRange(),
            "reads session state keyed by the session id (\"" +
                literalText(Literal) + "\")",
            SM);
    return;
  }
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    // std::ifstream in("sessions/" + session_id + ".json"): a session's
    // snapshot read back from disk.
    if (!Context.Locations.isUserLocation(Construct->getBeginLoc()) ||
        Construct->getNumArgs() == 0 ||
        !involvesSessionId(Construct->getArg(0)))
      return;
    const FunctionDecl *F = enclosingFunction(Construct, AST);
    addSite(F ? F->getCanonicalDecl() : nullptr, Construct->getSourceRange(),
            "reads a session's saved state from a file named by its session "
            "id",
            SM);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()))
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  // The function around a site, looked up only once the call is one.
  auto Key = [&]() -> const FunctionDecl * {
    const FunctionDecl *Around = enclosingFunction(Call, AST);
    return Around ? Around->getCanonicalDecl() : nullptr;
  };
  // A library's restore call; the user's own restore function is reported
  // at its definition instead.
  if (Callee && namesSessionRestore(*Callee) &&
      !Context.Locations.isUserLocation(Callee->getLocation())) {
    addSite(Key(), Call->getSourceRange(),
            "calls " + quoted(*Callee) +
                ", which restores a session kept under its session id",
            SM);
    return;
  }
  if (!namesRead(calleeName(Call)) || sendsWriteCommand(Call) ||
      !llvm::any_of(Call->arguments(),
                    [](const Expr *Arg) { return involvesSessionId(Arg); }))
    return;
  std::string Store;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Store = receiverName(Member);
  else if (hasWord(identifierWords(calleeName(Call)), {"redis"}))
    Store = "Redis"; // redisCommand(ctx, "HGETALL %s", key.c_str())
  if (Store.empty() || (Store != "Redis" && !namesPersistentStore(Store)))
    return;
  addSite(Key(), Call->getSourceRange(),
          "reads session state from " +
              (Store == "Redis" ? Store : "'" + Store + "'") +
              " keyed by the session id",
          SM);
}

void ResumeFromSessionCheck::onEndOfTranslationUnit() {
  for (auto &[Function, S] : Sites)
    Context.report(RuleId, std::move(S.span), S.what + Tail);
  Sites.clear();
}

} // namespace mcp_cutover
