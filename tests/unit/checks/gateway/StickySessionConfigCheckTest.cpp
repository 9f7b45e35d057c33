#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define PINS(where, what) where " pins each client to one instance (" what "): MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle"
#define PINS_MAYBE(where, what) "(note) " where " pins each client to one instance (" what "); could not tell whether it serves MCP (no /mcp route, MCP name or Mcp-Session-Id in sight): if it does, MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle"

TEST_CASE("sticky-session-config: nginx upstreams that pin clients, MCP or "
          "not", "[sticky-session-config]") {
  auto Run = mcp_cutover::test::runAnnotatedConfig("nginx.conf", R"(
http {
    map $cookie_session $route_key { default $cookie_session; }
    upstream mcp_servers {
        hash $http_mcp_session_id consistent; # expect: 9 sticky-session-config )" PINS("upstream 'mcp_servers'", "hash on $http_mcp_session_id") R"(
        server 10.0.0.1:8080;
    }
    upstream api {
        ip_hash; # expect: 9 sticky-session-config )" PINS("upstream 'api'", "ip_hash: the client's address") R"(
    }
    upstream legacy {
        sticky cookie srv_id expires=1h; # expect: 9 sticky-session-config )" PINS_MAYBE("upstream 'legacy'", "sticky cookie") R"(
    }
    upstream mapped {
        hash $route_key; # expect: 9 sticky-session-config )" PINS_MAYBE("upstream 'mapped'", "hash on $route_key, mapped from $cookie_session") R"(
    }
    upstream spread {
        hash $request_uri consistent;
        least_conn;
    }
    server {
        location /mcp { proxy_pass http://api; }
        location /static { proxy_pass http://spread; }
    }
    # ip_hash; in a comment
    log_format sticky '$remote_addr ip_hash';
}
)");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("sticky-session-config: HAProxy backends, listen and defaults",
          "[sticky-session-config]") {
  auto Run = mcp_cutover::test::runAnnotatedConfig("haproxy.cfg", R"(
defaults
    mode http
    balance source # expect: 5 sticky-session-config )" PINS_MAYBE("defaults", "balance source: the client's address") R"(
frontend fe
    bind :80
    acl is_mcp path_beg /mcp
    use_backend api if is_mcp
    default_backend web
backend api
    balance roundrobin
    cookie SRV insert indirect nocache # expect: 5 sticky-session-config )" PINS("backend 'api'", "cookie SRV insert") R"(
    server a 10.0.0.1:8080 cookie a
backend mcp-b
    stick-table type string len 64 size 100k expire 30m
    stick on req.hdr(mcp-session-id) # expect: 5 sticky-session-config )" PINS("backend 'mcp-b'", "stick on req.hdr(mcp-session-id)") R"(
listen web
    bind :8080
    balance hdr(X-Tenant) # expect: 5 sticky-session-config )" PINS_MAYBE("listen 'web'", "balance hdr(X-Tenant)") R"(
backend limits
    stick-table type ip size 1m expire 10s store http_req_rate(10s)
    http-request track-sc0 src
    cookie SRV indirect
    balance leastconn
)");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("sticky-session-config: the fix-it deletes the directive's line",
          "[sticky-session-config]") {
  const std::string Text = "upstream mcp {\n    ip_hash; # pins\n    server a;\n}\n"
                           "upstream mcp2 { hash $http_mcp_session_id; server b; }\n";
  auto Run = mcp_cutover::test::runAnnotatedConfig("nginx.conf", Text);
  REQUIRE(Run.result.findings.size() == 2);
  std::vector<mcp_cutover::FixIt> Fixes;
  for (const auto &F : Run.result.findings) {
    REQUIRE(F.fixes.size() == 1);
    Fixes.push_back(F.fixes[0]);
  }
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Text, Fixes, Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == "upstream mcp {\n    server a;\n}\n"
                  "upstream mcp2 {  server b; }\n");
}
