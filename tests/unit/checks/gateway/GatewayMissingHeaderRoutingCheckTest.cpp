#include "AnnotatedCode.h"

#include "checks/FixApplier.h"
#include "checks/gateway/McpRoutes.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define WHY_BODY(instead) "MCP 2026-07-28 clients send the method in Mcp-Method and the tool, prompt or resource in Mcp-Name (SEP-2243), so a gateway routes, rate-limits and authorises on those headers without buffering and parsing the body; use " instead " instead"
#define BODY(what, instead) "gateway-missing-header-routing " what " routes on the JSON-RPC body: " WHY_BODY(instead)
#define BODY_MAYBE(what, instead) "gateway-missing-header-routing (note) " what " reads the request body; could not tell whether it serves MCP (no /mcp route, MCP name or JSON-RPC method in sight): if it does, " WHY_BODY(instead)
#define DROPS(what, headers) "gateway-missing-header-routing " what " drops " headers " before the servers see it: a server of MCP 2026-07-28 rejects a POST without Mcp-Method, Mcp-Name (tools/call, prompts/get, resources/read) or MCP-Protocol-Version with HTTP 400 (SEP-2243); forward them"
#define CORS(missing) "gateway-missing-header-routing Access-Control-Allow-Headers does not list " missing ": a browser client of MCP 2026-07-28 sends Mcp-Method, Mcp-Name and MCP-Protocol-Version on every POST (SEP-2243) and its CORS preflight fails without them; add them, and any Mcp-Param-{Name} header your tools declare"
#define SESSION_CORS "gateway-session-header add_header lists Mcp-Session-Id in a CORS header: MCP 2026-07-28 removed the Mcp-Session-Id header (SEP-2567); a new-only client never sends it and a server never mints one, so route on Mcp-Method and Mcp-Name and delete this once no legacy client sends the header"
#define ALL3 "Mcp-Method, Mcp-Name and MCP-Protocol-Version"
#define NGX "$http_mcp_method and $http_mcp_name"

using mcp_cutover::test::runAnnotatedConfig;

