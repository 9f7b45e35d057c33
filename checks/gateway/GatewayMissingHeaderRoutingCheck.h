//===- GatewayMissingHeaderRoutingCheck.h - gateway-missing-header-routing ===//
#pragma once

#include "checks/gateway/GatewayCheck.h"

namespace mcp_cutover {

/// Finds MCP routes that route, rate-limit or authorise on the JSON-RPC
/// body instead of the Mcp-Method and Mcp-Name headers, and configuration
/// that drops those headers or leaves them out of a CORS allow-list.
class GatewayMissingHeaderRoutingCheck : public GatewayCheck {
public:
  void check(GatewayContext &Context) override;
};

} // namespace mcp_cutover
