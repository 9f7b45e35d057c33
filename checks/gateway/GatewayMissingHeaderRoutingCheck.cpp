#include "checks/gateway/GatewayMissingHeaderRoutingCheck.h"

#include "checks/gateway/McpRoutes.h"
#include "checks/utils/MessageText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>

namespace mcp_cutover {

namespace {
const char RuleId[] = "gateway-missing-header-routing";

const char HeadersSent[] =
    "MCP 2026-07-28 clients send the method in Mcp-Method and the tool, "
    "prompt or resource in Mcp-Name (SEP-2243)";

std::string bodyMessage(const std::string &What, const std::string &Instead,
                        bool Known) {
  std::string Why = std::string(HeadersSent) +
                    ", so a gateway routes, rate-limits and authorises on "
                    "those headers without buffering and parsing the body; "
                    "use " +
                    Instead + " instead";
  if (Known)
    return What + " routes on the JSON-RPC body: " + Why;
  return What +
         " reads the request body; could not tell whether it serves MCP (no "
         "/mcp route, MCP name or JSON-RPC method in sight): if it does, " +
         Why;
}

std::string dropMessage(const std::string &What, const std::string &Headers) {
  return What + " drops " + Headers +
         " before the servers see it: a server of MCP 2026-07-28 rejects a "
         "POST without Mcp-Method, Mcp-Name (tools/call, prompts/get, "
         "resources/read) or MCP-Protocol-Version with HTTP 400 (SEP-2243); "
         "forward them";
}

std::string corsMessage(const std::vector<std::string> &Missing) {
  return "Access-Control-Allow-Headers does not list " + joinWithAnd(Missing) +
         ": a browser client of MCP 2026-07-28 sends Mcp-Method, Mcp-Name and "
         "MCP-Protocol-Version on every POST (SEP-2243) and its CORS "
         "preflight fails without them; add them, and any Mcp-Param-{Name} "
         "header your tools declare";
}

/// The routing headers a CORS allow-list leaves out; none when it allows
/// any header (`*`).
std::vector<std::string> missingFrom(const std::vector<std::string> &Names) {
  if (llvm::is_contained(Names, "*"))
    return {};
  std::vector<std::string> Missing;
  for (const char *Header : {"Mcp-Method", "Mcp-Name", "MCP-Protocol-Version"})
    if (llvm::none_of(Names, [&](const std::string &N) {
          return llvm::StringRef(N).equals_insensitive(Header);
        }))
      Missing.emplace_back(Header);
  return Missing;
}

/// An allow-list that names an MCP header (`Mcp-Session-Id`) is MCP's
/// whatever route it is on.
bool namesMcpHeader(const std::vector<std::string> &Names) {
  return llvm::any_of(Names, [](const std::string &N) {
    return llvm::StringRef(N).starts_with_insensitive("mcp-");
  });
}

/// Whether a word says the body it reads is JSON-RPC or MCP's.
bool mentionsJsonRpc(llvm::StringRef Word) {
  return namesMcp(Word.str()) || Word.contains("jsonrpc") ||
         Word.contains("tools/") || Word.contains("\"method\"") ||
         Word.contains("json_query") || Word.contains("$.method");
}

bool subtreeMentionsJsonRpc(const ProxyDirective &D) {
  for (const ProxyWord &W : D.words)
    if (mentionsJsonRpc(W.text))
      return true;
  return llvm::any_of(D.children, subtreeMentionsJsonRpc);
}

/// A fix-it that appends `Missing` to the list written as `Word`, inside
/// its quotes when it is quoted.
FixIt appendTo(const ProxyWord &Word, const std::vector<std::string> &Missing) {
  std::string Added;
  for (const std::string &M : Missing)
    Added += (Added.empty() && Word.text.empty() ? "" : ", ") + M;
  FixIt Fix;
  Fix.span = Word.span;
  Fix.span.line = Fix.span.endLine;
  Fix.span.column = Fix.span.endColumn =
      Word.span.endColumn - (Word.endsInQuote ? 1 : 0);
  Fix.replacement = Added;
  return Fix;
}

/// An Access-Control-Allow-Headers directive (nginx `add_header`, HAProxy
/// `http-response set-header`) whose list, the word `List`, leaves out a
/// routing header: reported on an MCP route or when it names an MCP header.
void reportAllowList(GatewayContext &Context, const ProxyDirective &D,
                     const ProxyWord &List, bool InMcp) {
  std::vector<std::string> Names = headerList(List.text);
  std::vector<std::string> Missing = missingFrom(Names);
  if (Missing.empty() || (!InMcp && !namesMcpHeader(Names)))
    return;
  Context.report(RuleId, D.span, corsMessage(Missing),
                 {appendTo(List, Missing)}, /*AtMostNote=*/false);
}

class NginxWalk {
public:
  explicit NginxWalk(GatewayContext &Context)
      : Context(Context), Mcp(Context.index.mcpUpstreams) {}

