//===- GatewayCheck.h - The interface of rules over proxy configuration ---===//
#pragma once

#include "checks/gateway/McpRoutes.h"
#include "checks/gateway/ProxyConfig.h"

#include <string>
#include <vector>

namespace mcp_cutover {

/// What a gateway rule sees: one configuration file as read, its text (for
/// fix-its), what serves MCP in it, and the sink for its findings.
struct GatewayContext {
  const ProxyConfig &file;
  const std::string &text;
  const FileRoutes &routes;
  std::vector<Finding> &findings;

  void report(std::string RuleId, SourceSpan Span, const std::string &Message,
              std::vector<FixIt> Fixes, bool AtMostNote) {
    Finding F;
    F.ruleId = std::move(RuleId);
    F.span = std::move(Span);
    F.message = oneLine(Message);
    F.fixes = std::move(Fixes);
    F.atMostNote = AtMostNote;
    findings.push_back(std::move(F));
  }
};

/// A rule over proxy or load-balancer configuration (directives or
/// entries), run once per file.
class GatewayCheck {
public:
  virtual ~GatewayCheck();
  virtual void check(GatewayContext &Context) = 0;
};

} // namespace mcp_cutover
