//===- HaproxyConfigReader.h - HAProxy configuration into directives ------===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Whether `Word` opens a HAProxy section (`frontend`, `backend`, `listen`,
/// `defaults`, `global`, ...).
bool isHaproxySection(const std::string &Word);

/// Reads HAProxy configuration as HAProxy does: one directive per line,
/// words split on white space, `"..."` and `'...'` quoting, backslash
/// escapes, `#` comments; a section keyword starts a section whose
/// directives are its children. On an unterminated quote returns nullopt
/// and sets `Error` to "LINE:COL: message".
std::optional<ProxyConfig> readHaproxyConfig(const std::string &Path,
                                             const std::string &Text,
                                             std::string &Error);

} // namespace mcp_cutover
