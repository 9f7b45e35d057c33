#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

namespace {
const std::string Fixtures = std::string(MCP_CUTOVER_SOURCE_DIR) + "/fixtures/";
}

// Test inputs: their layout is what the annotations assert.
// clang-format off

TEST_CASE("in-memory-handle-store: a tool that takes its handle but keeps "
          "what it names in a global map",
          "[in-memory-handle-store]") {
  CHECK_ANNOTATED(R"cpp(
#include "mini_sdk.h"
#include <map>
#include <string>
std::map<std::string, int> g_baskets;
fastmcpp::Json add_item(const fastmcpp::Json &a) {
  g_baskets[a.at("basket_id").get<std::string>()] += 1;
  return {};
}
void install(fastmcpp::FastMCP &app) {
  fastmcpp::Json schema;
  schema["type"] = "object";
  schema["properties"]["basket_id"]["type"] = "string";
  schema["properties"]["basket_id"]["description"] = "Handle returned by create_basket.";
  schema["required"].push_back("basket_id");
  app.tool("add_item", schema, add_item); // expect: 12 session-bound-tool tool 'add_item' writes 'g_baskets' (main.cpp:7): consecutive calls may land on different instances; state must move behind a handle // expect: 12 in-memory-handle-store tool 'add_item' takes the handle 'basket_id' but keeps its state in process memory ('g_baskets' (main.cpp:7)): behind a round-robin balancer every instance must resolve the handle, so the store must be shared (a database, Redis) before sticky sessions go
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}

TEST_CASE("in-memory-handle-store: a handle over shared storage, a tool "
          "without a handle, and a stateless tool are not reported",
          "[in-memory-handle-store]") {
  CHECK_ANNOTATED(R"cpp(
#include "mini_sdk.h"
#include <string>
struct Redis { std::string get(const std::string &key) const; };
Redis &redis();
fastmcpp::Json checkout(const fastmcpp::Json &a) {
  return redis().get("basket:" + a.at("basket_id").get<std::string>());
}
fastmcpp::Json echo(const fastmcpp::Json &a) { return a; }
void install(fastmcpp::FastMCP &app) {
  fastmcpp::Json schema;
  schema["type"] = "object";
  schema["properties"]["basket_id"]["type"] = "string";
  schema["properties"]["basket_id"]["description"] = "Handle returned by create_basket.";
  schema["required"].push_back("basket_id");
  app.tool("checkout", schema, checkout);
  fastmcpp::Json text;
  text["type"] = "object";
  text["properties"]["text"]["type"] = "string";
  app.tool("echo", text, echo);
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}
