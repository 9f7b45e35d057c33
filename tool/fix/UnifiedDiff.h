//===- UnifiedDiff.h - Fix-its shown as a unified diff
//---------------------===//
//
// Reviewers read a fix as a diff. The hunks come straight from the fix-its'
// ranges (no text diffing), so they show exactly the lines the fix touches.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"

#include <string>
#include <vector>

namespace mcp_cutover {

/// The unified diff (`--- a/Path`, `+++ b/Path`, hunks with `Context` lines
/// around each change) of applying `Fixes` to `Text`; "" when they change
/// nothing. `Error` is set, and "" returned, when the fixes do not apply.
std::string unifiedDiff(const std::string &Path, const std::string &Text,
                        const std::vector<FixIt> &Fixes, unsigned Context,
                        std::string &Error);

} // namespace mcp_cutover
