#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define REMOVED ": MCP 2026-07-28 removed the Mcp-Session-Id header (SEP-2567); a new-only client never sends it and a server never mints one, so route on Mcp-Method and Mcp-Name and delete this once no legacy client sends the header"

TEST_CASE("gateway-session-header: nginx forwards, passes back, lists, logs "
          "and routes on the header", "[gateway-session-header]") {
  CHECK_ANNOTATED_CONFIG("nginx.conf", R"(
http {
    log_format mcp '$remote_addr $http_mcp_session_id'; # expect: 5 gateway-session-header log_format logs Mcp-Session-Id)" REMOVED R"(
    map $http_mcp_session_id $has_session { default 1; "" 0; } # expect: 5 gateway-session-header map maps a variable from $http_mcp_session_id)" REMOVED R"(
    upstream mcp { hash $http_mcp_session_id; server a; } # expect: 20 sticky-session-config upstream 'mcp' pins each client to one instance (hash on $http_mcp_session_id): MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle
    server {
        location /mcp {
            if ($http_mcp_session_id = "") { return 400; } # expect: 13 gateway-session-header if routes on Mcp-Session-Id)" REMOVED R"(
            proxy_set_header MCP-SESSION-ID $http_mcp_session_id; # expect: 13 gateway-session-header proxy_set_header forwards MCP-SESSION-ID to the servers)" REMOVED R"(
            proxy_pass_header Mcp-Session-Id; # expect: 13 gateway-session-header proxy_pass_header passes Mcp-Session-Id back to the client)" REMOVED R"(
            add_header Access-Control-Allow-Headers "Content-Type, Mcp-Session-Id, Mcp-Method"; # expect: 13 gateway-session-header add_header lists Mcp-Session-Id in a CORS header)" REMOVED R"( # expect: 13 gateway-missing-header-routing Access-Control-Allow-Headers does not list Mcp-Name and MCP-Protocol-Version: a browser client of MCP 2026-07-28 sends Mcp-Method, Mcp-Name and MCP-Protocol-Version on every POST (SEP-2243) and its CORS preflight fails without them; add them, and any Mcp-Param-{Name} header your tools declare
            proxy_pass http://mcp;
        }
    }
}
)");
}

TEST_CASE("gateway-session-header: stripping the header, look-alikes and "
          "comments are not reported", "[gateway-session-header]") {
  CHECK_ANNOTATED_CONFIG("nginx.conf", R"(
server {
    location /mcp {
        proxy_set_header Mcp-Session-Id "";
        proxy_hide_header Mcp-Session-Id;
        more_clear_headers Mcp-Session-Id;
        proxy_set_header Mcp-Method $http_mcp_method;
        proxy_set_header X-Session-Id $cookie_sid;
        # proxy_set_header Mcp-Session-Id $http_mcp_session_id;
        return 200 "send Mcp-Session-Id no more";
    }
}
)");
  CHECK_ANNOTATED_CONFIG("haproxy.cfg", R"(
frontend fe
    bind :80
    http-request del-header Mcp-Session-Id
    http-response del-header mcp-session-id
    http-request set-header Mcp-Method %[req.hdr(mcp-method)]
    acl has_sid req.hdr(Mcp-Session-Id) -m found # expect: 5 gateway-session-header acl routes on Mcp-Session-Id)" REMOVED R"(
    capture request header Mcp-Session-Id len 64 # expect: 5 gateway-session-header capture logs Mcp-Session-Id)" REMOVED R"(
    http-request set-header Mcp-Session-Id %[var(txn.sid)] # expect: 5 gateway-session-header http-request forwards Mcp-Session-Id to the servers)" REMOVED R"(
    http-response set-header Access-Control-Expose-Headers "Mcp-Session-Id" # expect: 5 gateway-session-header http-response lists Mcp-Session-Id in a CORS header)" REMOVED R"(
backend mcp
    balance hdr(Mcp-Session-Id) # expect: 5 sticky-session-config backend 'mcp' pins each client to one instance (balance hdr(Mcp-Session-Id)): MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle
    server a 10.0.0.1:80
)");
}

TEST_CASE("gateway-session-header: fix-its delete lines that only carry the "
          "header", "[gateway-session-header]") {
  const std::string Text =
      "server {\n  proxy_set_header Mcp-Session-Id $http_mcp_session_id;\n"
      "  proxy_pass_header Mcp-Session-Id;\n"
      "  add_header Access-Control-Expose-Headers \"Mcp-Session-Id, X\";\n"
      "  location / { proxy_pass http://a; }\n}\n";
  auto Run = mcp_cutover::test::runAnnotatedConfig("nginx.conf", Text);
  REQUIRE(Run.result.findings.size() == 3);
  std::vector<mcp_cutover::FixIt> Fixes;
  for (const auto &F : Run.result.findings)
    Fixes.insert(Fixes.end(), F.fixes.begin(), F.fixes.end());
  CHECK(Fixes.size() == 2); // the CORS list names another header too
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Text, Fixes, Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == "server {\n"
                  "  add_header Access-Control-Expose-Headers \"Mcp-Session-Id, X\";\n"
                  "  location / { proxy_pass http://a; }\n}\n");
}
