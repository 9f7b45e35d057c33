//===- ProxyConfig.h - Proxy and load-balancer configuration as read ------===//
//
// The gateway rules read nginx and HAProxy configuration the way the proxy
// does: directives made of words, with blocks (nginx) or sections
// (HAProxy), every word placed exactly in the file so that a finding and
// its fix-it land on the directive. Comments and quoting are resolved by
// the readers; nothing here is a regular expression over the whole file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"

#include <string>
#include <vector>

namespace mcp_cutover {

enum class ProxyKind {
  Nginx,
  Haproxy,
  /// Kubernetes manifests, Envoy, Traefik, docker-compose labels,
  /// CloudFormation: YAML read as keys and scalars.
  Yaml
};

/// One key of a YAML mapping (or one item of a sequence), with the keys
/// above it and its value when that is a scalar.
struct YamlEntry {
  /// The keys from the document's root to the mapping holding this entry;
  /// a sequence contributes "-".
  std::vector<std::string> path;
  std::string key;   ///< "" for a sequence item.
  std::string value; ///< The scalar value; "" for a mapping or sequence.
  bool scalar = false;
  SourceSpan span;       ///< The key (or the item).
  unsigned document = 0; ///< Which `---` document, from 0.
  unsigned mapping = 0;  ///< Entries of one mapping share this number.
};

/// One word of a directive, unquoted, and where it is written.
struct ProxyWord {
  std::string text;
  SourceSpan span;
};

/// `proxy_pass http://mcp;`, `upstream mcp { ... }`, `balance source`,
/// `backend mcp` (a HAProxy section is a directive whose children are its
/// lines).
struct ProxyDirective {
  std::vector<ProxyWord> words; ///< The name first; never empty.
  /// From the name to the end of the directive: its `;` (nginx), the end
  /// of the line (HAProxy), or a block's closing `}`.
  SourceSpan span;
  bool block = false;
  std::vector<ProxyDirective> children;

  const std::string &name() const { return words.front().text; }
};

struct ProxyConfig {
  std::string path; ///< Absolute.
  ProxyKind kind = ProxyKind::Nginx;
  std::vector<ProxyDirective> directives; ///< nginx, HAProxy
  std::vector<YamlEntry> entries;         ///< YAML, in document order
  /// What the reader did not follow (an `include`), as notes.
  std::vector<std::string> notes;
};

/// `Text` on one line: the configuration's own words (a quoted name may
/// hold a newline) go into messages and errors, and those are one line.
std::string oneLine(const std::string &Text);

/// A fix-it that deletes `D`: its whole lines when nothing else is written
/// on them, else the directive alone. `Text` is the file's content.
FixIt deletionOf(const ProxyDirective &D, const std::string &Text);

/// Whether `Word` names the Mcp-Session-Id header in any spelling a proxy
/// uses: the header itself, nginx's `$http_mcp_session_id`,
/// `$sent_http_...`, `$upstream_http_...`, HAProxy's `hdr(mcp-session-id)`.
bool namesSessionHeader(const std::string &Word);

} // namespace mcp_cutover
