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

bool mentionsSessionHeader(const ProxyDirective &D) {
  for (const ProxyWord &W : D.words)
    if (namesSessionHeader(W.text))
      return true;
  return false;
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
        bool Known = Mcp.count(Name) || mentionsSessionHeader(Line) ||
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
                   mentionsSessionHeader(Line);
      report(Context, Line, Where, What, Known);
    }
  }
}

/// What a YAML entry pins clients on, for the message; "" when it does
/// not. `Siblings` are the entries of its mapping.
std::string yamlAffinity(const YamlEntry &E,
                         const std::vector<const YamlEntry *> &Siblings) {
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
  // Traefik: dynamic configuration, and labels (compose, Kubernetes).
  if (Key.equals_insensitive("sticky") && Under("loadBalancer"))
    return "loadBalancer.sticky";
  for (llvm::StringRef Text : {Key, Value}) {
    std::string Lower = Text.lower();
    if (llvm::StringRef(Lower).contains(".loadbalancer.sticky") &&
        !llvm::StringRef(Lower).ends_with("=false") &&
        !(Text == Key && Value == "false"))
      return Text.str();
  }
  // CloudFormation target group attributes: Key stickiness.enabled, Value true.
  if (Key == "Key" && Value == "stickiness.enabled")
    for (const YamlEntry *S : Siblings)
      if (S->key == "Value" && (S->value == "true" || S->value == "True"))
        return "stickiness.enabled: true";
  return "";
}

void checkYaml(GatewayContext &Context) {
  const std::vector<YamlEntry> &Entries = Context.file.entries;
  // Per document: what it is (a Service, an Ingress) and whether anything
  // in it names MCP (`path: /mcp`, `name: mcp-server`, the session header).
  struct Document {
    std::string kind, name;
    bool mcp = false;
  };
  std::map<unsigned, Document> Docs;
  std::map<unsigned, std::vector<const YamlEntry *>> ByMapping;
  for (const YamlEntry &E : Entries) {
    Document &D = Docs[E.document];
    if (E.path.empty() && E.key == "kind")
      D.kind = E.value;
    if (E.path.size() == 1 && E.path[0] == "metadata" && E.key == "name")
      D.name = E.value;
    D.mcp |= namesMcp(E.key) || namesSessionHeader(E.key) ||
             (E.scalar && (namesMcp(E.value) || namesSessionHeader(E.value)));
    ByMapping[E.mapping].push_back(&E);
  }
  for (const YamlEntry &E : Entries) {
    std::string What = yamlAffinity(E, ByMapping[E.mapping]);
    if (What.empty())
      continue;
    const Document &D = Docs[E.document];
    std::string Where =
        D.kind.empty()
            ? "this configuration"
            : D.kind + (D.name.empty() ? std::string() : " '" + D.name + "'");
    // A YAML key is no line to delete blindly: no fix-it.
    Context.report(RuleId, E.span, message(Where, What, D.mcp), {},
                   /*AtMostNote=*/!D.mcp);
  }
}

} // namespace

void StickySessionConfigCheck::check(GatewayContext &Context) {
  if (Context.file.kind == ProxyKind::Yaml) {
    checkYaml(Context);
    return;
  }
  std::set<std::string> Mcp = mcpUpstreams(Context.file);
  if (Context.file.kind == ProxyKind::Haproxy) {
    checkHaproxy(Context, Mcp);
    return;
  }
  std::map<std::string, std::string> Maps;
  collectMaps(Context.file.directives, Maps);
  checkNginx(Context, Context.file.directives, Mcp, Maps);
}

} // namespace mcp_cutover
