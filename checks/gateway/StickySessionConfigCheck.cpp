#include "checks/gateway/StickySessionConfigCheck.h"

#include "checks/gateway/McpRoutes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>

namespace mcp_cutover {

namespace {
const char RuleId[] = "sticky-session-config";

/// What a sticky directive pins on, for the message; "" when `D` is not
/// sticky. `Maps` holds nginx `map` results made from the session header
/// or a cookie (their variable to the source).
std::string nginxAffinity(const ProxyDirective &D,
                          const std::map<std::string, std::string> &Maps) {
  if (D.name() == "ip_hash")
    return "ip_hash: the client's address";
  if (D.name() == "sticky")
    return "sticky" + (D.words.size() > 1 ? " " + D.words[1].text : "");
  if (D.name() != "hash" || D.words.size() < 2)
    return "";
  const std::string &Key = D.words[1].text;
  if (namesSessionHeader(Key))
    return "hash on " + Key;
  if (llvm::StringRef(Key).contains("$cookie_"))
    return "hash on the cookie " + Key;
  if (Key == "$remote_addr" || Key == "$binary_remote_addr")
    return "hash on the client's address " + Key;
  for (const auto &[Variable, Source] : Maps)
    if (llvm::StringRef(Key).contains(Variable))
      return "hash on " + Key + ", mapped from " + Source;
  return "";
}

std::string haproxyAffinity(const ProxyDirective &D) {
  const std::string &Name = D.name();
  if (Name == "balance" && D.words.size() > 1) {
    const std::string &How = D.words[1].text;
    if (How == "source")
      return "balance source: the client's address";
    if (llvm::StringRef(How).starts_with("hdr(") ||
        llvm::StringRef(How).starts_with("rdp-cookie"))
      return "balance " + How;
    return "";
  }
  if (Name == "cookie" && D.words.size() > 2)
    for (size_t I = 2; I < D.words.size(); ++I)
      if (D.words[I].text == "insert" || D.words[I].text == "prefix" ||
          D.words[I].text == "rewrite")
        return "cookie " + D.words[1].text + " " + D.words[I].text;
  if (Name == "stick" && D.words.size() > 2)
    return "stick " + D.words[1].text + " " + D.words[2].text;
  return "";
}

std::string message(const std::string &Where, const std::string &What,
                    bool Known) {
  std::string Pins = Where + " pins each client to one instance (" + What + ")";
  const std::string Why =
      "MCP 2026-07-28 has no sessions and any request may land on any "
      "instance (SEP-2567); delete it and balance round robin once every tool "
      "that needs state takes an explicit handle";
  if (Known)
    return Pins + ": " + Why;
  return Pins +
         "; could not tell whether it serves MCP (no /mcp route, MCP name or "
         "Mcp-Session-Id in sight): if it does, " +
         Why;
}

void report(GatewayContext &Context, const ProxyDirective &D,
            const std::string &Where, const std::string &What, bool Known) {
  Context.report(RuleId, D.span, message(Where, What, Known),
                 {deletionOf(D, Context.text)}, /*AtMostNote=*/!Known);
}

void collectMaps(const std::vector<ProxyDirective> &Directives,
                 std::map<std::string, std::string> &Maps) {
  for (const ProxyDirective &D : Directives) {
    if (D.name() == "map" && D.words.size() > 2 &&
        (namesSessionHeader(D.words[1].text) ||
         llvm::StringRef(D.words[1].text).contains("$cookie_")))
      Maps[D.words[2].text] = D.words[1].text;
    collectMaps(D.children, Maps);
  }
}

void checkNginx(GatewayContext &Context,
                const std::vector<ProxyDirective> &Directives,
                const std::set<std::string> &Mcp,
                const std::map<std::string, std::string> &Maps) {
  for (const ProxyDirective &D : Directives) {
    if (D.name() == "upstream" && D.words.size() > 1) {
      const std::string &Name = D.words[1].text;
      for (const ProxyDirective &Line : D.children) {
        std::string What = nginxAffinity(Line, Maps);
        if (What.empty())
          continue;
        bool Known = Mcp.count(Name) || sessionHeaderWord(Line) != nullptr ||
                     llvm::StringRef(What).contains("mcp_session_id");
        report(Context, Line, "upstream '" + Name + "'", What, Known);
      }
      continue;
    }
    checkNginx(Context, D.children, Mcp, Maps);
  }
}

void checkHaproxy(GatewayContext &Context, const std::set<std::string> &Mcp) {
  for (const ProxyDirective &Section : Context.file.directives) {
    const std::string &Kind = Section.name();
    if (Kind != "backend" && Kind != "listen" && Kind != "defaults")
      continue;
    std::string Name = Section.words.size() > 1 ? Section.words[1].text : "";
    std::string Where =
        Kind == "defaults" ? "defaults" : Kind + " '" + Name + "'";
    for (const ProxyDirective &Line : Section.children) {
      std::string What = haproxyAffinity(Line);
      if (What.empty())
        continue;
      bool Known = (!Name.empty() && Kind != "defaults" && Mcp.count(Name)) ||
                   sessionHeaderWord(Line) != nullptr;
      report(Context, Line, Where, What, Known);
    }
  }
}

/// Whether `E` (a key with a block or mapping under it) holds the scalar
/// `Key` with a value among `Values`.
bool holds(const ConfigIndex &Index, const ConfigEntry &E, llvm::StringRef Key,
           std::initializer_list<llvm::StringRef> Values) {
  for (const ConfigEntry *C : Index.childrenOf(E))
    if (C->scalar && C->key == Key &&
        llvm::is_contained(Values, llvm::StringRef(C->value)))
      return true;
  return false;
}

/// What an entry of YAML, JSON, TOML or Terraform pins clients on, for
/// the message; "" when it does not.
std::string entryAffinity(const ConfigEntry &E, const ConfigIndex &Index) {
  llvm::StringRef Key(E.key), Value(E.value);
  auto Under = [&](llvm::StringRef Word) {
    return llvm::any_of(E.path, [&](const std::string &K) {
      return llvm::StringRef(K).equals_insensitive(Word);
    });
  };
  // Kubernetes Service.
  if (Key == "sessionAffinity" && E.scalar && Value == "ClientIP")
    return "sessionAffinity: ClientIP";
  // Ingress controllers' annotations.
  if (Under("annotations") && E.scalar) {
    if ((Key == "nginx.ingress.kubernetes.io/affinity" ||
         Key == "ingress.kubernetes.io/affinity") &&
        Value == "cookie")
      return E.key + ": cookie";
    if (Key == "nginx.ingress.kubernetes.io/upstream-hash-by" &&
        (namesSessionHeader(E.value) || Value.contains("$cookie_") ||
         Value.contains("remote_addr")))
      return E.key + ": " + E.value;
    if ((Key == "traefik.ingress.kubernetes.io/service.sticky.cookie" ||
         Key == "haproxy.org/cookie-persistence") &&
        !Value.empty() && Value != "false")
      return E.key + ": " + E.value;
    if (Key == "haproxy.router.openshift.io/balance" && Value == "source")
      return E.key + ": source";
    if (Key == "alb.ingress.kubernetes.io/target-group-attributes" &&
        Value.contains("stickiness.enabled=true"))
      return E.key + ": stickiness.enabled=true";
  }
  // Gateway API.
  if (Key == "sessionPersistence" && !E.scalar)
    return "sessionPersistence";
  // Envoy.
  if (Under("hash_policy")) {
    if (Key == "header_name" && E.scalar)
      return "hash_policy on the header " + E.value;
    if (Key == "cookie" && !E.scalar)
      return "hash_policy on a cookie";
    if (Key == "source_ip" && Value == "true")
      return "hash_policy on the client address";
  }
  if (Key == "name" && Value == "envoy.filters.http.stateful_session")
    return "the stateful_session filter";
  // Traefik: dynamic configuration (YAML, TOML: `sticky`, and v1's
  // `stickiness` or `sticky = true`), and labels (compose, Kubernetes).
  if ((Key.equals_insensitive("sticky") ||
       Key.equals_insensitive("stickiness")) &&
      Under("loadBalancer") && Value != "false")
    return "loadBalancer." + E.key;
  for (llvm::StringRef Text : {Key, Value}) {
    std::string Lower = Text.lower();
    if (llvm::StringRef(Lower).contains(".loadbalancer.sticky") &&
        !llvm::StringRef(Lower).ends_with("=false") &&
        !(Text == Key && Value == "false"))
      return Text.str();
  }
  // CloudFormation target group attributes: Key stickiness.enabled, Value true.
  if (Key == "Key" && Value == "stickiness.enabled")
    for (const ConfigEntry *S : Index.mappings.at(E.mapping))
      if (S->key == "Value" && (S->value == "true" || S->value == "True"))
        return "stickiness.enabled: true";
  // Terraform. AWS target groups: a stickiness block is on unless it says
  // `enabled = false`; classic ELB cookie policies.
  if (Key == "stickiness" && !E.scalar &&
      (Under("aws_lb_target_group") || Under("aws_alb_target_group")) &&
      !holds(Index, E, "enabled", {"false"}))
    return "stickiness";
  if (E.path.empty() && Key == "resource" && !E.labels.empty() &&
      (E.labels[0] == "aws_lb_cookie_stickiness_policy" ||
       E.labels[0] == "aws_app_cookie_stickiness_policy"))
    return E.labels[0];
  // Google Cloud backend services, Kubernetes Services made by Terraform.
  if (Key == "session_affinity" && E.scalar &&
      !Value.equals_insensitive("none"))
    return "session_affinity = " + E.value;
  // Azure load-balancer rules and application gateways.
  if (Key == "load_distribution" && E.scalar && Value.starts_with("SourceIP"))
    return "load_distribution = " + E.value;
  if (Key == "cookie_based_affinity" && Value == "Enabled")
    return "cookie_based_affinity = Enabled";
  return "";
}

void checkEntries(GatewayContext &Context) {
  for (const ConfigEntry &E : Context.file.entries) {
    std::string What = entryAffinity(E, Context.index);
    if (What.empty())
      continue;
    const EntryDocument &D = Context.index.documents.at(E.document);
    // One key or attribute on lines of its own is deleted; anything else
    // (a flow mapping, a `- ` item, a YAML key with more under it) is no
    // line to delete blindly.
    std::vector<FixIt> Fixes;
    if (E.scalar || Context.file.kind == ProxyKind::Hcl)
      if (std::optional<FixIt> Fix = deletionOf(E, Context.text);
          Fix && E.key != "resource" && E.key != "Key" && !E.key.empty())
        Fixes.push_back(*Fix);
    Context.report(RuleId, E.span, message(D.describe(), What, D.mcp),
                   std::move(Fixes), /*AtMostNote=*/!D.mcp);
  }
}

} // namespace

void StickySessionConfigCheck::check(GatewayContext &Context) {
  if (readsAsEntries(Context.file.kind)) {
    checkEntries(Context);
    return;
  }
  const std::set<std::string> &Mcp = Context.index.mcpUpstreams;
  if (Context.file.kind == ProxyKind::Haproxy) {
    checkHaproxy(Context, Mcp);
    return;
  }
  std::map<std::string, std::string> Maps;
  collectMaps(Context.file.directives, Maps);
  checkNginx(Context, Context.file.directives, Mcp, Maps);
}

} // namespace mcp_cutover
