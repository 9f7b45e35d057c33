#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define PING_HANDLED "a new-only server answers it with HTTP 404 and -32601; delete the handler once no old peer sends it"
#define PING_SENT "a new-only server answers it with HTTP 404 and -32601; stop sending it"
#define SET_LEVEL_HANDLED "the log level now comes with each request in _meta 'io.modelcontextprotocol/logLevel' (SEP-2577); delete the handler once no old client sends it"
#define SET_LEVEL_SENT "send the log level with each request in _meta 'io.modelcontextprotocol/logLevel' instead (SEP-2577)"
#define SUBSCRIBE_HANDLED "change notifications now flow on a subscriptions/listen stream; delete the handler once no old client sends it"
#define SUBSCRIBE_SENT "open a subscriptions/listen stream for change notifications instead"
#define ROOTS_HANDLED "roots are deprecated (SEP-2577) and their change notification is gone; delete the handler"
#define ROOTS_SENT "roots are deprecated (SEP-2577) and their change notification is gone; stop sending it"
#define ELICITATION_SENT "elicitation now completes inside Multi Round-Trip Requests (SEP-2322): the client retries the request with inputResponses; stop sending it"

TEST_CASE("removed-method: a server dispatches, registers and switches on "
          "removed methods, through literals, constants and enumerators",
          "[removed-method]") {
  CHECK_ANNOTATED(R"cpp(
#include <functional>
#include <map>
#include <string>
#include "json.h"
namespace methods {
constexpr const char *kSetLevel = "logging/setLevel";
}
enum class Method { Initialize, Ping, ResourcesSubscribe, ToolsCall };
struct Dispatcher {
  std::map<std::string, std::function<json(const json &)>> handlers_;
  void on(const std::string &method, std::function<json(const json &)> fn);
  json handle_ping(const json &);
  void setup() {
    handlers_["ping"] = [](const json &) { return json::object(); }; // expect: 15 removed-method registers a handler for the removed 'ping' request: )cpp" PING_HANDLED R"cpp(
    on("resources/unsubscribe", [](const json &) { return json(); }); // expect: 8 removed-method registers a handler for the removed 'resources/unsubscribe' request: change notifications now flow on a subscriptions/listen stream, which ends when the client closes it; delete the handler once no old client sends it
    on("tools/list", [](const json &) { return json(); });
  }
  json dispatch(const std::string &method, const json &params) {
    if (method == methods::kSetLevel) // expect: 19 removed-method dispatches on the removed 'logging/setLevel' request: )cpp" SET_LEVEL_HANDLED R"cpp( (through 'kSetLevel')
      return json();
    if (method == "ping") // expect: 19 removed-method dispatches on the removed 'ping' request: )cpp" PING_HANDLED R"cpp(
      return handle_ping(params);
    if (method == "notifications/roots/list_changed") // expect: 19 removed-method dispatches on the removed 'notifications/roots/list_changed' notification: )cpp" ROOTS_HANDLED R"cpp(
      return json();
    return json();
  }
  json dispatch(Method m) {
    switch (m) {
    case Method::Ping: // expect: 10 removed-method switches on the removed 'ping' request: )cpp" PING_HANDLED R"cpp( (through 'Method::Ping')
      return json();
    case Method::ResourcesSubscribe: // expect: 10 removed-method switches on the removed 'resources/subscribe' request: )cpp" SUBSCRIBE_HANDLED R"cpp( (through 'Method::ResourcesSubscribe')
      return json();
    default:
      return json();
    }
  }
};
)cpp",
                  {{"json.h", R"cpp(
#pragma once
#include <string>
struct json {
  static json object() { return {}; }
  json &operator[](const char *) { return *this; }
  json &operator=(const std::string &) { return *this; }
};
)cpp"}});
}

TEST_CASE("removed-method: clients that send removed methods, with the side "
          "that sends them",
          "[removed-method]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
struct Json {
  Json &operator[](const char *) { return *this; }
  Json &operator=(const char *) { return *this; }
};
struct McpClient {
  Json send_request(const std::string &method, const Json &params);
  void notify(const std::string &method);
  void ping() { send_request("ping", Json{}); } // expect: 30 removed-method sends the removed 'ping' request (client side): )cpp" PING_SENT R"cpp(
  void subscribe(const std::string &uri) {
    Json req;
    req["method"] = "resources/subscribe"; // expect: 21 removed-method builds a message with the removed 'resources/subscribe' request (client side): )cpp" SUBSCRIBE_SENT R"cpp(
    send_request("logging/setLevel", req); // expect: 18 removed-method sends the removed 'logging/setLevel' request (client side): )cpp" SET_LEVEL_SENT R"cpp(
    notify("notifications/roots/list_changed"); // expect: 12 removed-method sends the removed 'notifications/roots/list_changed' notification (client side): )cpp" ROOTS_SENT R"cpp(
  }
};
struct McpServer {
  void notify(const std::string &method);
  void finish() { notify("notifications/elicitation/complete"); } // expect: 26 removed-method sends the removed 'notifications/elicitation/complete' notification (server side): )cpp" ELICITATION_SENT R"cpp(
  void keepalive() { notify_all("ping"); } // expect: 33 removed-method sends the removed 'ping' request (server side): )cpp" PING_SENT R"cpp(
  void notify_all(const std::string &method);
};
void probe(McpClient &c) {
  // A lambda called with the method: its object is no handler.
  auto collect = [&](const std::string &key, const std::string &method) { c.send_request(method, Json{}); (void)key; };
  collect("alive", "ping"); // expect: 20 removed-method builds a message with the removed 'ping' request: )cpp" PING_SENT R"cpp(
}
const char *kPingMessage = R"({"jsonrpc": "2.0", "id": 1, "method": "ping"})"; // expect: 69 removed-method builds a message with the removed 'ping' request: )cpp" PING_SENT R"cpp(
)cpp");
}

