#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define INIT "initialize-handler dispatches on the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta"
#define PING "the removed 'ping' request: a new-only server answers it with HTTP 404 and -32601; delete the handler once no old peer sends it"
#define DISCOVER " but the project handles 'server/discover' nowhere: MCP 2026-07-28 servers must answer it with supportedVersions, capabilities, ttlMs and cacheScope, since clients no longer send initialize (SEP-2575); add it beside these"

TEST_CASE("missing-server-discover: one finding per dispatcher, at its first "
          "site, with the others related",
          "[missing-server-discover]") {
  auto Run = mcp_cutover::test::runAnnotated(R"cpp(
#include <functional>
#include <map>
#include <string>
struct Json {};
enum class Method { Initialize, ToolsList, ToolsCall, Ping, PromptsGet };
struct Server {
  std::map<std::string, std::function<Json(const Json &)>> handlers_;
  Json handle(const std::string &method, const Json &params) {
    if (method == "initialize") // expect: 19 missing-server-discover 'Server::handle' dispatches MCP methods ('initialize', 'tools/list', 'tools/call', 'resources/read', ...))cpp" DISCOVER R"cpp( // expect: 19 )cpp" INIT R"cpp(
      return Json{};
    if (method == "tools/list")
      return Json{};
    if (method == "tools/call" || method == "resources/read" || method == "prompts/list")
      return Json{};
    return Json{};
  }
  Json handle(Method m) {
    switch (m) {
    case Method::Ping: // expect: 10 missing-server-discover 'Server::handle' dispatches MCP methods ('ping', 'prompts/get'))cpp" DISCOVER R"cpp( // expect: 10 removed-method switches on )cpp" PING R"cpp( (through 'Method::Ping')
    case Method::PromptsGet:
      return Json{};
    default:
      return Json{};
    }
  }
  void setup() {
    handlers_["tools/call"] = [](const Json &) { return Json{}; }; // expect: 15 missing-server-discover 'Server::setup' dispatches MCP methods ('tools/call'))cpp" DISCOVER R"cpp(
  }
  void add_tool_list() {
    handlers_["tools/list"] = [](const Json &) { return Json{}; }; // expect: 15 missing-server-discover 'Server::add_tool_list' dispatches MCP methods ('tools/list'))cpp" DISCOVER R"cpp(
  }
  bool skips_session(const std::string &method) { return method == "initialize"; } // expect: 68 )cpp" INIT R"cpp(
  void on(const std::string &method, std::function<Json(const Json &)> fn);
  void more() {
    on("prompts/list", [](const Json &) { return Json{}; }); // expect: 8 missing-server-discover 'Server::more' dispatches MCP methods ('prompts/list'))cpp" DISCOVER R"cpp(
  }
};
struct McpClient {
  Json send_request(const std::string &method);
  void on_message(const std::string &method) {
    if (method == "ping") // expect: 19 removed-method dispatches on )cpp" PING R"cpp(
      send_request("tools/list");
  }
};
)cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.findings.size() >= 1);
  const mcp_cutover::Finding *First = nullptr;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "missing-server-discover" && F.span.line == 10)
      First = &F;
  REQUIRE(First);
  REQUIRE(First->related.size() == 4);
  CHECK(First->related[0].span.line == 12);
  CHECK(First->related[0].message == "dispatches on 'tools/list'");
  CHECK(First->related[3].span.line == 14);
  CHECK(First->related[3].span.column == 75);
  CHECK(First->related[3].message == "dispatches on 'prompts/list'");
}

// fastmcpp: every example's main registers its own routes; main has one
// USR in every unit, but each is its own dispatcher.
TEST_CASE("missing-server-discover: two units' main functions are two "
          "dispatchers",
          "[missing-server-discover]") {
  using namespace mcp_cutover;
  const std::string Root = test::Root;
  std::map<std::string, std::string> Files = test::commonFiles();
  Files[Root + "/server.h"] = R"cpp(#pragma once
#include <functional>
#include <string>
struct Server {
  void route(const std::string &name, std::function<int(int)> h);
};
)cpp";
  Files[Root + "/a.cpp"] = R"cpp(#include "server.h"
int main() { Server s; s.route("tools/list", [](int x) { return x; }); }
)cpp";
  Files[Root + "/b.cpp"] = R"cpp(#include "server.h"

int main() { Server s; s.route("tools/call", [](int x) { return x; }); }
)cpp";
  ProjectResult Both =
      test::linkUnits(test::analyzeUnits(Files, {"a.cpp", "b.cpp"}));
  std::vector<std::string> Sites;
  for (const Finding &F : Both.findings)
    if (F.ruleId == "missing-server-discover")
      Sites.push_back(F.span.file + ":" + std::to_string(F.span.line) + ":" +
                      std::to_string(F.span.column));
  CHECK(Sites == std::vector<std::string>{"a.cpp:2:32", "b.cpp:3:32"});
}

TEST_CASE("missing-server-discover: a project that dispatches server/discover "
          "anywhere gets no finding",
          "[missing-server-discover]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
struct Json {};
Json handle(const std::string &method) {
  if (method == "tools/list")
    return Json{};
  return Json{};
}
namespace v2026 {
Json route(const std::string &method) {
  if (method == "server/discover")
    return Json{};
  return Json{};
}
}
)cpp",
                  {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("missing-server-discover: sends, tables, tests, prose and system "
          "headers are no dispatcher",
          "[missing-server-discover]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <set>
#include <string>
#define EXPECT_EQ(a, b) ((void)((a) == (b)))
struct Json {};
Json send_request(const std::string &method);
const std::set<std::string> kKnown = {"tools/list", "tools/call"};
void log(const char *);
void f(const std::string &method) {
  send_request("tools/list");
  log("tools/call failed");
  EXPECT_EQ(method, "tools/call");
  // if (method == "tools/list")
}
)cpp",
                  {}, {}, /*AbsenceRules=*/true);
}
