#include "tool/traffic/TrafficVerdict.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/MessageText.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
/// Clients named under an open item; the traffic result has them all.
constexpr size_t NamedClients = 5;

std::string days(int64_t N) {
  return std::to_string(N) + (N == 1 ? " day" : " days");
}
} // namespace

std::optional<TrafficQuestion> trafficQuestion(const std::string &Key) {
  if (Key == "legacy-clients")
    return TrafficQuestion::LegacyClients;
  if (Key == "session-header-clients")
    return TrafficQuestion::SessionHeaderClients;
  return std::nullopt;
}

TrafficVerdict judgeTraffic(const TrafficSummary &S, TrafficQuestion Q) {
  TrafficVerdict V;
  const bool Session = Q == TrafficQuestion::SessionHeaderClients;
  const std::string What =
      Session ? "request carrying Mcp-Session-Id" : "legacy request";
  const std::string Whats =
      Session ? "requests carrying Mcp-Session-Id" : "legacy requests";
  if (!S.firstSeen || !S.lastSeen) {
    V.lines.emplace_back(
        "the access logs hold no MCP request: nothing to decide by");
    return V;
  }
  // Without the header in the log, its absence proves nothing.
  if (!S.sessionHeaderLogged) {
    V.lines.emplace_back("the access logs do not record Mcp-Session-Id: add it "
                         "('mcp-cutover traffic --print-log-format nginx', "
                         "envoy or haproxy) before this can be decided");
    return V;
  }
  const std::optional<int64_t> Last =
      Session ? S.lastSessionHeader : S.lastLegacy;
  const int64_t QuietFrom = Last ? *Last : *S.firstSeen;
  const int64_t Quiet = (*S.lastSeen - QuietFrom) / 86400;
  if (Last && Quiet >= QuietDaysWanted) {
    V.done = true;
    V.lines.push_back("no " + What + " since " + formatUtc(*Last) + " (" +
                      days(Quiet) + " of logs after it, to " +
                      formatDay(*S.lastSeen) + ")");
    return V;
  }
  if (!Last && Quiet >= QuietDaysWanted) {
    V.done = true;
    V.lines.push_back("no " + What + " in the logs from " +
                      formatDay(*S.firstSeen) + " to " +
                      formatDay(*S.lastSeen));
    return V;
  }
  if (!Last) {
    V.lines.push_back("no " + What + " in " + days(Quiet) + " of logs (" +
                      formatDay(*S.firstSeen) + " to " +
                      formatDay(*S.lastSeen) + "); a week of logs is wanted");
    return V;
  }
  std::vector<std::string> Named;
  size_t Count = 0;
  for (const TrafficClient &C : S.clients) {
    if (Session && !C.sessionHeader)
      continue;
    ++Count;
    if (Named.size() < NamedClients)
      Named.push_back(
          (C.name.empty() ? std::string("a client without User-Agent")
                          : quoteInput(C.name)) +
          " (last " +
          formatDay(Session ? C.lastSessionHeader.value_or(C.lastSeen)
                            : C.lastSeen) +
          ")");
  }
  std::string Line = Whats + " until " + formatUtc(*Last);
  Line += Quiet > 0 ? ", " + days(Quiet) +
                          " before the logs end (a week without is wanted)"
                    : ", the logs' last day";
  V.lines.push_back(Line);
  if (!Named.empty())
    V.lines.push_back(
        "from " + std::to_string(Count) +
        (Count == 1 ? " client: " : " clients: ") + joinWithAnd(Named) +
        (Count > Named.size() ? " and more ('mcp-cutover traffic' lists them)"
                              : ""));
  if (Session && !S.spikes.empty()) {
    std::vector<std::string> Spikes;
    for (const TrafficSpike &P : S.spikes)
      if (Spikes.size() < NamedClients)
        Spikes.push_back(formatDay(P.day) + " (" + std::to_string(P.legacy4xx) +
                         ")");
    V.lines.push_back("legacy 4xx spikes on " + joinWithAnd(Spikes) +
                      ": alert on them until none remain");
  }
  return V;
}

} // namespace mcp_cutover
