// The probe's inputs that need no network: scenario files (read, refused
// with file:line:col), flows inferred from tools/list, endpoint URLs.
#include "tool/probe/ProbeScenario.h"
#include "tool/probe/McpEndpoint.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;
using nlohmann::json;

TEST_CASE("a scenario reads its calls, with typed flow arguments", "[probe]") {
  ProbeScenario S;
  REQUIRE(parseProbeScenario("s.yaml",
                             "create:\n"
                             "  tool: create_basket\n"
                             "  arguments: {region: eu}\n"
                             "  handle: /basket_id\n"
                             "follow_ups:\n"
                             "  - tool: add_item\n"
                             "    arguments: {basket_id: \"{{handle}}\", sku: "
                             "'7', quantity: 2, gift: true, note: ~}\n"
                             "  - tool: checkout\n"
                             "    arguments:\n"
                             "      basket_id: \"{{handle}}\"\n",
                             S) == "");
  CHECK(S.create.tool == "create_basket");
  CHECK(S.create.arguments == json{{"region", "eu"}});
  CHECK(S.handlePointer == "/basket_id");
  REQUIRE(S.followUps.size() == 2);
  CHECK(S.followUps[0].arguments == json{{"basket_id", "{{handle}}"},
                                         {"sku", "7"},
                                         {"quantity", 2},
                                         {"gift", true},
                                         {"note", nullptr}});
  CHECK(withHandle(S.followUps[0].arguments, "bsk_1") ==
        json{{"basket_id", "bsk_1"},
             {"sku", "7"},
             {"quantity", 2},
             {"gift", true},
             {"note", nullptr}});
  CHECK(withHandle(json("prefix-{{handle}}-{{handle}}"), "h") ==
        json("prefix-h-h"));
}

TEST_CASE("a bad scenario is one line naming file, line and column",
          "[probe]") {
  ProbeScenario S;
  CHECK(
      parseProbeScenario("s.yaml", "create:\n  tool: c\n  handle: /id\n", S) ==
      "s.yaml:1:1: the scenario has no 'follow_ups'");
  CHECK(parseProbeScenario("s.yaml",
                           "create:\n  tool: c\n  handle: id\nfollow_ups: []\n",
                           S) ==
        "s.yaml:3:11: 'handle' takes a JSON Pointer into structuredContent, "
        "such as /basket_id");
  CHECK(parseProbeScenario("s.yaml",
                           "create:\n  tool: c\n  handle: /id\n  retry: 3\n"
                           "follow_ups: []\n",
                           S) ==
        "s.yaml:4:3: unknown key \"retry\" in create (tool, arguments, "
        "handle)");
  CHECK(parseProbeScenario("s.yaml",
                           "create:\n  tool: c\n  handle: /id\nfollow_ups:\n"
                           "  - tool: f\n    handle: /x\n",
                           S) ==
        "s.yaml:6:5: unknown key \"handle\" in a follow-up (tool, arguments)");
  CHECK(parseProbeScenario("s.yaml", "create: [\n", S).rfind("s.yaml:", 0) ==
        0);
  CHECK(parseProbeScenario("s.yaml", "", S) ==
        "s.yaml:1:1: a scenario is a mapping with 'create' and 'follow_ups'");
  CHECK(parseProbeScenario("s.yaml", std::string("a\0b", 3), S) ==
        "s.yaml: binary file, not a scenario");
  // fuzz_probe_scenario: a byte that is not UTF-8 in an argument made the
  // request's JSON throw.
  CHECK(parseProbeScenario("s.yaml",
                           "create:\n  tool: c\n  arguments: {a: \"x\xff\"}\n",
                           S) == "s.yaml:3:20: not UTF-8 text");
  CHECK(parseProbeScenario("s.yaml", std::string(200, '['), S) ==
        "s.yaml: nested more than 64 levels deep");
  CHECK(parseProbeScenario("s.yaml", "a: 1\n---\nb: 2\n", S) ==
        "s.yaml:1:1: unknown key \"a\" (create, follow_ups)");
  // fuzz_probe_scenario: what the messages quote stays on one line.
  CHECK(parseProbeScenario("s.yaml", "a\n b: 1\n", S) ==
        "s.yaml:1:1: unknown key \"a b\" (create, follow_ups)");
  CHECK(parseProbeScenario("s.yaml", "create:\n  tool: \"a\\nb\"\n", S) ==
        "s.yaml:2:9: 'tool' takes one line without control characters");
}

