//===- StickySessionConfigCheck.h - sticky-session-config -----------------===//
#pragma once

#include "checks/gateway/GatewayCheck.h"

namespace mcp_cutover {

/// Finds session affinity in nginx and HAProxy configuration (ip_hash,
/// sticky, a hash or stick rule on the session header or a cookie, balance
/// source, an inserted cookie) that pins MCP clients to one instance.
class StickySessionConfigCheck : public GatewayCheck {
public:
  void check(GatewayContext &Context) override;
};

} // namespace mcp_cutover
