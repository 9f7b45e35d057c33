#include "tool/traffic/TrafficAnalysis.h"
#include "tool/traffic/LogFileReader.h"

#include "checks/utils/MessageText.h"

#include <algorithm>
#include <unordered_map>

namespace mcp_cutover {

namespace {
constexpr std::string_view NewVersion = "2026-07-28";
constexpr size_t MaxMalformedShown = 5;

/// A protocol version is a date; anything else is not judged.
bool isVersionDate(std::string_view V) {
  return V.size() == 10 && V[4] == '-' && V[7] == '-';
}

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view S) const {
    return std::hash<std::string_view>()(S);
  }
};

/// The fields the report needs beyond time and status, with the name the
/// user adds them by.
struct WantedField {
  unsigned bit;
  const char *header;
};
constexpr WantedField WantedFields[] = {
    {FieldSessionId, "Mcp-Session-Id"},
    {FieldMcpMethod, "Mcp-Method"},
    {FieldMcpName, "Mcp-Name"},
    {FieldProtocolVersion, "MCP-Protocol-Version"},
    {FieldUpstream, "the upstream address"},
    {FieldUserAgent, "User-Agent"}};

int64_t floorTo(int64_t Second, int64_t Unit) {
  int64_t Q = Second / Unit;
  return (Second % Unit < 0 ? Q - 1 : Q) * Unit;
}
} // namespace

LegacySigns legacySigns(const AccessLogLine &L) {
  LegacySigns S;
  S.sessionHeader = !present(L.sessionId).empty();
  std::string_view V = present(L.protocolVersion);
  S.oldProtocolVersion = isVersionDate(V) && V < NewVersion;
  S.noMcpMethod = (L.logged & FieldMcpMethod) && present(L.mcpMethod).empty() &&
                  L.verb == "POST";
  std::string_view Method = present(L.rpcMethod);
  if (Method.empty())
    Method = present(L.mcpMethod);
  S.initialize =
      Method == "initialize" || Method == "notifications/initialized";
  return S;
}

struct TrafficAnalysis::Counts {
  std::vector<TrafficFile> files;
  std::map<int64_t, TrafficBucket> buckets;
  TrafficBucket *last = nullptr;
  std::map<int64_t, uint64_t> legacy4xxPerDay;
  std::unordered_map<std::string, TrafficClient, NameHash, std::equal_to<>>
      clients;
  uint64_t otherClients = 0;
  TrafficSummary summary;
  /// Whether every file with a line logged the session header.
  bool sessionLoggedEverywhere = true;
};

TrafficAnalysis::TrafficAnalysis(TrafficOptions O)
    : Options(std::move(O)), State(std::make_unique<Counts>()) {}
TrafficAnalysis::~TrafficAnalysis() = default;

