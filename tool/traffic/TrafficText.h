//===- TrafficText.h - The traffic summary for a terminal -----------------===//
#pragma once

#include "tool/traffic/TrafficSummary.h"

#include <string>

namespace mcp_cutover {

/// The table per day (or hour), the legacy totals and why, the clients
/// behind them and the spikes. Text from the logs (client names) is quoted,
/// so no log line can put a terminal escape on the screen.
std::string trafficToText(const TrafficSummary &S);

} // namespace mcp_cutover
