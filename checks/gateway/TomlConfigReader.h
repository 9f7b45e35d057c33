//===- TomlConfigReader.h - Traefik's TOML into entries -------------------===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Reads TOML (Traefik's file provider) into entries: each key of a table
/// header (`[http.services.mcp.loadBalancer.sticky.cookie]`) or of a dotted
/// key is an entry once, placed at its first mention; `[[...]]` tables and
/// arrays are sequences; strings of every kind, inline tables and comments
/// are read exactly. On a syntax error returns nullopt and sets `Error` to
/// "LINE:COL: message".
std::optional<ProxyConfig> readTomlConfig(const std::string &Path,
                                          const std::string &Text,
                                          std::string &Error);

} // namespace mcp_cutover
