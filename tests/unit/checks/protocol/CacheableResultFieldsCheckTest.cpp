#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define REQUIRES ": MCP 2026-07-28 requires the body fields ttlMs (integer >= 0) and cacheScope (\"public\" or \"private\") on complete results of server/discover, the list methods and resources/read (SEP-2549)"

namespace {
const char *Prelude = R"cpp(
#include <functional>
#include <map>
#include <string>
struct Json {
  Json();
  Json(const char *);
  Json(int);
  Json(std::initializer_list<Json>);
  Json &operator[](const char *);
  Json &operator=(const Json &);
  bool contains(const char *) const;
};
Json paginate(const Json &items, const char *key);
)cpp";
}

TEST_CASE("cacheable-result-fields: results built in registered handlers and "
          "in branches on the method",
          "[cacheable-result-fields]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct McpServer {
  std::map<std::string, std::function<Json(const Json &)>> handlers_;
  Json tools_, resources_, templates_;
  void setup() {
    handlers_["tools/list"] = [this](const Json &) {
      return Json{{"tools", tools_}}; // expect: 20 cacheable-result-fields builds the 'tools/list' result without ttlMs and cacheScope)cpp" REQUIRES R"cpp(
    };
    handlers_["prompts/list"] = [](const Json &) {
      return Json{{"prompts", Json{}}, {"ttlMs", 60000}, {"cacheScope", "public"}};
    };
  }
  Json handle(const std::string &method, const Json &params) {
    if (method == "resources/read") {
      return Json{{"contents", Json{}}, {"ttlMs", 0}}; // expect: 20 cacheable-result-fields builds the 'resources/read' result without cacheScope)cpp" REQUIRES R"cpp(
    } else if (method == "resources/list") {
      Json result;
      result["resources"] = resources_; // expect: 14 cacheable-result-fields builds the 'resources/list' result without ttlMs and cacheScope)cpp" REQUIRES R"cpp(
      return result;
    } else if (method == "resources/templates/list") {
      return paginate(templates_, "resourceTemplates"); // expect: 35 cacheable-result-fields builds the 'resources/templates/list' result without ttlMs and cacheScope)cpp" REQUIRES R"cpp(
    }
    return Json{};
  }
};
)cpp");
}

TEST_CASE("cacheable-result-fields: a branch's result built two calls deep "
          "is followed, and so are the fields",
          "[cacheable-result-fields]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
Json with_cache(Json result) {
  result["ttlMs"] = 60000;
  result["cacheScope"] = "public";
  return result;
}
Json list_prompts() { return with_cache(Json{{"prompts", Json{}}}); }
Json read_resource() { return Json{{"contents", Json{}}}; } // expect: 37 cacheable-result-fields builds the 'resources/read' result without ttlMs and cacheScope)cpp" REQUIRES R"cpp(
Json handle(const std::string &method) {
  Json result;
  if (method == "prompts/list")
    result = list_prompts();
  else if (method == "resources/read")
    result = read_resource();
  return result;
}
)cpp");
}

TEST_CASE("cacheable-result-fields: capabilities, clients, other bodies, "
          "prose, comments and system headers are not reported",
          "[cacheable-result-fields]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
struct Server {
  Json route(const std::string &method);
  Json handle(const std::string &method) {
    if (method == "tools/call") {
      // The answer lists "tools" in prose only.
      return Json{{"content", "see the tools list"}};
    }
    if (method == "tools/list") {
      Json hooked = route(method);
      if (hooked.contains("tools"))
        return hooked;
      return Json{{"tools", Json{}}, {"ttlMs", 1000}, {"cacheScope", "private"}};
    }
    if (method == "prompts/list") {
      Json routed = route(method);
      return routed.contains("prompts") ? routed : Json{};
    }
    return Json{{"capabilities", {{"tools", {{"listChanged", true}}}}}};
  }
};
struct McpClient {
  Json request(const std::string &method);
  Json tools() {
    Json r = request("tools/list");
    return r["tools"];
  }
};
Json chat_request(const Json &tools) { return Json{{"model", "x"}, {"tools", tools}}; }
)cpp");
}

TEST_CASE("cacheable-result-fields: the HTTP Cache-Control header is named "
          "as not the mechanism, and a braced result gets the fields added",
          "[cacheable-result-fields]") {
  const std::string Code = std::string(Prelude) + R"cpp(
struct Response { void set_header(const char *, const char *); };
void serve(const std::string &method, Json &out, Response &res) {
  if (method == "tools/list") {
    res.set_header("Cache-Control", "max-age=60");
    out = Json{{"tools", Json{}}};
  }
}
)cpp";
  auto Run = mcp_cutover::test::runAnnotated(Code);
  REQUIRE(Run.result.findings.size() == 1);
  const mcp_cutover::Finding &F = Run.result.findings[0];
  CHECK(F.ruleId == "cacheable-result-fields");
  CHECK(F.message == "builds the 'tools/list' result without ttlMs and cacheScope" REQUIRES
                     "; the HTTP Cache-Control header this code sets is not the mechanism, clients read the body fields");
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, F.fixes, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(Fixed->find(R"(out = Json{{"tools", Json{}}, {"ttlMs", 0}, {"cacheScope", "private"}};)") != std::string::npos);
}
