#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define RUNWAY "(client side): deprecated by MCP 2026-07-28 (SEP-2577), to be removed no earlier than the first revision on or after 2027-07-28; "
#define MRTR ": MCP 2026-07-28 has no server-to-client requests; return an InputRequiredResult with inputRequests from the request being served, and read the answer from inputResponses when the client retries it (Multi Round-Trip Requests, SEP-2322)"

TEST_CASE("server-initiated-request: a server sends sampling, elicitation "
          "and roots requests, through literals, constants and enumerators",
          "[server-initiated-request]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
struct Json {
  Json &operator[](const char *) { return *this; }
  Json &operator=(const char *) { return *this; }
};
constexpr const char *kElicit = "elicitation/create";
enum class RequestMethod { SamplingCreateMessage, RootsList, ToolsCall };
const char *to_string(RequestMethod);
struct Session {
  Json send_request(const std::string &method, const Json &params);
  Json request(RequestMethod method);
};
Json summarize(Session &session, const Json &text) {
  return session.send_request("sampling/createMessage", text); // expect: 31 server-initiated-request sends the server-initiated 'sampling/createMessage' request, which asks the client for a completion from the client's model)cpp" MRTR R"cpp(
}
Json ask(Session &session) {
  Json req;
  req["method"] = kElicit; // expect: 19 server-initiated-request builds a message with the server-initiated 'elicitation/create' request, which asks the client for input from the user)cpp" MRTR R"cpp( (through 'kElicit')
  return session.send_request(to_string(RequestMethod::ToolsCall), req);
}
Json roots(Session &session) {
  return session.send_request(to_string(RequestMethod::RootsList), Json{});
}
)cpp");
}

TEST_CASE("server-initiated-request: a client answering these requests, "
          "tables, prose, comments and system headers are not reported",
          "[server-initiated-request]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <functional>
#include <map>
#include <set>
#include <string>
struct Json {};
struct McpClient {
  std::map<std::string, std::function<Json(const Json &)>> handlers_;
  Json send_request(const std::string &method, const Json &params);
  void setup() {
    handlers_["sampling/createMessage"] = [](const Json &) { return Json{}; }; // expect: 15 deprecated-sampling registers a handler for 'sampling/createMessage' )cpp" RUNWAY R"cpp(plan to move off server-requested completions; while it stays, they arrive through Multi Round-Trip Requests (SEP-2322)
    handlers_["roots/list"] = [](const Json &) { return Json{}; }; // expect: 15 deprecated-roots registers a handler for 'roots/list' )cpp" RUNWAY R"cpp(pass the files or directories a tool needs as its arguments
  }
  void answer(const std::string &method) {
    if (method == "elicitation/create")
      send_request("elicitation/create", Json{});
  }
};
const std::set<std::string> kServerRequests = {"sampling/createMessage", "roots/list"};
void log(const char *);
void f() {
  log("roots/list is deprecated");
  // send_request("roots/list") in a comment
}
)cpp");
}
