//===- YamlConfigReader.h - Kubernetes, Envoy, Traefik YAML into entries --===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Reads every document of YAML text with llvm::yaml into entries (a key
/// with the keys above it and its scalar value), each placed exactly. On a
/// syntax error returns nullopt and sets `Error` to "LINE:COL: message";
/// nesting deeper than 64 levels is refused before the parser sees it.
std::optional<ProxyConfig> readYamlConfig(const std::string &Path,
                                          const std::string &Text,
                                          std::string &Error);

} // namespace mcp_cutover
