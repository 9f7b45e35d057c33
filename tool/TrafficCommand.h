//===- TrafficCommand.h - What `traffic` runs -----------------------------===//
//
// `mcp-cutover traffic LOG...` reads the access logs of the MCP endpoint
// (tool/traffic) and says how much legacy traffic remains, from whom,
// and since when; `--json FILE` keeps the result for `report --traffic`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace mcp_cutover {

struct TrafficCommandOptions {
  std::vector<std::string> logs;
  std::string printLogFormat; ///< nginx, envoy or haproxy.
  std::string by = "day";
  double spikeFactor = 3;
  std::string path;
  std::string format = "text";
  std::string json; ///< Also write the JSON result here (atomically).
  bool quiet = false;
};

/// `mcp-cutover traffic`. Returns the exit code; a problem is one line on
/// stderr, nothing on stdout and no file written.
int runTrafficCommand(const TrafficCommandOptions &O);

} // namespace mcp_cutover
