#include "tool/traffic/TrafficSummary.h"

#include "checks/utils/InputLimits.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace mcp_cutover {

using nlohmann::json;

std::string formatUtc(int64_t Second) {
  auto Day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(Second)));
  std::chrono::year_month_day Date{Day};
  int64_t Rest = Second - Day.time_since_epoch().count() * 86400;
  char Buffer[32];
  std::snprintf(Buffer, sizeof Buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                int(Date.year()), unsigned(Date.month()), unsigned(Date.day()),
                int(Rest / 3600), int(Rest / 60 % 60), int(Rest % 60));
  return Buffer;
}

std::string formatDay(int64_t Second) {
  return formatUtc(Second).substr(0, 10);
}

namespace {
json optionalTime(const std::optional<int64_t> &Second) {
  return Second ? json(formatUtc(*Second)) : json(nullptr);
}

/// Unix seconds of "2026-11-30T13:00:00Z" (as formatUtc writes it).
std::optional<int64_t> readUtc(const json &Value) {
  if (!Value.is_string())
    return std::nullopt;
  std::string T = Value.get<std::string>();
  int Y = 0, M = 0, D = 0, H = 0, Mi = 0, S = 0;
  char Z = 0;
  if (std::sscanf(T.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &Y, &M, &D, &H, &Mi,
                  &S, &Z) != 7 ||
      Z != 'Z')
    return std::nullopt;
  std::chrono::year_month_day Date{std::chrono::year(Y),
                                   std::chrono::month(unsigned(M)),
                                   std::chrono::day(unsigned(D))};
  if (!Date.ok())
    return std::nullopt;
  return std::chrono::sys_days(Date).time_since_epoch().count() * 86400 +
         int64_t{H} * 3600 + int64_t{Mi} * 60 + S;
}
} // namespace

