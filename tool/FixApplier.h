//===- FixApplier.h - Apply fix-its to a file's bytes ---------------------===//
#pragma once

#include "checks/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Applies replacements (1-based lines, byte columns, exclusive ends) to
/// `Text`. Returns nullopt and sets `Error` when a range is outside the
/// text or two ranges overlap; insertions at one point keep their order.
std::optional<std::string> applyFixIts(const std::string &Text,
                                       std::vector<FixIt> Fixes,
                                       std::string &Error);

} // namespace mcp_cutover
