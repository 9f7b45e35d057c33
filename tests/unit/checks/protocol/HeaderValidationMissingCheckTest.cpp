#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define UNCHECKED " parses a JSON-RPC request body and dispatches it, but the project never checks the Mcp-Method header against the body and answers -32020: MCP 2026-07-28 servers must reject a missing or different Mcp-Method (and Mcp-Name for tools/call, resources/read and prompts/get) with HTTP 400 and JSON-RPC -32020 HeaderMismatch, since gateways route on the headers (SEP-2243)"

namespace {
const char *Prelude = R"cpp(
#include <functional>
#include <string>
struct Json {
  static Json parse(const std::string &);
  Json operator[](const char *) const;
  bool operator==(const char *) const;
};
namespace web {
struct Request {
  std::string body;
  std::string get_header_value(const char *) const;
};
struct Response { int status; };
using Handler = std::function<void(const Request &, Response &)>;
struct Server { void Post(const char *, Handler); };
struct HttpResponse { std::string body; };
}
Json dispatch(const Json &message);
)cpp";
}

TEST_CASE("header-validation-missing: handlers that parse and dispatch a "
          "JSON-RPC body, once per handler, at the first parse",
          "[header-validation-missing]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct McpServer {
  web::Server svr_;
  void handle_post(const web::Request &req, web::Response &res) {
    Json message = Json::parse(req.body); // expect: 20 header-validation-missing 'McpServer::handle_post')cpp" UNCHECKED R"cpp(
    if (message["method"] == "tools/list")
      res.status = 200;
    Json again = Json::parse(req.body);
  }
  void start() {
    svr_.Post("/mcp", [](const web::Request &req, web::Response &) {
      dispatch(Json::parse(req.body)); // expect: 16 header-validation-missing the request handler in 'McpServer::start')cpp" UNCHECKED R"cpp(
    });
  }
};
Json dispatch(const Json &message) { return message["jsonrpc"]; }
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("header-validation-missing: REST payloads, responses, stdio lines, "
          "and system headers are not reported",
          "[header-validation-missing]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
void rest_route(const web::Request &req, web::Response &res) {
  Json payload = Json::parse(req.body);
  res.status = payload["count"] == "1" ? 200 : 400;
}
Json client_result(const web::HttpResponse &reply) {
  Json r = Json::parse(reply.body);
  return r["jsonrpc"];
}
Json stdio_line(const std::string &line) {
  Json m = Json::parse(line);
  return m["method"];
}
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("header-validation-missing: a project that reads Mcp-Method and "
          "answers -32020 anywhere gets no finding; either alone is not "
          "enough",
          "[header-validation-missing]") {
  const std::string Handler = std::string(Prelude) + R"cpp(
void handle(const web::Request &req, web::Response &res) {
  Json m = Json::parse(req.body);
  res.status = m["method"] == "tools/call" ? 200 : 404;
}
)cpp";
  const std::string Reads = R"cpp(
bool agrees(const web::Request &req, const std::string &method) {
  return req.get_header_value("Mcp-Method") == method;
}
)cpp";
  const std::string Answers = R"cpp(
constexpr int kHeaderMismatch = -32020;
)cpp";
  auto Count = [](const std::string &Code) {
    return mcp_cutover::test::countFindings(Code, "header-validation-missing");
  };
  CHECK(Count(Handler) == 1);
  CHECK(Count(Handler + Reads) == 1);
  CHECK(Count(Handler + Answers) == 1);
  CHECK(Count(Handler + Reads + Answers) == 0);
}
