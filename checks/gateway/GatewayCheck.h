//===- GatewayCheck.h - The interface of rules over proxy configuration ---===//
#pragma once

#include "checks/gateway/McpRoutes.h"
#include "checks/gateway/ProxyConfig.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

/// What the gateway rules look up in one file, worked out once per file
/// (indexConfig) rather than by each rule or for each entry.
struct ConfigIndex {
  std::set<std::string> mcpUpstreams;          ///< nginx, HAProxy
  std::map<unsigned, EntryDocument> documents; ///< Entries: entryDocuments
  /// Entries: those of each mapping, by ConfigEntry::mapping.
  std::map<unsigned, std::vector<const ConfigEntry *>> mappings;
  /// Entries: those written directly under each path.
  std::map<std::vector<std::string>, std::vector<const ConfigEntry *>> byPath;

  /// The entries directly under `E` (a block's attributes, a sequence's
  /// items): those whose path is `E.childPath()`.
  const std::vector<const ConfigEntry *> &
  childrenOf(const ConfigEntry &E) const;
};

ConfigIndex indexConfig(const ProxyConfig &File);

/// What a gateway rule sees: one configuration file as read, its text (for
/// fix-its), what the rules look up in it, and the sink for its findings.
struct GatewayContext {
  const ProxyConfig &file;
  const ConfigText &text;
  const ConfigIndex &index;
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
