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

const char Tail[] =
    ": state that lives as long as sessions do (MCP-only Redis). Delete it "
    "in GA week, but only after every tool that needs state takes an "
    "explicit handle and keeps the state under it (SEP-2567)";
} // namespace

void McpOnlyRedisCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr().bind("call"), this);
}

void McpOnlyRedisCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const SourceManager &SM = *Result.SourceManager;
  if (!Call || !Context.Locations.isUserLocation(Call->getBeginLoc()) ||
      isa<CXXOperatorCallExpr>(Call))
    return;
  std::string Client = redisClientOf(Call);
  if (Client.empty() ||
      inTestAssertion(Call->getBeginLoc(), SM, Result.Context->getLangOpts()))
    return;
  bool ById = llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    return involvesSessionId(Arg);
  });
  if (!ById && !keysSessionsByFormat(Call))
    return;
  std::string Callee = calleeName(Call);
  Context.report(RuleId, Context.Locations.span(Call->getSourceRange()),
                 (Client == "Redis" ? "'" + Callee + "'"
                                    : "'" + Client + "." + Callee + "'") +
                     " keys Redis by the session id" + Tail);
}

} // namespace mcp_cutover
