//===- CheckRegistry.h - The one place checks are registered by rule id ---===//
#pragma once

#include "checks/Check.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

class GatewayCheck;

/// Ids of the rules the registered checks serve, sorted.
const std::vector<std::string> &registeredRuleIds();

/// Instantiates the checks serving `EnabledRules` (all when empty).
std::vector<std::unique_ptr<Check>>
createChecks(TranslationUnitContext &Context,
             const std::set<std::string> &EnabledRules);

/// Instantiates the rules over proxy configuration serving `EnabledRules`
/// (all when empty).
std::vector<std::unique_ptr<GatewayCheck>>
createGatewayChecks(const std::set<std::string> &EnabledRules);

/// Ids of the rules over proxy configuration, sorted: they run on
/// configuration files, not translation units.
const std::vector<std::string> &gatewayRuleIds();

} // namespace mcp_cutover