TEST_CASE("gateway-missing-header-routing: nginx routes on the body, drops "
          "the headers, or leaves them out of CORS",
          "[gateway-missing-header-routing]") {
  auto Run = runAnnotatedConfig("nginx.conf", R"(
http {
    map $request_body $rpc_method { # expect: 5 )" BODY("map on $request_body", NGX) R"(
        ~"\"method\":\"tools/call\"" tools;
        default other;
    }
    map $request_body $payload_kind { # expect: 5 )" BODY("map on $request_body", NGX) R"(
        ~^\{ json;
    }
    map $http_mcp_method $by_header { tools/call tools; }
    limit_req_zone $request_body zone=rpc:10m rate=5r/s; # expect: 5 )" BODY("limit_req_zone on $request_body", NGX) R"(
    log_format body '$request_body';
    upstream mcp_servers { server 10.0.0.1:8080; }
    server {
        add_header Access-Control-Allow-Headers "Content-Type, Authorization"; # expect: 9 )" CORS(ALL3) R"(
        location /mcp {
            access_by_lua_block { # expect: 13 )" BODY("access_by_lua_block reading the body", "ngx.var.http_mcp_method and ngx.var.http_mcp_name") R"(
                ngx.req.read_body()
                local rpc = cjson.decode(ngx.req.get_body_data()) -- } in a comment
                if rpc.method == "tools/call" then ngx.var.pool = "tools" end
            }
            content_by_lua_block { ngx.req.read_body() ngx.say(ngx.req.get_body_data()) }
            add_header Access-Control-Allow-Headers "Content-Type, Mcp-Method, Mcp-Session-Id" always; # expect: 13 )" CORS("Mcp-Name and MCP-Protocol-Version") R"( # expect: 13 )" SESSION_CORS R"(
            proxy_set_header Mcp-Name ""; # expect: 13 )" DROPS("proxy_set_header Mcp-Name \"\"", "Mcp-Name") R"(
            proxy_set_header Mcp-Session-Id "";
            more_clear_input_headers MCP-Protocol-Version X-Debug; # expect: 13 )" DROPS("more_clear_input_headers", "MCP-Protocol-Version") R"(
            proxy_pass_request_headers off; # expect: 13 )" DROPS("proxy_pass_request_headers off", "every request header, Mcp-Method, Mcp-Name and MCP-Protocol-Version among them,") R"(
            proxy_pass http://mcp_servers;
        }
        location /api {
            add_header Access-Control-Allow-Headers "Content-Type";
            proxy_pass_request_headers off;
        }
        location /open {
            add_header Access-Control-Allow-Headers *;
        }
    }
    server {
        listen 8081;
        add_header Access-Control-Allow-Headers "Content-Type";
        location / { proxy_pass http://web; }
    }
}
)");
  CHECK(Run.actual == Run.expected);

  // Nothing here serves MCP: the body rule can only say it could not tell,
  // and CORS lists are someone else's.
  auto Other = runAnnotatedConfig("nginx.conf", R"(
http {
    map $request_body $payload_kind { # expect: 5 )" BODY_MAYBE("map on $request_body", NGX) R"(
        ~^\{ json;
    }
    server {
        add_header Access-Control-Allow-Headers "Content-Type";
        location /api { proxy_pass http://api; }
    }
}
)");
  CHECK(Other.actual == Other.expected);

  // A host that the MCP route proxies to is no upstream block: another
  // route to it says nothing of MCP.
  auto SameHost = runAnnotatedConfig("nginx.conf", R"(
server {
    location /mcp {
        add_header Access-Control-Allow-Headers "Content-Type"; # expect: 9 )" CORS(ALL3) R"(
        proxy_pass http://localhost:8081/mcp;
    }
    location /news/ {
        add_header Access-Control-Allow-Headers "Content-Type";
        proxy_pass http://localhost:3005;
    }
}
)");
  CHECK(SameHost.actual == SameHost.expected);
}

TEST_CASE("gateway-missing-header-routing: the fix-its append to the CORS "
          "list inside its quotes and delete lines that only drop",
          "[gateway-missing-header-routing]") {
  const std::string Text =
      "location /mcp {\n"
      "    add_header Access-Control-Allow-Headers \"Content-Type\";\n"
      "    add_header Access-Control-Allow-Headers Content-Type,Mcp-Name;\n"
      "    proxy_set_header Mcp-Method \"\"; # strip\n"
      "    proxy_pass http://mcp;\n"
      "}\n";
  auto Run = runAnnotatedConfig("nginx.conf", Text);
  std::vector<mcp_cutover::FixIt> Fixes;
  for (const auto &F : Run.result.findings) {
    REQUIRE(F.fixes.size() == 1);
    Fixes.push_back(F.fixes[0]);
  }
  REQUIRE(Fixes.size() == 3);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Text, Fixes, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(*Fixed ==
        "location /mcp {\n"
        "    add_header Access-Control-Allow-Headers \"Content-Type, "
        "Mcp-Method, Mcp-Name, MCP-Protocol-Version\";\n"
        "    add_header Access-Control-Allow-Headers Content-Type,Mcp-Name, "
        "Mcp-Method, MCP-Protocol-Version;\n"
        "    proxy_pass http://mcp;\n"
        "}\n");
}

TEST_CASE("gateway-missing-header-routing: the HAProxy fix-it appends "
          "inside the closing quote", "[gateway-missing-header-routing]") {
  const std::string Text =
      "backend mcp\n"
      "    http-response set-header Access-Control-Allow-Headers "
      "\"Content-Type, Mcp-Method\"\n"
      "    http-request del-header Mcp-Name\n"
      "    server a 10.0.0.1:8080\n";
  auto Run = runAnnotatedConfig("haproxy.cfg", Text);
  std::vector<mcp_cutover::FixIt> Fixes;
  for (const auto &F : Run.result.findings)
    Fixes.insert(Fixes.end(), F.fixes.begin(), F.fixes.end());
  REQUIRE(Fixes.size() == 2);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Text, Fixes, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == "backend mcp\n"
                  "    http-response set-header Access-Control-Allow-Headers "
                  "\"Content-Type, Mcp-Method, Mcp-Name, "
                  "MCP-Protocol-Version\"\n"
                  "    server a 10.0.0.1:8080\n");
}

TEST_CASE("gateway-missing-header-routing: HAProxy fetches of the body, "
          "del-header and CORS", "[gateway-missing-header-routing]") {
  auto Run = runAnnotatedConfig("haproxy.cfg", R"(
frontend fe
    bind :80
    option http-buffer-request
    acl is_mcp path_beg /mcp
    acl tools_call req.body,json_query('$.method') -m str tools/call # expect: 5 )" BODY("acl on req.body", "req.hdr(mcp-method) and req.hdr(mcp-name)") R"(
    acl big req.body_len gt 1000000
    http-request deny if big
    http-request del-header Mcp-Method # expect: 5 )" DROPS("http-request del-header", "Mcp-Method") R"(
    http-request del-header Mcp-Session-Id
    use_backend mcp if is_mcp
backend mcp
    http-response set-header Access-Control-Allow-Headers "Content-Type, Mcp-Method" # expect: 5 )" CORS("Mcp-Name and MCP-Protocol-Version") R"(
    server a 10.0.0.1:8080
backend web
    http-request set-var(txn.user) req.body_param(user) # expect: 5 )" BODY_MAYBE("http-request on req.body", "req.hdr(mcp-method) and req.hdr(mcp-name)") R"(
    http-response set-header Access-Control-Allow-Headers "Content-Type"
    server w 10.0.0.2:8080
)");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("gateway-missing-header-routing: Envoy, ingress and Traefik in "
          "YAML", "[gateway-missing-header-routing][yaml]") {
  auto Run = runAnnotatedConfig("envoy.yaml", R"(static_resources:
  listeners:
    - name: mcp_listener
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                http_filters:
                  - name: envoy.filters.http.json_to_metadata # expect: 21 )" BODY("the json_to_metadata filter", "the Mcp-Method and Mcp-Name headers") R"(
                  - name: envoy.filters.http.lua
                    typed_config:
                      inline_code: | # expect: 23 )" BODY("a Lua filter reading the body", "the Mcp-Method and Mcp-Name headers") R"(
                        function envoy_on_request(h) local b = h:body() end
                route_config:
                  request_headers_to_remove:
                    - mcp-name # expect: 23 )" DROPS("request_headers_to_remove", "Mcp-Name") R"(
                    - mcp-session-id
                  virtual_hosts:
                    - name: mcp
                      domains: ["*"]
                      cors:
                        allow_headers: "content-type,mcp-protocol-version" # expect: 25 )" CORS("Mcp-Method and Mcp-Name") R"(
                      response_headers_to_add:
                        - header:
                            key: Access-Control-Allow-Headers # expect: 29 )" CORS(ALL3) R"(
                            value: "Content-Type"
)");
  CHECK(Run.actual == Run.expected);

  auto Ingress = runAnnotatedConfig("ingress.yaml", R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, Authorization"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: mcp-server
  annotations:
    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, Mcp-Method, Mcp-Name, MCP-Protocol-Version"
    nginx.ingress.kubernetes.io/configuration-snippet: | # expect: 5 )" BODY("'nginx.ingress.kubernetes.io/configuration-snippet' on $request_body", "the Mcp-Method and Mcp-Name headers") R"(
      if ($request_body ~ "tools/call") { set $tier tools; }
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: mcp-cors
spec:
  headers:
    accessControlAllowHeaders: # expect: 5 )" CORS("Mcp-Name") R"(
      - Content-Type
      - Mcp-Method
      - MCP-Protocol-Version
    customRequestHeaders:
      Mcp-Method: "" # expect: 7 )" DROPS("customRequestHeaders Mcp-Method: \"\"", "Mcp-Method") R"(
      X-Forwarded-Proto: https
)");
  CHECK(Ingress.actual == Ingress.expected);
}

TEST_CASE("namesMcp: words split by punctuation or case", "[gateway]") {
  using mcp_cutover::namesMcp;
  CHECK(namesMcp("mcp"));
  CHECK(namesMcp("/mcp"));
  CHECK(namesMcp("mcp_backend"));
  CHECK(namesMcp("is-mcp"));
  CHECK(namesMcp("McpTargetGroup"));
  CHECK(namesMcp("awsMcpService"));
  CHECK(namesMcp("MCPServer"));
  CHECK(namesMcp("MCP"));
  CHECK_FALSE(namesMcp("mcpx"));
  CHECK_FALSE(namesMcp("smcp"));
  CHECK_FALSE(namesMcp("Mcpherson"));
  CHECK_FALSE(namesMcp("MCPS"));
}
