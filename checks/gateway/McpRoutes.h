//===- McpRoutes.h - Which upstreams and backends serve MCP ---------------===//
//
// A sticky directive matters for the cutover only where it pins MCP
// traffic. Configuration says so in three ways the rules accept: the
// upstream or backend is named for MCP, a route to it matches an MCP path
// or is named for MCP (`location /mcp { proxy_pass http://api; }`,
// `use_backend api if is_mcp`), or the directive itself keys on the
// Mcp-Session-Id header. Anything else is "could not tell".
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/gateway/ProxyConfig.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>

namespace mcp_cutover {

/// Whether a name or a path is MCP's (`mcp`, `/mcp`, `mcp_backend`,
/// `is-mcp`), by its words: `mcpx` or `smcp` are not.
bool namesMcp(const std::string &Word);

/// `http://name`, `https://name:8080/path`, `name` -> `name`: the upstream
/// a proxy_pass target names.
std::string upstreamOf(llvm::StringRef Target);

/// The `upstream` blocks (nginx) or backends (HAProxy) that a route known
/// to serve MCP sends requests to, and those named for MCP. A proxy_pass to
/// a host that no `upstream` block declares (`localhost:8081`) names no
/// upstream.
std::set<std::string> mcpUpstreams(const ProxyConfig &File);

/// What one document of keyed entries is (a YAML `---` document, a
/// Terraform top-level block, a whole TOML file), for messages, and whether
/// anything in it names MCP (`path: /mcp`, `name: mcp-server`, the session
/// header).
struct EntryDocument {
  std::string kind; ///< `Service`, `aws_lb_target_group`; "" if unknown.
  std::string name; ///< `metadata.name`, the block's second label.
  bool mcp = false;

  /// "Service 'mcp'", "aws_lb_target_group 'api'", "this configuration".
  std::string describe() const;
};

/// The documents of a file read as entries, by `ConfigEntry::document`.
/// A Terraform block that serves MCP makes the blocks it refers to
/// (`aws_lb_target_group.api.arn`) serve MCP too.
std::map<unsigned, EntryDocument> entryDocuments(const ProxyConfig &File);

} // namespace mcp_cutover
