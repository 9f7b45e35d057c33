//===- ServerDiscoverLinker.h - Dispatchers without server/discover -------===//
#pragma once

#include "checks/Finding.h"

#include <vector>

namespace mcp_cutover {

/// Decides missing-server-discover project-wide: when no translation unit
/// dispatches on server/discover, every server-side method dispatcher (the
/// function its dispatch sites are in) is reported once, at its first
/// dispatch site, with the others as related locations.
void linkServerDiscover(const std::vector<TranslationUnitFacts> &Units,
                        std::vector<Finding> &Out);

} // namespace mcp_cutover
