//===- TrafficVerdict.h - A GA item decided by the access logs ------------===//
//
// Two GA items wait on production: "no old client remains" and "clients
// still sending Mcp-Session-Id". A traffic result decides them: done when
// the logs record the fields that would show such a request and a full
// week of logs holds none; open with the clients and dates that keep them
// open otherwise.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/traffic/TrafficSummary.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// What a checklist item asks of the logs (its "traffic" key).
enum class TrafficQuestion {
  LegacyClients,        ///< "legacy-clients": any legacy request.
  SessionHeaderClients, ///< "session-header-clients": Mcp-Session-Id.
};
std::optional<TrafficQuestion> trafficQuestion(const std::string &Key);

/// Days of logs without such a request before an item is done.
constexpr int64_t QuietDaysWanted = 7;

struct TrafficVerdict {
  bool done = false;
  /// What the report says under the item: the since-when line, then the
  /// clients and spikes that keep it open.
  std::vector<std::string> lines;
};

TrafficVerdict judgeTraffic(const TrafficSummary &S, TrafficQuestion Q);

} // namespace mcp_cutover