TEST_CASE("removed-method: tables, logs, comments, prose, look-alikes, test "
          "assertions and system headers are not reported",
          "[removed-method]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <cstdio>
#include <set>
#include <string>
#define EXPECT_EQ(a, b) ((void)((a) == (b)))
// if (method == "ping") is a comment
enum class State { Ping, Subscribe };
const std::set<std::string> kKnownMethods = {"ping", "tools/list", "resources/subscribe"};
bool known(const std::string &m) { return kKnownMethods.count(m) > 0; }
void log(const char *what) { std::puts(what); }
void f(const std::string &method, State s) {
  log("ping");
  log("the client should ping the server");
  if (method == "pinged" || method == "resources/subscribed")
    return;
  EXPECT_EQ(method, "ping");
  switch (s) {
  case State::Ping:
    break;
  default:
    break;
  }
}
#define EXPECT_TRUE(e) ((void)(e))
struct Gate { bool allows(const std::string &method) const; };
struct Message { std::string method; };
std::string dump(const Message &);
Message parse(const std::string &);
bool operator==(const Message &, const Message &);
void tests(const Gate &gate) {
  EXPECT_TRUE(gate.allows("ping"));
  Message j;
  j.method = "ping"; // a round trip: only checked
  EXPECT_EQ(parse(dump(j)), j);
}
)cpp");
}

TEST_CASE("removed-method: dispatch in a template and through a macro",
          "[removed-method]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
#define PING_METHOD "ping"
template <typename Server> bool handles(const Server &, const std::string &m) {
  return m == PING_METHOD; // expect: 15 removed-method dispatches on the removed 'ping' request: )cpp" PING_HANDLED R"cpp(
}
struct S {};
bool a = handles(S{}, "x");
bool b = handles(1, "y");
)cpp");
}

TEST_CASE("removed-method: the fix-it deletes a registration that is one "
          "statement, and nothing else",
          "[removed-method][fixits]") {
  const std::string Code = R"cpp(
#include <functional>
#include <string>
struct Server {
  void on(const std::string &, std::function<void()>);
};
void setup(Server &s, const std::string &method) {
  s.on("ping", [] {});
  s.on("tools/list", [] {});
  if (method == "ping")
    return;
}
)cpp";
  auto Run = mcp_cutover::test::runAnnotated(Code);
  std::vector<mcp_cutover::FixIt> All;
  size_t Findings = 0;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "removed-method") {
      ++Findings;
      All.insert(All.end(), F.fixes.begin(), F.fixes.end());
    }
  CHECK(Findings == 2);
  REQUIRE(All.size() == 1);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == R"cpp(
#include <functional>
#include <string>
struct Server {
  void on(const std::string &, std::function<void()>);
};
void setup(Server &s, const std::string &method) {
  s.on("tools/list", [] {});
  if (method == "ping")
    return;
}
)cpp");
}
