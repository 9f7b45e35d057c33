//===- TrafficAnalysis.h - Legacy MCP traffic counted from access logs ----===//
//
// Each line of each log is read once (AccessLogLine), classified (legacy:
// Mcp-Session-Id sent, a protocol version before 2026-07-28, a POST
// without Mcp-Method, initialize), and counted into buckets per day or
// hour and per client. Memory is bounded by the days and the clients
// (capped), never by the log's size.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/traffic/AccessLogLine.h"
#include "tool/traffic/TrafficSummary.h"

#include <map>
#include <memory>
#include <string>

namespace mcp_cutover {

struct TrafficOptions {
  std::string by = "day"; ///< "day" or "hour".
  double spikeFactor = 3;
  /// Only requests whose path starts with it count ("" counts all).
  std::string pathPrefix;
};

/// Why one request is legacy; all false for a 2026-07-28 request.
struct LegacySigns {
  bool sessionHeader = false, oldProtocolVersion = false, noMcpMethod = false,
       initialize = false;
  bool any() const {
    return sessionHeader || oldProtocolVersion || noMcpMethod || initialize;
  }
};
LegacySigns legacySigns(const AccessLogLine &Line);

/// The clients whose legacy requests are counted one by one; the others
/// are summed.
constexpr size_t MaxTrafficClients = 10000;

class TrafficAnalysis {
public:
  explicit TrafficAnalysis(TrafficOptions Options);
  ~TrafficAnalysis();

  /// Reads and counts one log ("-": standard input). Returns "" or the
  /// problem that makes the file unreadable (then nothing of it counts).
  std::string addFile(const std::string &Path);
  /// Every file read so far, as one summary.
  TrafficSummary finish();

private:
  struct Counts;
  TrafficOptions Options;
  std::unique_ptr<Counts> State;
};

} // namespace mcp_cutover