TEST_CASE("a flow is inferred from tools/list: creator, then takers",
          "[probe]") {
  json Tools = json::parse(R"([
    {"name": "list_things", "inputSchema": {"type": "object"}},
    {"name": "create_basket", "inputSchema": {"type": "object"},
     "outputSchema": {"type": "object",
                      "properties": {"basket_id": {"type": "string"}}}},
    {"name": "add_item", "inputSchema": {"type": "object",
      "properties": {"basket_id": {"type": "string"},
                     "sku": {"type": "string", "enum": ["A", "B"]},
                     "quantity": {"type": "integer"}},
      "required": ["basket_id", "sku", "quantity"]}},
    {"name": "peek", "inputSchema": {"type": "object",
      "properties": {"basket_id": {"type": "string"}}}}
  ])");
  auto S = inferScenario(Tools);
  REQUIRE(S);
  CHECK(S->create.tool == "create_basket");
  CHECK(S->handlePointer == "/basket_id");
  REQUIRE(S->followUps.size() == 1); // peek does not require the handle
  CHECK(S->followUps[0].tool == "add_item");
  CHECK(S->followUps[0].arguments ==
        json{{"basket_id", "{{handle}}"}, {"sku", "A"}, {"quantity", 1}});
  // No tool takes what another returns: nothing to run.
  CHECK_FALSE(inferScenario(json::parse(
      R"([{"name": "a", "outputSchema": {"properties": {"x_id": {}}}}])")));
  CHECK_FALSE(inferScenario(json::object()));
}

TEST_CASE("endpoint URLs: scheme, host, port, path, loopback", "[probe]") {
  EndpointUrl U = parseEndpointUrl("http://127.0.0.1:8080/mcp");
  CHECK(U.problem == "");
  CHECK(U.host == "127.0.0.1");
  CHECK(U.port == 8080);
  CHECK(U.path == "/mcp");
  CHECK(U.isLoopback());
  U = parseEndpointUrl("https://[::1]/");
  CHECK(
      (U.problem == "" && U.host == "::1" && U.port == 443 && U.isLoopback()));
  U = parseEndpointUrl("http://mcp.example.com");
  CHECK((U.problem == "" && U.port == 80 && U.path == "/" && !U.isLoopback()));
  CHECK(parseEndpointUrl("http://user:pw@127.0.0.1/mcp").problem ==
        "'http://user:pw@127.0.0.1/mcp': credentials in the URL are not sent");
  CHECK(parseEndpointUrl("http://:80/mcp").problem ==
        "'http://:80/mcp' names no host");
  CHECK(parseEndpointUrl("http://127.0.0.1:x/mcp").problem ==
        "'http://127.0.0.1:x/mcp': the port must be a number from 1 to 65535");
  CHECK(parseEndpointUrl("127.0.0.1:80").problem ==
        "'127.0.0.1:80' is not an http:// or https:// URL");
}

TEST_CASE("answers are told apart as a message says them", "[probe]") {
  HttpExchange X;
  X.transportError = "cannot connect";
  CHECK(X.answerText() == "no answer (cannot connect)");
  X.status = 404;
  X.responseBody =
      R"({"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"x"}})";
  CHECK(X.answerText() == "HTTP 404 with JSON-RPC -32601");
  X.status = 200;
  X.responseBody = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,"
                   "\"result\":{\"isError\":true}}\n\n";
  CHECK(X.answerText() == "HTTP 200 with a tool error");
  X.responseBody = R"({"jsonrpc":"2.0","id":1,"result":{}})";
  CHECK(X.answerText() == "HTTP 200 with a result");
  X.status = 405;
  X.responseBody = "";
  CHECK(X.answerText() == "HTTP 405 with an empty body");
  // Said, so that a 400 is not read as the JSON-RPC error it was wanted as.
  X.status = 400;
  X.responseBody = R"({"error":"Missing Mcp-Session-Id header"})";
  CHECK(X.answerText() == "HTTP 400 with a body that is not JSON-RPC");
}