std::string TrafficAnalysis::addFile(const std::string &Path) {
  Counts &C = *State;
  TrafficSummary &S = C.summary;
  const int64_t Unit = Options.by == "hour" ? 3600 : 86400;
  TrafficFile File;
  File.path = Path == "-" ? "<stdin>" : Path;
  unsigned Logged = 0;
  bool Formats[3] = {false, false, false};
  AccessLogLine L;
  // Counted into a copy first: a file that turns out unreadable halfway
  // counts for nothing.
  Counts Before = {
      C.files,   C.buckets,      nullptr,   C.legacy4xxPerDay,
      C.clients, C.otherClients, C.summary, C.sessionLoggedEverywhere};
  C.last = nullptr;
  auto OnLine = [&](std::string_view Text, uint64_t Number) {
    if (Text.empty() || Text.find_first_not_of(" \t") == std::string_view::npos)
      return;
    if (!parseAccessLogLine(Text, L)) {
      if (File.firstMalformed.size() < MaxMalformedShown)
        File.firstMalformed.push_back(Number);
      ++File.malformedLines;
      return;
    }
    Formats[static_cast<int>(L.format)] = true;
    Logged |= L.logged;
    if (!Options.pathPrefix.empty() && (L.logged & FieldPath) &&
        L.path.substr(0, Options.pathPrefix.size()) != Options.pathPrefix) {
      ++File.skippedLines;
      return;
    }
    int64_t Start = floorTo(L.second, Unit);
    if (!C.last || C.last->start != Start) {
      C.last = &C.buckets[Start];
      C.last->start = Start;
    }
    TrafficBucket &B = *C.last;
    ++B.requests;
    ++S.requests;
    S.firstSeen = std::min(S.firstSeen.value_or(L.second), L.second);
    S.lastSeen = std::max(S.lastSeen.value_or(L.second), L.second);
    LegacySigns Signs = legacySigns(L);
    if (!Signs.any())
      return;
    bool Is4xx = L.status >= 400 && L.status < 500;
    ++S.legacy;
    ++B.legacy;
    B.legacy4xx += Is4xx;
    B.legacy5xx += L.status >= 500;
    S.reasons.sessionHeader += Signs.sessionHeader;
    S.reasons.oldProtocolVersion += Signs.oldProtocolVersion;
    S.reasons.noMcpMethod += Signs.noMcpMethod;
    S.reasons.initialize += Signs.initialize;
    S.lastLegacy = std::max(S.lastLegacy.value_or(L.second), L.second);
    if (Is4xx)
      ++C.legacy4xxPerDay[floorTo(L.second, 86400)];
    if (Signs.sessionHeader) {
      ++B.sessionHeader;
      B.sessionHeader4xx += Is4xx;
      S.lastSessionHeader =
          std::max(S.lastSessionHeader.value_or(L.second), L.second);
    }
    std::string_view Name = present(L.clientInfo);
    if (Name.empty())
      Name = present(L.userAgent);
    // One client whichever format escaped its name: keyed unescaped.
    std::string Unescaped;
    if (L.escaped && Name.find('\\') != std::string_view::npos) {
      Unescaped = unescapeLogText(Name);
      Name = Unescaped;
    }
    auto It = C.clients.find(Name);
    if (It == C.clients.end()) {
      if (C.clients.size() >= MaxTrafficClients) {
        ++C.otherClients;
        return;
      }
      It = C.clients.emplace(std::string(Name), TrafficClient()).first;
      It->second.firstSeen = L.second;
      It->second.lastSeen = L.second;
    }
    TrafficClient &Client = It->second;
    ++Client.legacy;
    Client.firstSeen = std::min(Client.firstSeen, L.second);
    Client.lastSeen = std::max(Client.lastSeen, L.second);
    if (Signs.sessionHeader) {
      ++Client.sessionHeader;
      Client.lastSessionHeader =
          std::max(Client.lastSessionHeader.value_or(L.second), L.second);
    }
  };
  LogFileFacts Facts;
  if (std::string Problem = readLogLines(Path, OnLine, Facts);
      !Problem.empty()) {
    *State = std::move(Before);
    return Problem;
  }
  C.last = nullptr;
  File.gzip = Facts.gzip;
  File.lines = Facts.lines;
  int Kinds = Formats[0] + Formats[1] + Formats[2];
  File.format = Kinds == 0   ? "empty"
                : Kinds > 1  ? "mixed"
                : Formats[0] ? "combined"
                : Formats[1] ? "json"
                             : "haproxy";
  if (Kinds) {
    for (const WantedField &W : WantedFields)
      if (!(Logged & W.bit))
        File.missingFields.emplace_back(W.header);
    if (!File.missingFields.empty())
      File.advice =
          File.path + ": the log lacks " + joinWithAnd(File.missingFields) +
          "; add " + (File.missingFields.size() == 1 ? "it" : "them") +
          " with the snippet of 'mcp-cutover traffic --print-log-format " +
          (Formats[2] ? "haproxy" : "nginx") + "'";
    C.sessionLoggedEverywhere &= (Logged & FieldSessionId) != 0;
  }
  C.files.push_back(std::move(File));
  return "";
}

TrafficSummary TrafficAnalysis::finish() {
  Counts &C = *State;
  TrafficSummary S = C.summary;
  S.by = Options.by;
  S.spikeFactor = Options.spikeFactor;
  S.files = C.files;
  S.sessionHeaderLogged = C.sessionLoggedEverywhere && S.requests > 0;
  for (const auto &[Start, Bucket] : C.buckets)
    S.buckets.push_back(Bucket);
  for (const auto &[Name, Client] : C.clients) {
    S.clients.push_back(Client);
    S.clients.back().name = Name;
  }
  std::sort(S.clients.begin(), S.clients.end(),
            [](const TrafficClient &A, const TrafficClient &B) {
              return A.legacy != B.legacy ? A.legacy > B.legacy
                                          : A.name < B.name;
            });
  S.otherClients = C.otherClients;
  // A spike: a day's legacy 4xx above the factor times the daily mean of
  // the week before it (days of the log only: a log's first day has no
  // week before it, a day without lines counts 0). The mean counts as at
  // least 1 a day, so that a quiet week does not make 1 error a spike.
  if (S.firstSeen) {
    const int64_t FirstDay = floorTo(*S.firstSeen, 86400);
    for (const auto &[Day, Count] : C.legacy4xxPerDay) {
      int64_t From = std::max(FirstDay, Day - int64_t{7} * 86400);
      if (From >= Day)
        continue;
      uint64_t Sum = 0;
      for (auto It = C.legacy4xxPerDay.lower_bound(From);
           It != C.legacy4xxPerDay.end() && It->first < Day; ++It)
        Sum += It->second;
      // Whole days: both ends are midnights.
      const int64_t Days = (Day - From) / 86400;
      double Mean = static_cast<double>(Sum) / static_cast<double>(Days);
      if (static_cast<double>(Count) >
          Options.spikeFactor * std::max(Mean, 1.0))
        S.spikes.push_back({Day, Count, Mean});
    }
  }
  return S;
}

} // namespace mcp_cutover
