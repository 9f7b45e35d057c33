//===- NginxConfigReader.h - nginx configuration into directives ----------===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Reads nginx configuration text as nginx's own parser does: words split
/// on white space, `"..."` and `'...'` quoting with backslash escapes, `#`
/// comments, `;` ending a directive, `{ }` blocks, `${var}` inside a word.
/// On a syntax error returns nullopt and sets `Error` to
/// "LINE:COL: message". `include` is kept as a directive and noted as not
/// followed.
std::optional<ProxyConfig> readNginxConfig(const std::string &Path,
                                           const std::string &Text,
                                           std::string &Error);

} // namespace mcp_cutover
