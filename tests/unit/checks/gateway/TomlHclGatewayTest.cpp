#include "AnnotatedCode.h"

#include "checks/FixApplier.h"
#include "checks/gateway/GatewayAnalysis.h"
#include "checks/gateway/HclConfigReader.h"
#include "checks/gateway/TomlConfigReader.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define WHY "MCP 2026-07-28 has no sessions and any request may land on any instance (SEP-2567); delete it and balance round robin once every tool that needs state takes an explicit handle"
#define PINS(where, what) "sticky-session-config " where " pins each client to one instance (" what "): " WHY
#define PINS_MAYBE(where, what) "sticky-session-config (note) " where " pins each client to one instance (" what "); could not tell whether it serves MCP (no /mcp route, MCP name or Mcp-Session-Id in sight): if it does, " WHY

using namespace mcp_cutover;
using mcp_cutover::test::runAnnotatedConfig;

namespace {
/// "document path.key=value@line:col" per entry.
std::vector<std::string> describe(const ProxyConfig &F) {
  std::vector<std::string> Seen;
  for (const ConfigEntry &E : F.entries) {
    std::string Path;
    for (const std::string &K : E.path)
      Path += K + ".";
    std::string Labels;
    for (const std::string &L : E.labels)
      Labels += "[" + L + "]";
    Seen.push_back(std::to_string(E.document) + " " + Path + E.key + Labels +
                   (E.scalar ? "=" + E.value : "") + "@" +
                   std::to_string(E.span.line) + ":" +
                   std::to_string(E.span.column));
  }
  return Seen;
}
} // namespace

TEST_CASE("HCL reader: blocks with labels, attributes, objects, tuples, "
          "templates, heredocs and comments", "[gateway][hcl]") {
  std::string Error;
  auto F = readHclConfig("/p/main.tf", R"(# comment
resource "aws_lb_target_group" "mcp" { // another
  name = "mcp-${var.env == "prod" ? "p" : "d"}"
  /* a } in a comment */
  port = 8080
  tags = { Team = "ai", "k.io/x" : "y" }
  list = ["a", { b = 1 }]
  doc  = <<-EOT
    { "not": "a block" }
    EOT
  each = [for s in var.x : s]
  stickiness {
    enabled = var.sticky
  }
}
variable "x" {}
)", Error);
  INFO(Error);
  REQUIRE(F);
  CHECK(describe(*F) ==
        std::vector<std::string>{
            "0 resource[aws_lb_target_group][mcp]@2:1",
            "0 resource.aws_lb_target_group.mcp.name=mcp-${var.env == \"prod\" ? \"p\" : \"d\"}@3:3",
            "0 resource.aws_lb_target_group.mcp.port=8080@5:3",
            "0 resource.aws_lb_target_group.mcp.tags@6:3",
            "0 resource.aws_lb_target_group.mcp.tags.Team=ai@6:12",
            "0 resource.aws_lb_target_group.mcp.tags.k.io/x=y@6:25",
            "0 resource.aws_lb_target_group.mcp.list@7:3",
            "0 resource.aws_lb_target_group.mcp.list.=a@7:11",
            "0 resource.aws_lb_target_group.mcp.list.@7:16",
            "0 resource.aws_lb_target_group.mcp.list.-.b=1@7:18",
            "0 resource.aws_lb_target_group.mcp.doc=    { \"not\": \"a block\" }\n@8:3",
            "0 resource.aws_lb_target_group.mcp.each@11:3",
            "0 resource.aws_lb_target_group.mcp.stickiness@12:3",
            "0 resource.aws_lb_target_group.mcp.stickiness.enabled=var.sticky@13:5",
            "1 variable[x]@16:1"});

  CHECK(!readHclConfig("/p/main.tf", "resource \"a\" \"b\" {\n  x = 1\n", Error));
  CHECK(Error == "3:1: a block has no } before the end of the file");
  CHECK(!readHclConfig("/p/main.tf", "x = \"open\n", Error));
  CHECK(Error == "1:5: a string does not end on its line");
  CHECK(!readHclConfig("/p/main.tf", "x = (1\n", Error));
  CHECK(Error == "2:1: a bracket does not close");
  CHECK(!readHclConfig("/p/main.tf", "}\n", Error));
  CHECK(Error == "1:1: unexpected }");
  CHECK(!readHclConfig("/p/main.tf", "a b c\n", Error));
  CHECK(Error == "1:6: expected = or { after a");
  CHECK(!readHclConfig("/p/main.tf", std::string(70, 'a') + " = " +
                                          std::string(70, '[') + "\n",
                       Error));
  CHECK(Error == "1:138: values nest deeper than 64");
}

