#include "tool/link/RedisStoreLinker.h"

#include "checks/session/McpOnlyRedisCheck.h"
#include "tool/link/ProjectLinker.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace mcp_cutover {

namespace {
/// How deep callers that pass a parameter on are followed.
constexpr int MaxForwarding = 4;

/// The calls of each function, each once (a header's calls come from every
/// unit that includes it).
using CallIndex = std::map<std::string, std::vector<const KeyArgumentCall *>>;

CallIndex indexCalls(const std::vector<TranslationUnitFacts> &Units) {
  CallIndex Calls;
  // The whole call: calls of one macro expansion or one chain start at
  // the same place.
  std::set<std::tuple<std::string, SourceSpan, std::string,
                      std::vector<std::string>>>
      Seen;
  for (const TranslationUnitFacts &U : Units)
    for (const KeyArgumentCall &C : U.keyArgumentCalls)
      if (Seen.insert({C.callee, C.site, C.caller, C.arguments}).second)
        Calls[C.callee].push_back(&C);
  return Calls;
}

/// Whether every call of `Function` fills parameter `Param` with a session
/// id; `Sites` gets the calls that pass one in place.
bool onlySessionIds(const CallIndex &Calls, const std::string &Function,
                    unsigned Param, int Depth,
                    std::set<std::pair<std::string, unsigned>> &Visiting,
                    std::vector<SourceSpan> &Sites) {
  auto It = Calls.find(Function);
  if (It == Calls.end() || Depth > MaxForwarding ||
      !Visiting.insert({Function, Param}).second)
    return false;
  bool Only = true;
  for (const KeyArgumentCall *C : It->second) {
    if (Param >= C->arguments.size()) {
      Only = false;
      break;
    }
    llvm::StringRef What = C->arguments[Param];
    unsigned Forwarded = 0;
    if (What == "session") {
      Sites.push_back(C->site);
    } else if (!What.consume_front("param:") ||
               What.getAsInteger(10, Forwarded) ||
               !onlySessionIds(Calls, C->caller, Forwarded, Depth + 1, Visiting,
                               Sites)) {
      Only = false;
      break;
    }
  }
  // On the path only: a forwarder that calls the wrapper twice is
  // followed twice.
  Visiting.erase({Function, Param});
  return Only;
}
} // namespace

void linkRedisStores(const std::vector<TranslationUnitFacts> &Units,
                     std::vector<Finding> &Out) {
  // "Every call" needs every unit: a unit that did not compile whole may
  // hold the call with another key.
  if (!llvm::all_of(Units, [](const TranslationUnitFacts &U) {
        return U.status == UnitStatus::Complete;
      }))
    return;
  CallIndex Calls = indexCalls(Units);
  std::set<std::string> Reported;
  for (const TranslationUnitFacts &U : Units)
    for (const RedisKeyParamFact &K : U.redisKeyParams) {
      std::set<std::pair<std::string, unsigned>> Visiting;
      std::vector<SourceSpan> Sites;
      if (Reported.count(K.site.key()) ||
          !onlySessionIds(Calls, K.function, K.param, 0, Visiting, Sites) ||
          Sites.empty())
        continue;
      Reported.insert(K.site.key());
      std::sort(Sites.begin(), Sites.end());
      Sites.erase(std::unique(Sites.begin(), Sites.end()), Sites.end());
      Finding F;
      F.ruleId = "mcp-only-redis";
      F.span = K.site;
      F.message = K.command + " in '" + K.functionName +
                  "' keys Redis by its parameter '" + K.paramName +
                  "', and every call of it passes a session id (" +
                  std::to_string(Sites.size()) +
                  (Sites.size() == 1 ? " call site gives the id)"
                                     : " call sites give the id)") +
                  McpOnlyRedisConsequence;
      for (const SourceSpan &S : Sites) {
        if (F.related.size() == MaxRelatedLocations)
          break;
        F.related.push_back({S, "called with a session id"});
      }
      Out.push_back(std::move(F));
    }
}

} // namespace mcp_cutover
