//===- GatewaySessionHeaderCheck.h - gateway-session-header ---------------===//
#pragma once

#include "checks/gateway/GatewayCheck.h"

namespace mcp_cutover {

/// Finds proxy configuration that forwards, passes back, exposes, logs or
/// routes on the Mcp-Session-Id header.
class GatewaySessionHeaderCheck : public GatewayCheck {
public:
  void check(GatewayContext &Context) override;
};

} // namespace mcp_cutover