TEST_CASE("TOML reader: tables, dotted keys, arrays of tables, inline "
          "tables and every kind of string", "[gateway][toml]") {
  std::string Error;
  auto F = readTomlConfig("/p/traefik.toml", R"(# Traefik
[http.services.mcp.loadBalancer]
  passHostHeader = true # comment
  [http.services.mcp.loadBalancer.sticky.cookie]
    name = 'literal'
  [[http.services.mcp.loadBalancer.servers]]
    url = "http://a:8080/"
  [[http.services.mcp.loadBalancer.servers]]
    url = """
http://b"""
[http.middlewares.m.headers]
  list = ["a", [ "b" ], # inner comment
  ]
  inline = { x.y = 1, "q" = 2000-01-01 10:00:00 }
)", Error);
  INFO(Error);
  REQUIRE(F);
  CHECK(describe(*F) ==
        std::vector<std::string>{
            "0 http@2:2",
            "0 http.services@2:7",
            "0 http.services.mcp@2:16",
            "0 http.services.mcp.loadBalancer@2:20",
            "0 http.services.mcp.loadBalancer.passHostHeader=true@3:3",
            "0 http.services.mcp.loadBalancer.sticky@4:35",
            "0 http.services.mcp.loadBalancer.sticky.cookie@4:42",
            "0 http.services.mcp.loadBalancer.sticky.cookie.name=literal@5:5",
            "0 http.services.mcp.loadBalancer.servers@6:36",
            "0 http.services.mcp.loadBalancer.servers.@6:3",
            "0 http.services.mcp.loadBalancer.servers.-.url=http://a:8080/@7:5",
            "0 http.services.mcp.loadBalancer.servers.@8:3",
            "0 http.services.mcp.loadBalancer.servers.-.url=http://b@9:5",
            "0 http.middlewares@11:7",
            "0 http.middlewares.m@11:19",
            "0 http.middlewares.m.headers@11:21",
            "0 http.middlewares.m.headers.list@12:3",
            "0 http.middlewares.m.headers.list.=a@12:11",
            "0 http.middlewares.m.headers.list.@12:16",
            "0 http.middlewares.m.headers.list.-.=b@12:18",
            "0 http.middlewares.m.headers.inline@14:3",
            "0 http.middlewares.m.headers.inline.x@14:14",
            "0 http.middlewares.m.headers.inline.x.y=1@14:16",
            "0 http.middlewares.m.headers.inline.q=2000-01-01 10:00:00@14:23"});

  CHECK(!readTomlConfig("/p/t.toml", "[a.b\n", Error));
  CHECK(Error == "1:5: expected ] to close a table header");
  CHECK(!readTomlConfig("/p/t.toml", "a = \"x\n", Error));
  CHECK(Error == "1:5: a string does not end on its line");
  CHECK(!readTomlConfig("/p/t.toml", "a = 1 2\n", Error));
  CHECK(Error == "1:7: expected the end of the line");
  CHECK(!readTomlConfig("/p/t.toml", "a = [1, 2\n", Error));
  CHECK(Error == "2:1: expected , or ] in an array");
  CHECK(!readTomlConfig("/p/t.toml", "a = " + std::string(70, '[') + "\n",
                        Error));
  CHECK(Error == "1:69: values nest deeper than 64");
}

TEST_CASE("configuration kinds: Terraform, Traefik TOML and CloudFormation "
          "or Envoy JSON by name and content", "[gateway]") {
  CHECK(detectConfigKind("/p/main.tf", "") == ProxyKind::Hcl);
  CHECK(detectConfigKind("/p/traefik.toml", "") == ProxyKind::Toml);
  CHECK(detectConfigKind("/p/dynamic.toml", "[http.routers.a]\n") ==
        ProxyKind::Toml);
  CHECK_FALSE(detectConfigKind("/p/Cargo.toml", "[package]\nname = \"x\"\n"));
  CHECK(detectConfigKind("/p/stack.json",
                         "{\"AWSTemplateFormatVersion\": \"2010-09-09\"}") ==
        ProxyKind::Yaml);
  CHECK(detectConfigKind("/p/envoy.json", "{\"static_resources\": {}}") ==
        ProxyKind::Yaml);
  CHECK_FALSE(detectConfigKind("/p/package.json", "{\"name\": \"x\"}"));
  CHECK_FALSE(detectConfigKind("/p/compile_commands.json", "[{\"file\": 1}]"));
  CHECK(configKindByName("/p/x.json") == ProxyKind::Yaml);
  CHECK(configKindByName("/p/x.tf") == ProxyKind::Hcl);
  CHECK_FALSE(configKindByName("/p/x.conf"));
}

