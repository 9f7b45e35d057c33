//===- HclConfigReader.h - Terraform (HCL) into entries -------------------===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Reads Terraform's HCL into entries: a block (`stickiness { ... }`,
/// `resource "aws_lb_target_group" "mcp" { ... }`) is an entry with its
/// labels whose body's entries follow under its type and labels; an
/// attribute is an entry whose value is the string it holds or, for any
/// other expression, its text; object and tuple values are read as mappings
/// and sequences. Comments (`#`, `//`, `/* */`), templates (`"${...}"`) and
/// heredocs are skipped exactly. On a syntax error returns nullopt and sets
/// `Error` to "LINE:COL: message".
std::optional<ProxyConfig> readHclConfig(const std::string &Path,
                                         const std::string &Text,
                                         std::string &Error);

} // namespace mcp_cutover
