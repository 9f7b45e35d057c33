#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define UNROUTED " POSTs a JSON-RPC message, and no client code of the project sends the MCP 2026-07-28 routing headers: send Mcp-Method (the method), Mcp-Name (params.name, or params.uri for resources/read) and MCP-Protocol-Version on every POST, and _meta io.modelcontextprotocol/protocolVersion and clientCapabilities in the body; gateways route on the headers (SEP-2243, SEP-2575)"

namespace {
const char *Prelude = R"cpp(
#include <functional>
#include <map>
#include <string>
struct Json {
  Json();
  Json(const char *);
  Json(std::initializer_list<Json>);
  Json &operator[](const char *);
  Json &operator=(const Json &);
  std::string dump() const;
};
using Headers = std::multimap<std::string, std::string>;
namespace web {
struct Result { int status; };
struct Client {
  Result Post(const std::string &path, const std::string &body, const char *type);
  Result Post(const std::string &path, const Headers &headers, const std::string &body, const char *type);
};
struct Request;
struct Response;
struct Server { void Post(const char *, std::function<void(const Request &, Response &)>); };
}
)cpp";
}

TEST_CASE("client-missing-routing-headers: a client POSTing JSON-RPC, once "
          "per function, at its first POST",
          "[client-missing-routing-headers]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct Transport {
  web::Client http_;
  Json request(const std::string &method, const Json &params) {
    Json message{{"jsonrpc", "2.0"}, {"method", method.c_str()}, {"params", params}};
    http_.Post("/mcp", message.dump(), "application/json"); // expect: 5 client-missing-routing-headers 'Transport::request')cpp" UNROUTED R"cpp(
    http_.Post("/mcp", message.dump(), "application/json");
    return message;
  }
  void raw_list() {
    http_.Post("/mcp", R"({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})", "application/json"); // expect: 5 client-missing-routing-headers 'Transport::raw_list')cpp" UNROUTED R"cpp(
  }
};
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("client-missing-routing-headers: REST and LLM bodies, server "
          "routes and system headers are not reported",
          "[client-missing-routing-headers]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
void chat(web::Client &llm) {
  Json body{{"model", "gpt"}, {"messages", "hi"}};
  llm.Post("/v1/chat/completions", body.dump(), "application/json");
}
void routes(web::Server &svr) {
  svr.Post("/mcp", [](const web::Request &, web::Response &) { Json m{{"jsonrpc", "2.0"}}; });
}
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("client-missing-routing-headers: clients that send Mcp-Method, "
          "MCP-Protocol-Version and the _meta version anywhere clear it; "
          "any two are not enough",
          "[client-missing-routing-headers]") {
  const std::string Sender = std::string(Prelude) + R"cpp(
web::Result send(web::Client &c, const Json &headersJson) {
  Json m{{"jsonrpc", "2.0"}, {"method", "tools/list"}};
  return c.Post("/mcp", m.dump(), "application/json");
}
)cpp";
  const std::string Method = R"cpp(
Headers method_header(const std::string &m) { return Headers{{"Mcp-Method", m}}; }
)cpp";
  const std::string Version = R"cpp(
void version_header(Headers &h) { h.emplace("MCP-Protocol-Version", "2026-07-28"); }
)cpp";
  const std::string Meta = R"cpp(
Json meta() {
  Json m;
  m["io.modelcontextprotocol/protocolVersion"] = "2026-07-28";
  return m;
}
)cpp";
  auto Count = [](const std::string &Code) {
    return mcp_cutover::test::countFindings(Code, "client-missing-routing-headers");
  };
  CHECK(Count(Sender) == 1);
  CHECK(Count(Sender + Method + Version) == 1);
  CHECK(Count(Sender + Method + Meta) == 1);
  CHECK(Count(Sender + Version + Meta) == 1);
  CHECK(Count(Sender + Method + Version + Meta) == 0);
}