TEST_CASE("sticky-session-config: Terraform target groups, Google and Azure "
          "affinity, and what a listener rule on /mcp tells",
          "[sticky-session-config][hcl]") {
  auto Run = runAnnotatedConfig("main.tf", R"(
resource "aws_lb_target_group" "api" {
  port = 8080
  stickiness { # expect: 3 )" PINS("aws_lb_target_group 'api'", "stickiness") R"(
    type = "lb_cookie"
  }
}
resource "aws_lb_listener_rule" "mcp" {
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
  condition {
    path_pattern { values = ["/mcp"] }
  }
}
resource "aws_lb_target_group" "web" {
  stickiness { # expect: 3 )" PINS_MAYBE("aws_lb_target_group 'web'", "stickiness") R"(
    enabled = true
    type    = "lb_cookie"
  }
}
resource "aws_lb_target_group" "off" {
  stickiness {
    enabled = false
    type    = "lb_cookie"
  }
}
resource "aws_lb_cookie_stickiness_policy" "legacy" { # expect: 1 )" PINS_MAYBE("aws_lb_cookie_stickiness_policy 'legacy'", "aws_lb_cookie_stickiness_policy") R"(
  name = "legacy"
}
resource "google_compute_backend_service" "mcp_backend" {
  session_affinity = "GENERATED_COOKIE" # expect: 3 )" PINS("google_compute_backend_service 'mcp_backend'", "session_affinity = GENERATED_COOKIE") R"(
}
resource "google_compute_backend_service" "none" {
  session_affinity = "NONE"
}
resource "azurerm_lb_rule" "rule" {
  load_distribution = "SourceIPProtocol" # expect: 3 )" PINS_MAYBE("azurerm_lb_rule 'rule'", "load_distribution = SourceIPProtocol") R"(
}
# stickiness { enabled = true }
locals { note = "stickiness" }
)");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("sticky-session-config: the Terraform fix-its delete the block or "
          "the attribute", "[sticky-session-config][hcl]") {
  const std::string Text = "resource \"aws_lb_target_group\" \"mcp\" {\n"
                           "  port = 8080\n"
                           "  stickiness {\n"
                           "    type = \"lb_cookie\"\n"
                           "  }\n"
                           "}\n"
                           "resource \"kubernetes_service\" \"mcp\" {\n"
                           "  session_affinity = \"ClientIP\" # pins\n"
                           "  tags = { a = 1, session_affinity = \"ClientIP\" }\n"
                           "}\n";
  auto Run = runAnnotatedConfig("main.tf", Text);
  REQUIRE(Run.result.findings.size() == 3);
  std::vector<FixIt> Fixes;
  for (const Finding &F : Run.result.findings)
    Fixes.insert(Fixes.end(), F.fixes.begin(), F.fixes.end());
  REQUIRE(Fixes.size() == 2);
  std::string Error;
  auto Fixed = applyFixIts(Text, Fixes, Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == "resource \"aws_lb_target_group\" \"mcp\" {\n"
                  "  port = 8080\n"
                  "}\n"
                  "resource \"kubernetes_service\" \"mcp\" {\n"
                  "  tags = { a = 1, session_affinity = \"ClientIP\" }\n"
                  "}\n");
}

TEST_CASE("sticky-session-config: Traefik TOML, v2 and v1",
          "[sticky-session-config][toml]") {
  auto Run = runAnnotatedConfig("traefik.toml", R"(
[http.routers.mcp]
  rule = 'PathPrefix(`/mcp`)'
  service = "api"
[http.services.api.loadBalancer.sticky.cookie] # expect: 33 )" PINS("this configuration", "loadBalancer.sticky") R"(
  name = "affinity"
[backends.b1.loadBalancer]
  sticky = true # expect: 3 )" PINS("this configuration", "loadBalancer.sticky") R"(
[backends.b2.loadBalancer]
  sticky = false
[backends.b3.loadBalancer.stickiness] # expect: 27 )" PINS("this configuration", "loadBalancer.stickiness") R"(
  cookieName = "x"
# [http.services.x.loadBalancer.sticky]
)");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("sticky-session-config: CloudFormation JSON target groups",
          "[sticky-session-config][json]") {
  const std::string Text = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "McpTargetGroup": {
      "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
      "Properties": {
        "TargetGroupAttributes": [
          {"Key": "stickiness.enabled", "Value": "true"},
          {"Key": "deregistration_delay.timeout_seconds", "Value": "30"}
        ]
      }
    }
  }
}
)";
  auto Run = runAnnotatedConfig("stack.json", Text);
  CHECK(Run.actual ==
        std::vector<std::string>{
            "stack.json:8:12 " PINS("this configuration",
                                                  "stickiness.enabled: true")});
  std::vector<std::string> Notes;
  TranslationUnitFacts Bad = analyzeGatewayText(
      "/p/stack.json", "{\"AWSTemplateFormatVersion\": [\n", ProxyKind::Yaml,
      {}, Notes);
  CHECK(Bad.status == UnitStatus::Failed);
  CHECK(Bad.firstError.rfind("/p/stack.json:", 0) == 0);
  CHECK(llvm::StringRef(Bad.firstError).ends_with(" (JSON)"));
}
