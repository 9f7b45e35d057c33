//===- TrafficSummary.h - What the access logs say about legacy clients ---===//
//
// The result of `mcp-cutover traffic`: per day (or hour) the MCP requests,
// the legacy ones among them and the errors they got, the clients behind
// them, the last time one was seen, and the days whose legacy 4xx spiked.
// `traffic --json` writes it; `report --traffic` reads it back to decide
// the GA items that only production can decide.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// One log file as read.
struct TrafficFile {
  std::string path;
  std::string format; ///< "combined", "json", "haproxy", "mixed" or "empty".
  bool gzip = false;
  uint64_t lines = 0, malformedLines = 0, skippedLines = 0;
  std::vector<uint64_t> firstMalformed; ///< Up to five line numbers.
  /// The fields it never logged ("Mcp-Session-Id", ...), and the
  /// one-line advice that says how to add them.
  std::vector<std::string> missingFields;
  std::string advice;
};

/// The counts of one day or hour.
struct TrafficBucket {
  int64_t start = 0; ///< Unix seconds of its first second.
  uint64_t requests = 0;
  uint64_t legacy = 0, legacy4xx = 0, legacy5xx = 0;
  uint64_t sessionHeader = 0, sessionHeader4xx = 0;
};

/// A client behind legacy requests: its clientInfo where logged, else its
/// user agent.
struct TrafficClient {
  std::string name;
  uint64_t legacy = 0, sessionHeader = 0;
  int64_t firstSeen = 0, lastSeen = 0;
  std::optional<int64_t> lastSessionHeader;
};

/// A day whose legacy 4xx count exceeds `factor` times the previous
/// week's daily mean.
struct TrafficSpike {
  int64_t day = 0; ///< Unix seconds of its midnight (UTC).
  uint64_t legacy4xx = 0;
  double previousMean = 0;
};

/// Why requests were counted as legacy (a request may have several).
struct LegacyReasons {
  uint64_t sessionHeader = 0, oldProtocolVersion = 0, noMcpMethod = 0,
           initialize = 0;
};

struct TrafficSummary {
  std::vector<TrafficFile> files;
  std::string by = "day"; ///< "day" or "hour".
  double spikeFactor = 3;
  std::optional<int64_t> firstSeen, lastSeen; ///< Of any MCP request.
  uint64_t requests = 0, legacy = 0;
  LegacyReasons reasons;
  std::optional<int64_t> lastLegacy, lastSessionHeader;
  std::vector<TrafficBucket> buckets; ///< In time order, without gaps.
  std::vector<TrafficClient> clients; ///< Most legacy requests first.
  uint64_t otherClients = 0; ///< Legacy requests of clients past the cap.
  std::vector<TrafficSpike> spikes;
  /// Whether every file logged Mcp-Session-Id (absence is then evidence).
  bool sessionHeaderLogged = false;
};

/// "2026-11-30T13:00:00Z".
std::string formatUtc(int64_t Second);
/// "2026-11-30" of a Unix second.
std::string formatDay(int64_t Second);

std::string trafficToJson(const TrafficSummary &S);
/// Reads `traffic --json` output; nullopt with `Error` naming the problem.
std::optional<TrafficSummary> trafficFromJson(const std::string &Text,
                                              std::string &Error);
/// Reads the file `Path` as `traffic --json` output; nullopt with `Error`
/// naming the file and the problem.
std::optional<TrafficSummary> readTrafficResult(const std::string &Path,
                                                std::string &Error);

} // namespace mcp_cutover
