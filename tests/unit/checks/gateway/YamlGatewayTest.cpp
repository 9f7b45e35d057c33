#include "AnnotatedCode.h"

#include "checks/gateway/GatewayAnalysis.h"
#include "checks/gateway/YamlConfigReader.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define PINS(where, what) "sticky-session-config " where " pins each client to one instance (" what "): MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle"
#define PINS_MAYBE(where, what) "sticky-session-config (note) " where " pins each client to one instance (" what "); could not tell whether it serves MCP (no /mcp route, MCP name or Mcp-Session-Id in sight): if it does, MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle"
#define NAMES(holder) "gateway-session-header " holder " names Mcp-Session-Id: MCP 2026-07-28 removed the Mcp-Session-Id header (SEP-2567); a new-only client never sends it and a server never mints one, so route on Mcp-Method and Mcp-Name and delete this once no legacy client sends the header"

using namespace mcp_cutover;

TEST_CASE("YAML reader: keys with their path, every document, exact places",
          "[gateway][yaml]") {
  std::string Error;
  auto F = readYamlConfig("/p/k.yaml",
                          "kind: Service\nspec:\n  ports:\n    - name: mcp\n"
                          "---\nkind: Ingress\n",
                          Error);
  REQUIRE(F);
  std::vector<std::string> Seen;
  for (const ConfigEntry &E : F->entries) {
    std::string Path;
    for (const std::string &K : E.path)
      Path += K + ".";
    Seen.push_back(std::to_string(E.document) + " " + Path + E.key + "=" +
                   E.value + "@" + std::to_string(E.span.line) + ":" +
                   std::to_string(E.span.column));
  }
  CHECK(Seen == std::vector<std::string>{"0 kind=Service@1:1", "0 spec=@2:1",
                                         "0 spec.ports=@3:3",
                                         "0 spec.ports.=@4:7",
                                         "0 spec.ports.-.name=mcp@4:7",
                                         "1 kind=Ingress@6:1"});
  CHECK(!readYamlConfig("/p/k.yaml", "a: [b, c\n", Error));
  INFO(Error);
  CHECK(Error == "1:9: Could not find closing ]!");
  CHECK(!readYamlConfig("/p/k.yaml", std::string(70, '[') , Error));
  CHECK(Error == "1:1: [ and { nested more than 64 levels deep");
  std::string Deep;
  for (int I = 0; I < 600; ++I)
    Deep += "- ";
  CHECK(!readYamlConfig("/p/k.yaml", Deep + "x\n", Error));
  CHECK(Error == "1:1: a line indented more than 1024 columns");
}

TEST_CASE("sticky-session-config: Kubernetes Services, ingress annotations "
          "and Gateway API session persistence", "[sticky-session-config][yaml]") {
  CHECK_ANNOTATED_CONFIG("deploy.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: mcp-server
spec:
  sessionAffinity: ClientIP # expect: 3 )" PINS("Service 'mcp-server'", "sessionAffinity: ClientIP") R"(
  ports:
    - port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: billing
spec:
  sessionAffinity: ClientIP # expect: 3 )" PINS_MAYBE("Service 'billing'", "sessionAffinity: ClientIP") R"(
---
apiVersion: v1
kind: Service
metadata:
  name: mcp-plain
spec:
  sessionAffinity: None
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: edge
  annotations:
    nginx.ingress.kubernetes.io/affinity: cookie # expect: 5 )" PINS("Ingress 'edge'", "nginx.ingress.kubernetes.io/affinity: cookie") R"(
    nginx.ingress.kubernetes.io/session-cookie-name: route
    nginx.ingress.kubernetes.io/upstream-hash-by: $http_mcp_session_id # expect: 5 )" PINS("Ingress 'edge'", "nginx.ingress.kubernetes.io/upstream-hash-by: $http_mcp_session_id") R"(
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  rules:
    - http:
        paths:
          - path: /mcp
            pathType: Prefix
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: mcp-route
spec:
  rules:
    - sessionPersistence: # expect: 7 )" PINS("HTTPRoute 'mcp-route'", "sessionPersistence") R"(
        sessionName: mcp
        type: Cookie
)");
}

TEST_CASE("sticky-session-config and gateway-session-header: Envoy, Traefik "
          "and CloudFormation YAML", "[sticky-session-config][yaml]") {
  CHECK_ANNOTATED_CONFIG("envoy.yaml", R"(static_resources:
  listeners:
    - name: mcp
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                route_config:
                  virtual_hosts:
                    - name: mcp
                      routes:
                        - match: { prefix: "/mcp" }
                          route:
                            cluster: mcp_servers
                            hash_policy:
                              - header:
                                  header_name: mcp-session-id # expect: 35 )" PINS("this configuration", "hash_policy on the header mcp-session-id") R"(
                              - connection_properties:
                                  source_ip: true # expect: 35 )" PINS("this configuration", "hash_policy on the client address") R"(
                          request_headers_to_remove: [mcp-session-id]
                          response_headers_to_add:
                            - header: { key: Access-Control-Expose-Headers, value: Mcp-Session-Id } # expect: 77 )" NAMES("'value'") R"(
                http_filters:
                  - name: envoy.filters.http.stateful_session # expect: 21 )" PINS("this configuration", "the stateful_session filter") R"(
)");
  CHECK_ANNOTATED_CONFIG("docker-compose.yml", R"y(services:
  server:
    image: example/mcp-server
    labels:
      - "traefik.http.routers.mcp.rule=PathPrefix(`/mcp`)"
      - "traefik.http.services.mcp.loadbalancer.sticky.cookie=true" # expect: 9 )y" PINS("this configuration", "traefik.http.services.mcp.loadbalancer.sticky.cookie=true") R"y(
      - "traefik.http.services.other.loadbalancer.sticky.cookie=false"
)y");
  CHECK_ANNOTATED_CONFIG("stack.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  McpTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetGroupAttributes:
        - Key: stickiness.enabled # expect: 11 )" PINS("this configuration", "stickiness.enabled: true") R"(
          Value: "true"
        - Key: deregistration_delay.timeout_seconds
          Value: "30"
)");
}

TEST_CASE("YAML that configures no traffic is not read, and a template that "
          "is not YAML says so", "[gateway][yaml]") {
  CHECK(!detectConfigKind("/p/.github/workflows/ci.yml",
                          "on: push\njobs:\n  build:\n    runs-on: ubuntu\n"));
  CHECK(detectConfigKind("/p/k8s/svc.yaml", "apiVersion: v1\nkind: Service\n") ==
        ProxyKind::Yaml);
  std::vector<std::string> Notes;
  auto Facts = analyzeGatewayText(
      "/p/chart/templates/svc.yaml",
      "apiVersion: v1\nkind: Service\nspec:\n  {{- if .Values.sticky }}\n"
      "  sessionAffinity: ClientIP\n  {{- end }}\n",
      ProxyKind::Yaml, {}, Notes);
  CHECK(Facts.status == UnitStatus::Failed);
  CHECK(Facts.firstError.find("(a template that is not plain YAML: render it, "
                              "e.g. helm template, and pass the output)") !=
        std::string::npos);
  CHECK(Facts.firstError.rfind("/p/chart/templates/svc.yaml:", 0) == 0);
}
