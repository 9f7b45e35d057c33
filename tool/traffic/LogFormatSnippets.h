//===- LogFormatSnippets.h - What to add to a proxy so its log is read ----===//
//
// `mcp-cutover traffic --print-log-format nginx|envoy|haproxy`: the exact
// configuration that logs every field the traffic analysis reads, in the
// spelling AccessLogLine reads back (keys, capture order).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>

namespace mcp_cutover {

/// The snippet for `Proxy` ("nginx", "envoy", "haproxy"), or nullopt.
std::optional<std::string> logFormatSnippet(const std::string &Proxy);

} // namespace mcp_cutover
