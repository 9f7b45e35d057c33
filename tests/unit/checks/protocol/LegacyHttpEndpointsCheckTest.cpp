#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define GET_MSG(path) "serves HTTP GET on the MCP endpoint '" path "' (the standalone SSE stream): MCP 2026-07-28 removed it; answer 405 Method Not Allowed and send change notifications on a subscriptions/listen POST stream"
#define DELETE_MSG(path) "serves HTTP DELETE on the MCP endpoint '" path "' (ending a session): MCP 2026-07-28 has no sessions to end; answer 405 Method Not Allowed"
#define READS "reads Last-Event-ID to resume an SSE stream: MCP 2026-07-28 removed resumption (a client re-issues its request with a new id when a stream breaks); drop the replay and the events kept for it"

namespace {
const char *const Httplib = R"cpp(
#pragma once
#include <functional>
#include <map>
#include <string>
namespace httplib {
struct Request {
  std::string get_header_value(const std::string &) const;
  std::multimap<std::string, std::string> headers;
};
struct Response { int status = 200; };
using Handler = std::function<void(const Request &, Response &)>;
struct Server {
  Server &Get(const std::string &pattern, Handler h);
  Server &Post(const std::string &pattern, Handler h);
  Server &Delete(const std::string &pattern, Handler h);
};
struct Client {
  bool Get(const std::string &path, std::function<bool(const char *, size_t)> receiver);
};
} // namespace httplib
)cpp";
} // namespace

TEST_CASE("legacy-http-endpoints: GET and DELETE on the POST endpoint, the "
          "/sse + /message pair, Last-Event-ID",
          "[legacy-http-endpoints]") {
  CHECK_ANNOTATED(R"cpp(
#include "httplib.h"
struct McpServer {
  httplib::Server svr;
  std::string mcp_endpoint_ = "/mcp";
  std::string sse_endpoint_ = "/sse";
  std::string msg_endpoint_ = "/message";
  void open_stream(const httplib::Request &req, httplib::Response &res) {
    std::string last = req.get_header_value("Last-Event-ID"); // expect: 45 legacy-http-endpoints )cpp" READS R"cpp(
    (void)last; (void)res;
  }
  void start() {
    svr.Post(mcp_endpoint_.c_str(), [](const httplib::Request &, httplib::Response &) {});
    svr.Get(mcp_endpoint_.c_str(), [this](const httplib::Request &q, httplib::Response &s) { open_stream(q, s); }); // expect: 9 legacy-http-endpoints )cpp" GET_MSG("mcp_endpoint_") R"cpp(
    svr.Delete(mcp_endpoint_, [](const httplib::Request &, httplib::Response &) {}); // expect: 9 legacy-http-endpoints )cpp" DELETE_MSG("mcp_endpoint_") R"cpp(
    svr.Post(msg_endpoint_, [](const httplib::Request &, httplib::Response &) {});
    svr.Get(sse_endpoint_, [](const httplib::Request &, httplib::Response &) {}); // expect: 9 legacy-http-endpoints serves the 2024-11-05 HTTP+SSE transport's event stream 'sse_endpoint_' beside its POST endpoint 'msg_endpoint_': the transport is deprecated; serve Streamable HTTP, POST on one endpoint
  }
};
)cpp",
                  {{"httplib.h", Httplib}});
}

TEST_CASE("legacy-http-endpoints: 405 answers, route tables, clients, other "
          "paths, prose and comments are not reported",
          "[legacy-http-endpoints]") {
  CHECK_ANNOTATED(R"cpp(
#include "httplib.h"
#include <vector>
struct Route { std::string method, path; httplib::Handler handler; };
void serve(httplib::Server &svr, const std::vector<Route> &routes) {
  svr.Post("/mcp", [](const httplib::Request &, httplib::Response &) {});
  svr.Get("/mcp", [](const httplib::Request &, httplib::Response &res) { res.status = 405; });
  svr.Delete("/mcp", [](const httplib::Request &, httplib::Response &res) { res.status = 405; });
  svr.Get("/health", [](const httplib::Request &, httplib::Response &) {});
  for (const Route &r : routes) {
    httplib::Handler handler = r.handler;
    if (r.method == "GET")
      svr.Get(r.path, handler);
    else
      svr.Post(r.path, handler);
  }
  // svr.Get("/mcp", stream) was the 2025 way; Last-Event-ID resumed it.
  const char *doc = "clients used to send Last-Event-ID";
  (void)doc;
}
void listen(httplib::Client &cli) {
  cli.Get("/sse", [](const char *, size_t) { return true; });
}
)cpp",
                  {{"httplib.h", Httplib}});
}

TEST_CASE("legacy-http-endpoints: a client that resumes with Last-Event-ID",
          "[legacy-http-endpoints]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <string>
void resume(std::multimap<std::string, std::string> &headers, const std::string &last) {
  headers.emplace("last-event-id", last); // expect: 19 legacy-http-endpoints sends Last-Event-ID to resume an SSE stream (client side): MCP 2026-07-28 servers ignore it; when a stream breaks, re-issue the request with a new id
}
)cpp");
}
