//===- ProxyConfig.h - Proxy and load-balancer configuration as read ------===//
//
// The gateway rules read nginx and HAProxy configuration the way the proxy
// does: directives made of words, with blocks (nginx) or sections
// (HAProxy), every word placed exactly in the file so that a finding and
// its fix-it land on the directive. YAML (and JSON), TOML and Terraform's
// HCL are read as one shape, keyed entries with their path of keys. Comments
// and quoting are resolved by the readers; nothing here is a regular
// expression over the whole file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

enum class ProxyKind {
  Nginx,
  Haproxy,
  /// Kubernetes manifests, Envoy, Traefik, docker-compose labels,
  /// CloudFormation: YAML (or JSON, which the YAML reader reads) as keys and
  /// scalars.
  Yaml,
  /// Traefik's file provider in TOML.
  Toml,
  /// Terraform: load balancers, target groups and backend services.
  Hcl
};

/// Whether files of `Kind` are read as keyed entries (YAML, JSON, TOML,
/// HCL) rather than directives (nginx, HAProxy).
inline bool readsAsEntries(ProxyKind Kind) {
  return Kind == ProxyKind::Yaml || Kind == ProxyKind::Toml ||
         Kind == ProxyKind::Hcl;
}

/// One key of a mapping (a YAML mapping, a TOML table, an HCL block or
/// object), or one item of a sequence, with the keys above it and its value
/// when that is a scalar.
struct ConfigEntry {
  /// The keys from the document's root to the mapping holding this entry;
  /// a sequence contributes "-"; an HCL block contributes its type and
  /// then its labels (`resource`, `aws_lb_target_group`, `mcp`).
  std::vector<std::string> path;
  std::string key;   ///< "" for a sequence item.
  std::string value; ///< The scalar value; "" for a mapping or sequence.
  bool scalar = false;
  /// An HCL block's labels (`"aws_lb_target_group" "mcp"`).
  std::vector<std::string> labels;
  SourceSpan span; ///< The key (or the item).
  /// From the key to the end of its value (or block); where a fix-it that
  /// deletes the entry applies. Empty (line 0) when not known.
  SourceSpan extent;
  /// Which `---` document (YAML) or top-level block (HCL), from 0.
  unsigned document = 0;
  unsigned mapping = 0; ///< Entries of one mapping share this number.

  /// The path of the entries directly under this one (a block's
  /// attributes, a sequence's items).
  std::vector<std::string> childPath() const {
    std::vector<std::string> Inside = path;
    Inside.push_back(key);
    Inside.insert(Inside.end(), labels.begin(), labels.end());
    return Inside;
  }
};

/// One word of a directive, unquoted, and where it is written.
struct ProxyWord {
  std::string text;
  SourceSpan span; ///< Quotes included.
  /// Whether the word ends with a closing quote: text added at its end
  /// goes before that quote.
  bool endsInQuote = false;
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
  /// Where a finding on this directive points: all of it, or for a block
  /// (`map $x $y {`) its words without the body.
  SourceSpan findingSpan() const {
    if (!block)
      return span;
    SourceSpan At = span;
    At.endLine = words.back().span.endLine;
    At.endColumn = words.back().span.endColumn;
    return At;
  }
};

struct ProxyConfig {
  std::string path; ///< Absolute.
  ProxyKind kind = ProxyKind::Nginx;
  std::vector<ProxyDirective> directives; ///< nginx, HAProxy
  std::vector<ConfigEntry> entries;       ///< YAML, TOML, HCL; in order
  /// What the reader did not follow (an `include`), as notes.
  std::vector<std::string> notes;
};

/// `Text` on one line: the configuration's own words (a quoted name may
/// hold a newline) go into messages and errors, and those are one line.
std::string oneLine(const std::string &Text);

/// A configuration file's text and where each of its lines starts, worked
/// out once per file: every fix-it looks its lines up there.
struct ConfigText {
  explicit ConfigText(const std::string &Text);
  const std::string &text;
  std::vector<size_t> lineStarts; ///< Offsets of each line's first byte.
};

/// A fix-it that deletes `D`: its whole lines when nothing else is written
/// on them, else the directive alone.
FixIt deletionOf(const ProxyDirective &D, const ConfigText &Text);

/// A fix-it that deletes the lines of `E`'s extent, or nullopt when
/// something else is written on them (a YAML flow mapping, a `- ` item):
/// deleting a key there would break the file.
std::optional<FixIt> deletionOf(const ConfigEntry &E, const ConfigText &Text);

/// Whether `Word` names the Mcp-Session-Id header in any spelling a proxy
/// uses: the header itself, nginx's `$http_mcp_session_id`,
/// `$sent_http_...`, `$upstream_http_...`, HAProxy's `hdr(mcp-session-id)`.
bool namesSessionHeader(const std::string &Word);

/// The header of MCP 2026-07-28 that gateways route on (SEP-2243) which
/// `Word` is, in the specification's spelling: `Mcp-Method`, `Mcp-Name`,
/// `MCP-Protocol-Version`, or `Mcp-Param-` followed by the rest of the
/// word; "" for any other word. Case and surrounding spaces do not matter.
std::string routingHeaderName(const std::string &Word);

/// The first word of `D` that names the Mcp-Session-Id header
/// (namesSessionHeader), or null.
const ProxyWord *sessionHeaderWord(const ProxyDirective &D);

/// The names in a header list such as `Content-Type, Mcp-Method` (commas
/// or spaces between them).
std::vector<std::string> headerList(const std::string &Value);

} // namespace mcp_cutover
