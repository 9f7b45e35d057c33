#include "tool/traffic/TrafficText.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/MessageText.h"

#include <cstdarg>
#include <cstdio>

namespace mcp_cutover {

namespace {
/// Clients listed in the text; the JSON has them all.
constexpr size_t ShownClients = 20;

std::string row(const char *Format, ...) __attribute__((format(printf, 1, 2)));
std::string row(const char *Format, ...) {
  char Buffer[512];
  va_list Args;
  va_start(Args, Format);
  std::vsnprintf(Buffer, sizeof Buffer, Format, Args);
  va_end(Args);
  return Buffer;
}

unsigned long long ull(uint64_t N) {
  return static_cast<unsigned long long>(N);
}
} // namespace

std::string trafficToText(const TrafficSummary &S) {
  std::string Out;
  size_t Lines = 0;
  for (const TrafficFile &F : S.files)
    Lines += F.lines;
  if (!S.firstSeen || !S.lastSeen) {
    return "No MCP request in " + std::to_string(S.files.size()) +
           (S.files.size() == 1 ? " log" : " logs") + " (" +
           std::to_string(Lines) + " lines).\n";
  }
  const bool Hourly = S.by == "hour";
  const int64_t First = *S.firstSeen, Last = *S.lastSeen;
  Out += "MCP traffic from " + formatDay(First) + " to " + formatDay(Last) +
         " (UTC), by " + S.by + ":\n";
  Out += row("  %-*s %10s %10s %8s %8s %10s\n", Hourly ? 16 : 10,
             Hourly ? "hour" : "day", "requests", "legacy", "4xx", "5xx",
             "session-id");
  for (const TrafficBucket &B : S.buckets) {
    std::string When = formatUtc(B.start);
    When = Hourly ? When.substr(0, 13) + ":00" : When.substr(0, 10);
    Out += row("  %-*s %10llu %10llu %8llu %8llu %10llu\n", Hourly ? 16 : 10,
               When.c_str(), ull(B.requests), ull(B.legacy), ull(B.legacy4xx),
               ull(B.legacy5xx), ull(B.sessionHeader));
  }
  Out += "  (legacy: 4xx and 5xx are the errors legacy requests got; "
         "session-id: requests carrying Mcp-Session-Id)\n";
  if (!S.legacy || !S.lastLegacy) {
    Out += "No legacy request in " + std::to_string(S.requests) +
           " MCP requests.\n";
  } else {
    std::vector<std::string> Why;
    auto add = [&](uint64_t N, const char *What) {
      if (N)
        Why.push_back(std::to_string(N) + " " + What);
    };
    add(S.reasons.sessionHeader, "with Mcp-Session-Id");
    add(S.reasons.oldProtocolVersion,
        "with MCP-Protocol-Version before 2026-07-28");
    add(S.reasons.noMcpMethod, "POSTs without Mcp-Method");
    add(S.reasons.initialize, "initialize handshakes");
    Out += "Legacy requests: " + std::to_string(S.legacy) + " of " +
           std::to_string(S.requests) + " (" + joinWithAnd(Why) + ").\n";
    Out += "Last legacy request: " + formatUtc(S.lastLegacy.value_or(0));
    if (S.lastSessionHeader)
      Out += "; last Mcp-Session-Id: " +
             formatUtc(S.lastSessionHeader.value_or(0));
    Out += ".\n";
    Out += "Clients behind them (clientInfo where logged, else User-Agent):\n";
    Out += row("  %10s %10s  %-20s  %s\n", "legacy", "session-id", "last seen",
               "client");
    for (size_t I = 0; I < S.clients.size() && I < ShownClients; ++I) {
      const TrafficClient &C = S.clients[I];
      Out += row("  %10llu %10llu  %-20s  ", ull(C.legacy),
                 ull(C.sessionHeader), formatUtc(C.lastSeen).c_str()) +
             (C.name.empty() ? "(none logged)" : quoteInput(C.name)) + "\n";
    }
    if (S.clients.size() > ShownClients)
      Out += "  ... and " + std::to_string(S.clients.size() - ShownClients) +
             " more clients (the JSON lists them all)\n";
    if (S.otherClients)
      Out += "  " + std::to_string(S.otherClients) +
             " legacy requests of clients past the first " +
             std::to_string(S.clients.size()) + ", not told apart\n";
  }
  if (!S.spikes.empty()) {
    Out += row("Spikes (legacy 4xx above %g times the daily mean of the week "
               "before):\n",
               S.spikeFactor);
    for (const TrafficSpike &P : S.spikes)
      Out += row("  %s: %llu legacy 4xx, the week before %.1f a day\n",
                 formatDay(P.day).c_str(), ull(P.legacy4xx), P.previousMean);
  }
  return Out;
}

} // namespace mcp_cutover