  void walk(const std::vector<ProxyDirective> &Directives, bool InMcp) {
    for (const ProxyDirective &D : Directives) {
      check(D, InMcp);
      // A location, and a server (a virtual host), serves MCP or not by
      // itself; an http block holding an MCP server passes its directives
      // on to it.
      bool Inner = D.name() == "location" || D.name() == "server"
                       ? servesMcp(D)
                       : InMcp || (D.block && servesMcp(D));
      walk(D.children, Inner);
    }
  }

private:
  /// Whether `D` routes to MCP: a location named for MCP, a proxy_pass to
  /// an MCP path or to an `upstream` block known to serve MCP, or a
  /// directive that names an MCP header (`proxy_pass_header Mcp-Session-Id`).
  bool servesMcp(const ProxyDirective &D) const {
    if (D.name() == "location" &&
        llvm::any_of(llvm::drop_begin(D.words),
                     [](const ProxyWord &W) { return namesMcp(W.text); }))
      return true;
    if ((D.name() == "proxy_pass" || D.name() == "grpc_pass") &&
        D.words.size() > 1) {
      llvm::StringRef Target(D.words[1].text);
      // `http://localhost:8081/mcp`, or an MCP upstream block; a bare host
      // (`localhost`) that an MCP location also proxies to says nothing of
      // this route, and is no upstream block.
      if (namesMcp(Target.str()) || Mcp.count(upstreamOf(Target)))
        return true;
    }
    if (llvm::any_of(D.words, [](const ProxyWord &W) {
          return namesSessionHeader(W.text) ||
                 !routingHeaderName(W.text).empty();
        }))
      return true;
    return llvm::any_of(D.children,
                        [&](const ProxyDirective &C) { return servesMcp(C); });
  }