std::string trafficToJson(const TrafficSummary &S) {
  json Files = json::array();
  for (const TrafficFile &F : S.files)
    Files.push_back({{"path", F.path},
                     {"format", F.format},
                     {"gzip", F.gzip},
                     {"lines", F.lines},
                     {"malformedLines", F.malformedLines},
                     {"firstMalformedLines", F.firstMalformed},
                     {"skippedLines", F.skippedLines},
                     {"missingFields", F.missingFields}});
  json Buckets = json::array();
  for (const TrafficBucket &B : S.buckets)
    Buckets.push_back({{"start", formatUtc(B.start)},
                       {"requests", B.requests},
                       {"legacy", B.legacy},
                       {"legacy4xx", B.legacy4xx},
                       {"legacy5xx", B.legacy5xx},
                       {"sessionHeader", B.sessionHeader},
                       {"sessionHeader4xx", B.sessionHeader4xx}});
  json Clients = json::array();
  for (const TrafficClient &C : S.clients)
    Clients.push_back(
        {{"client", C.name},
         {"legacy", C.legacy},
         {"sessionHeader", C.sessionHeader},
         {"firstSeen", formatUtc(C.firstSeen)},
         {"lastSeen", formatUtc(C.lastSeen)},
         {"lastSessionHeader", optionalTime(C.lastSessionHeader)}});
  json Spikes = json::array();
  for (const TrafficSpike &P : S.spikes)
    Spikes.push_back({{"day", formatDay(P.day)},
                      {"legacy4xx", P.legacy4xx},
                      {"previousWeekMean", P.previousMean}});
  json Doc = {{"version", MCP_CUTOVER_VERSION},
              {"traffic",
               {{"files", Files},
                {"by", S.by},
                {"spikeFactor", S.spikeFactor},
                {"firstSeen", optionalTime(S.firstSeen)},
                {"lastSeen", optionalTime(S.lastSeen)},
                {"requests", S.requests},
                {"legacy", S.legacy},
                {"reasons",
                 {{"sessionHeader", S.reasons.sessionHeader},
                  {"oldProtocolVersion", S.reasons.oldProtocolVersion},
                  {"noMcpMethod", S.reasons.noMcpMethod},
                  {"initialize", S.reasons.initialize}}},
                {"lastLegacy", optionalTime(S.lastLegacy)},
                {"lastSessionHeader", optionalTime(S.lastSessionHeader)},
                {"sessionHeaderLogged", S.sessionHeaderLogged},
                {"buckets", Buckets},
                {"clients", Clients},
                {"otherClients", S.otherClients},
                {"spikes", Spikes}}}};
  // A client name is the log's bytes, which need not be UTF-8.
  return Doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::optional<TrafficSummary> trafficFromJson(const std::string &Text,
                                              std::string &Error) {
  json Doc = json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (Doc.is_discarded()) {
    Error = "not JSON";
    return std::nullopt;
  }
  if (!Doc.is_object() || !Doc.contains("traffic") ||
      !Doc["traffic"].is_object()) {
    Error = "not a traffic result (it has no 'traffic' section; write one "
            "with 'mcp-cutover traffic LOG... --json FILE')";
    return std::nullopt;
  }
  const json &T = Doc["traffic"];
  TrafficSummary S;
  try {
    S.by = T.at("by").get<std::string>();
    S.requests = T.at("requests").get<uint64_t>();
    S.legacy = T.at("legacy").get<uint64_t>();
    S.firstSeen = readUtc(T.at("firstSeen"));
    S.lastSeen = readUtc(T.at("lastSeen"));
    S.lastLegacy = readUtc(T.at("lastLegacy"));
    S.lastSessionHeader = readUtc(T.at("lastSessionHeader"));
    S.sessionHeaderLogged = T.at("sessionHeaderLogged").get<bool>();
    for (const json &F : T.at("files")) {
      TrafficFile File;
      File.path = F.at("path").get<std::string>();
      File.missingFields =
          F.at("missingFields").get<std::vector<std::string>>();
      S.files.push_back(std::move(File));
    }
    for (const json &B : T.at("buckets")) {
      TrafficBucket Bucket;
      std::optional<int64_t> Start = readUtc(B.at("start"));
      if (!Start)
        throw std::invalid_argument("a bucket's start is not a UTC time");
      Bucket.start = *Start;
      Bucket.requests = B.at("requests").get<uint64_t>();
      Bucket.legacy = B.at("legacy").get<uint64_t>();
      Bucket.legacy4xx = B.at("legacy4xx").get<uint64_t>();
      Bucket.legacy5xx = B.at("legacy5xx").get<uint64_t>();
      Bucket.sessionHeader = B.at("sessionHeader").get<uint64_t>();
      Bucket.sessionHeader4xx = B.at("sessionHeader4xx").get<uint64_t>();
      S.buckets.push_back(Bucket);
    }
    for (const json &C : T.at("clients")) {
      TrafficClient Client;
      Client.name = C.at("client").get<std::string>();
      Client.legacy = C.at("legacy").get<uint64_t>();
      Client.sessionHeader = C.at("sessionHeader").get<uint64_t>();
      Client.firstSeen = readUtc(C.at("firstSeen")).value_or(0);
      Client.lastSeen = readUtc(C.at("lastSeen")).value_or(0);
      Client.lastSessionHeader = readUtc(C.at("lastSessionHeader"));
      S.clients.push_back(std::move(Client));
    }
    for (const json &P : T.at("spikes")) {
      TrafficSpike Spike;
      Spike.day = readUtc(json(P.at("day").get<std::string>() + "T00:00:00Z"))
                      .value_or(0);
      Spike.legacy4xx = P.at("legacy4xx").get<uint64_t>();
      Spike.previousMean = P.at("previousWeekMean").get<double>();
      S.spikes.push_back(Spike);
    }
  } catch (const std::exception &E) {
    Error = "a traffic result with a missing or mistyped member (" +
            jsonErrorText(E) + ")";
    return std::nullopt;
  }
  if ((S.requests && (!S.firstSeen || !S.lastSeen)) || S.legacy > S.requests) {
    Error = "a traffic result whose counts or times do not hold together";
    return std::nullopt;
  }
  return S;
}

std::optional<TrafficSummary> readTrafficResult(const std::string &Path,
                                                std::string &Error) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text); !Problem.empty()) {
    Error = Path + ": " + Problem;
    return std::nullopt;
  }
  if (std::string Problem = checkJsonShape(Text); !Problem.empty()) {
    Error = Path + ": not a usable traffic result: " + Problem;
    return std::nullopt;
  }
  std::optional<TrafficSummary> S = trafficFromJson(Text, Error);
  if (!S)
    Error = Path + ": " + Error;
  return S;
}

} // namespace mcp_cutover
