#include "checks/gateway/GatewaySessionHeaderCheck.h"

#include "llvm/ADT/StringRef.h"

#include <set>

namespace mcp_cutover {

namespace {
const char RuleId[] = "gateway-session-header";

/// Directives that take the header away (good), and those the
/// sticky-session-config rule reports (a hash, balance or stick rule).
bool strips(const ProxyDirective &D) {
  const std::string &Name = D.name();
  if (Name == "proxy_hide_header" || Name == "fastcgi_hide_header" ||
      Name == "grpc_hide_header" || Name == "more_clear_headers" ||
      Name == "more_clear_input_headers")
    return true;
  // proxy_set_header Mcp-Session-Id "": nginx then sends no such header.
  if ((Name == "proxy_set_header" || Name == "grpc_set_header") &&
      D.words.size() == 3 && D.words[2].text.empty())
    return true;
  return D.words.size() > 1 &&
         (Name == "http-request" || Name == "http-response") &&
         D.words[1].text == "del-header";
}

bool pinsInstance(const ProxyDirective &D, bool InUpstream) {
  return (InUpstream && D.name() == "hash") || D.name() == "balance" ||
         D.name() == "stick";
}

/// What the directive does with the header (a phrase with %s where the
/// header goes), and whether deleting its line removes only that.
std::pair<std::string, bool> useOf(const ProxyDirective &D) {
  const std::string &Name = D.name();
  std::string Second = D.words.size() > 1 ? D.words[1].text : "";
  if (Name == "proxy_set_header" || Name == "grpc_set_header" ||
      ((Name == "http-request") &&
       (Second == "set-header" || Second == "add-header")))
    return {"forwards %s to the servers", true};
  if (Name == "proxy_pass_header")
    return {"passes %s back to the client", true};
  if (Name == "add_header" || Name == "more_set_headers" ||
      (Name == "http-response" &&
       (Second == "set-header" || Second == "add-header"))) {
    bool Cors = false;
    for (const ProxyWord &W : D.words)
      Cors |=
          llvm::StringRef(W.text).starts_with_insensitive("access-control-");
    return {Cors ? "lists %s in a CORS header" : "adds %s to responses", !Cors};
  }
  if (Name == "log_format" || Name == "log-format" || Name == "capture" ||
      Name == "access_log")
    return {"logs %s", Name == "capture"};
  if (Name == "map")
    return {"maps a variable from %s", false};
  return {"routes on %s", false};
}

/// How the header is named in the message: the word itself when it is the
/// header or a variable (`$http_mcp_session_id`), else the header's name.
std::string headerName(const ProxyWord &W) {
  llvm::StringRef T(W.text);
  if (T.equals_insensitive("mcp-session-id") ||
      (T.starts_with("$") && !T.contains(' ')))
    return W.text;
  return "Mcp-Session-Id";
}

void walk(GatewayContext &Context,
          const std::vector<ProxyDirective> &Directives, bool InUpstream) {
  for (const ProxyDirective &D : Directives) {
    bool Upstream = InUpstream || D.name() == "upstream";
    // A block is reported by its own header line only when that names the
    // header (`map $http_mcp_session_id $x {`); its lines are each checked.
    const ProxyWord *Word = sessionHeaderWord(D);
    if (Word && !strips(D) && !pinsInstance(D, InUpstream)) {
      auto [Verb, Deletable] = useOf(D);
      std::vector<FixIt> Fixes;
      if (Deletable && !D.block)
        Fixes.push_back(deletionOf(D, Context.text));
      std::string Phrase = Verb;
      Phrase.replace(Phrase.find("%s"), 2, headerName(*Word));
      // A block (`map ... {`) is reported on its first line's words.
      Context.report(
          RuleId, D.findingSpan(),
          D.name() + " " + Phrase +
              ": MCP 2026-07-28 removed the Mcp-Session-Id header "
              "(SEP-2567); a new-only client never sends it and a server "
              "never mints one, so route on Mcp-Method and Mcp-Name and "
              "delete this once no legacy client sends the header",
          std::move(Fixes), /*AtMostNote=*/false);
    }
    walk(Context, D.children, Upstream);
  }
}

void walkEntries(GatewayContext &Context) {
  for (const ConfigEntry &E : Context.file.entries) {
    bool InKey = namesSessionHeader(E.key);
    if (!InKey && !(E.scalar && namesSessionHeader(E.value)))
      continue;
    bool Removes = false, Pins = false;
    for (const std::string &K : E.path) {
      llvm::StringRef P(K);
      Removes |=
          P.contains_insensitive("remove") || P.contains_insensitive("drop");
      Pins |= P == "hash_policy";
    }
    // Stripping the header is what the cutover wants; hashing on it is
    // sticky-session-config's.
    if (Removes || Pins ||
        E.key == "nginx.ingress.kubernetes.io/upstream-hash-by")
      continue;
    std::string Holder = !E.key.empty() ? "'" + E.key + "'"
                         : !E.path.empty()
                             ? "an item of '" + E.path.back() + "'"
                             : "a value";
    Context.report(
        RuleId, E.span,
        Holder +
            " names Mcp-Session-Id: MCP 2026-07-28 removed the "
            "Mcp-Session-Id header (SEP-2567); a new-only client never sends "
            "it and a server never mints one, so route on Mcp-Method and "
            "Mcp-Name and delete this once no legacy client sends the header",
        {}, /*AtMostNote=*/false);
  }
}

} // namespace

void GatewaySessionHeaderCheck::check(GatewayContext &Context) {
  if (readsAsEntries(Context.file.kind))
    walkEntries(Context);
  else
    walk(Context, Context.file.directives, false);
}

} // namespace mcp_cutover