  void check(const ProxyDirective &D, bool InMcp) {
    const std::string &Name = D.name();
    // Routing on the body.
    static const char *const Decides[] = {"map",
                                          "if",
                                          "set",
                                          "limit_req_zone",
                                          "hash",
                                          "split_clients",
                                          "proxy_cache_key",
                                          "limit_conn_zone"};
    bool ReadsBody = llvm::any_of(D.words, [](const ProxyWord &W) {
      return llvm::StringRef(W.text).contains("$request_body");
    });
    if (ReadsBody && llvm::is_contained(Decides, Name)) {
      bool Known = InMcp || subtreeMentionsJsonRpc(D);
      Context.report(RuleId, D.findingSpan(),
                     bodyMessage(Name + " on $request_body",
                                 "$http_mcp_method and $http_mcp_name", Known),
                     {}, /*AtMostNote=*/!Known);
      return;
    }
    llvm::StringRef N(Name);
    if (N.ends_with("_by_lua_block") || N.ends_with("_by_lua")) {
      bool Reads = false, Json = false;
      for (const ProxyWord &W : D.words) {
        llvm::StringRef T(W.text);
        Reads |= T.contains("get_body_data") || T.contains("read_body");
        Json |= mentionsJsonRpc(T) || T.contains("json");
      }
      // Reading the body to produce the response is the application's
      // business; reading it to decide where or whether it goes is routing.
      bool Decides = N.starts_with("access") || N.starts_with("rewrite") ||
                     N.starts_with("balancer") || N.starts_with("set");
      if (Reads && Decides) {
        bool Known = InMcp || Json;
        Context.report(RuleId, D.words.front().span,
                       bodyMessage(Name + " reading the body",
                                   "ngx.var.http_mcp_method and "
                                   "ngx.var.http_mcp_name",
                                   Known),
                       {}, /*AtMostNote=*/!Known);
      }
      return;
    }
    // Dropping the headers.
    if (Name == "proxy_pass_request_headers" && D.words.size() == 2 &&
        D.words[1].text == "off" && InMcp) {
      Context.report(RuleId, D.span,
                     dropMessage("proxy_pass_request_headers off",
                                 "every request header, Mcp-Method, Mcp-Name "
                                 "and MCP-Protocol-Version among them,"),
                     {deletionOf(D, Context.text)}, /*AtMostNote=*/false);
      return;
    }
    if ((Name == "proxy_set_header" || Name == "grpc_set_header") &&
        D.words.size() == 3 && D.words[2].text.empty()) {
      std::string Header = routingHeaderName(D.words[1].text);
      if (!Header.empty())
        Context.report(
            RuleId, D.span,
            dropMessage(Name + " " + D.words[1].text + " \"\"", Header),
            {deletionOf(D, Context.text)}, /*AtMostNote=*/false);
      return;
    }
    if (Name == "more_clear_input_headers") {
      std::vector<std::string> Dropped;
      for (const ProxyWord &W : llvm::drop_begin(D.words))
        if (std::string H = routingHeaderName(W.text); !H.empty())
          Dropped.push_back(H);
      std::vector<FixIt> Fixes;
      if (Dropped.size() + 1 == D.words.size())
        Fixes.push_back(deletionOf(D, Context.text));
      if (!Dropped.empty())
        Context.report(RuleId, D.span, dropMessage(Name, joinWithAnd(Dropped)),
                       std::move(Fixes), /*AtMostNote=*/false);
      return;
    }
    // CORS.
    if (Name == "add_header" && D.words.size() >= 3 &&
        llvm::StringRef(D.words[1].text)
            .equals_insensitive("access-control-allow-headers"))
      reportAllowList(Context, D, D.words[2], InMcp);
  }

  GatewayContext &Context;
  const std::set<std::string> &Mcp;
};

void checkHaproxy(GatewayContext &Context) {
  const std::set<std::string> &Mcp = Context.index.mcpUpstreams;
  for (const ProxyDirective &Section : Context.file.directives) {
    std::string SectionName =
        Section.words.size() > 1 ? Section.words[1].text : "";
    bool InMcp = Mcp.count(SectionName) || namesMcp(SectionName);
    for (const ProxyDirective &Line : Section.children)
      for (const ProxyWord &W : Line.words)
        InMcp |= namesMcp(W.text);
    for (const ProxyDirective &Line : Section.children) {
      const std::string &Name = Line.name();
      std::string Second = Line.words.size() > 1 ? Line.words[1].text : "";
      bool ReadsBody = false, Json = false;
      for (const ProxyWord &W : Line.words) {
        llvm::StringRef T(W.text);
        for (size_t At = T.find("req.body"); At != llvm::StringRef::npos;
             At = T.find("req.body", At + 1)) {
          llvm::StringRef Rest = T.drop_front(At + 8);
          ReadsBody |= !Rest.starts_with("_len") && !Rest.starts_with("_size");
        }
        Json |= mentionsJsonRpc(T);
      }
      if (ReadsBody && Name != "log-format" && Name != "capture") {
        bool Known = InMcp || Json;
        Context.report(RuleId, Line.span,
                       bodyMessage(Name + " on req.body",
                                   "req.hdr(mcp-method) and req.hdr(mcp-name)",
                                   Known),
                       {}, /*AtMostNote=*/!Known);
        continue;
      }
      if (Name == "http-request" && Second == "del-header" &&
          Line.words.size() > 2) {
        std::string Header = routingHeaderName(Line.words[2].text);
        if (!Header.empty())
          Context.report(RuleId, Line.span,
                         dropMessage("http-request del-header", Header),
                         {deletionOf(Line, Context.text)},
                         /*AtMostNote=*/false);
        continue;
      }
      if (Name == "http-response" &&
          (Second == "set-header" || Second == "add-header") &&
          Line.words.size() > 3 &&
          llvm::StringRef(Line.words[2].text)
              .equals_insensitive("access-control-allow-headers"))
        reportAllowList(Context, Line, Line.words[3], InMcp);
    }
  }
}

/// The items of a sequence held by `E`, or its scalar value, as names.
std::vector<std::string> listOf(const ConfigEntry &E,
                                const ConfigIndex &Index) {
  if (E.scalar)
    return headerList(E.value);
  std::vector<std::string> Names;
  for (const ConfigEntry *C : Index.childrenOf(E))
    if (C->scalar && C->key.empty())
      for (std::string &N : headerList(C->value))
        Names.push_back(std::move(N));
  return Names;
}

bool isCorsAllowHeadersKey(llvm::StringRef Key) {
  return Key == "allow_headers" || Key == "allowHeaders" ||
         Key.equals_insensitive("accessControlAllowHeaders") ||
         Key == "nginx.ingress.kubernetes.io/cors-allow-headers" ||
         Key.equals_insensitive("access-control-allow-headers");
}

void checkEntries(GatewayContext &Context) {
  const std::vector<ConfigEntry> &Entries = Context.file.entries;
  for (const ConfigEntry &E : Entries) {
    const EntryDocument &D = Context.index.documents.at(E.document);
    llvm::StringRef Key(E.key), Value(E.value);
    auto Under = [&](llvm::StringRef Word) {
      return llvm::any_of(E.path, [&](const std::string &K) {
        return llvm::StringRef(K).contains_insensitive(Word);
      });
    };
    // Routing on the body: Envoy's json_to_metadata filter, Lua or ingress
    // snippets that read it.
    std::string Body;
    if (E.scalar && Value.contains("envoy.filters.http.json_to_metadata") &&
        (Key == "name" || Key == "@type"))
      Body = "the json_to_metadata filter";
    else if (E.scalar && (Key == "inline_code" || Key == "inline_string") &&
             Value.contains(":body("))
      Body = "a Lua filter reading the body";
    else if (E.scalar && Key.contains("snippet") &&
             Value.contains("$request_body"))
      Body = "'" + E.key + "' on $request_body";
    if (!Body.empty()) {
      bool Known = D.mcp || mentionsJsonRpc(Value);
      Context.report(
          RuleId, E.span,
          bodyMessage(Body, "the Mcp-Method and Mcp-Name headers", Known), {},
          /*AtMostNote=*/!Known);
      continue;
    }
    // Dropping the headers: Envoy's request_headers_to_remove, Traefik's
    // customRequestHeaders with an empty value.
    if (E.scalar && E.key.empty() && Under("request_headers_to_remove")) {
      if (std::string H = routingHeaderName(E.value); !H.empty())
        Context.report(RuleId, E.span,
                       dropMessage("request_headers_to_remove", H), {},
                       /*AtMostNote=*/false);
      continue;
    }
    if (E.scalar && Value.empty() && Under("customRequestHeaders")) {
      if (std::string H = routingHeaderName(E.key); !H.empty())
        Context.report(
            RuleId, E.span,
            dropMessage("customRequestHeaders " + E.key + ": \"\"", H), {},
            /*AtMostNote=*/false);
      continue;
    }
    // CORS allow-lists: a key that holds the list, or Envoy's
    // `header: {key: Access-Control-Allow-Headers, value: ...}`.
    std::vector<std::string> Names;
    if (isCorsAllowHeadersKey(Key)) {
      Names = listOf(E, Context.index);
    } else if (Key == "key" && E.scalar &&
               Value.equals_insensitive("access-control-allow-headers")) {
      for (const ConfigEntry *S : Context.index.mappings.at(E.mapping))
        if (S->key == "value" && S->scalar)
          Names = headerList(S->value);
    } else {
      continue;
    }
    std::vector<std::string> Missing = missingFrom(Names);
    if (Missing.empty() || Names.empty() || (!D.mcp && !namesMcpHeader(Names)))
      continue;
    Context.report(RuleId, E.span, corsMessage(Missing), {},
                   /*AtMostNote=*/false);
  }
}

} // namespace

void GatewayMissingHeaderRoutingCheck::check(GatewayContext &Context) {
  if (readsAsEntries(Context.file.kind)) {
    checkEntries(Context);
    return;
  }
  if (Context.file.kind == ProxyKind::Haproxy) {
    checkHaproxy(Context);
    return;
  }
  NginxWalk(Context).walk(Context.file.directives, false);
}

} // namespace mcp_cutover
