#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define OPENS(who, method) who " opens with the legacy handshake (sends '" method "'), and no client code of the project tries MCP 2026-07-28 first: ask server/discover, or send each request with _meta io.modelcontextprotocol/protocolVersion and clientCapabilities, and fall back to initialize only for a server that does not answer it (SEP-2575)"
#define HANDSHAKE_NOTES "initialize-handler sends the legacy 'initialize' request (client side): MCP 2026-07-28 removed the handshake (SEP-2575); send the protocol version and client capabilities in each request's _meta and ask server/discover for the server's capabilities"
#define HANDSHAKE_NOTIFICATION(method) "initialize-handler sends the legacy '" method "' notification (client side): it was removed with the handshake (SEP-2575); stop sending it"

namespace {
const char *Prelude = R"cpp(
#include <map>
#include <string>
struct Json {
  Json();
  Json(const char *);
  Json(std::initializer_list<Json>);
  Json &operator[](const char *);
  Json &operator=(const Json &);
  Json value(const char *, const char *) const;
};
)cpp";
}

TEST_CASE("client-initialize: one finding per function that sends the "
          "handshake, at its initialize request",
          "[client-initialize]") {
  auto Run = mcp_cutover::test::runAnnotated(std::string(Prelude) + R"cpp(
constexpr const char *kInitialize = "initialize";
struct McpClient {
  Json send_request(const std::string &method, const Json &params);
  void send_notification(const std::string &method);
  void connect() {
    send_request(kInitialize, Json{}); // expect: 18 client-initialize )cpp" OPENS("'McpClient::connect'", "initialize") R"cpp( // expect: 18 )cpp" HANDSHAKE_NOTES R"cpp( (through 'kInitialize')
    send_notification("notifications/initialized"); // expect: 23 )cpp" HANDSHAKE_NOTIFICATION("notifications/initialized") R"cpp(
  }
  void reconnect() {
    send_notification("initialized"); // expect: 23 client-initialize )cpp" OPENS("'McpClient::reconnect'", "notifications/initialized") R"cpp( // expect: 23 )cpp" HANDSHAKE_NOTIFICATION("initialized") R"cpp(
  }
};
struct McpServer {
  Json handle(const std::string &method) {
    if (method == "initialize") return Json{}; // expect: 19 initialize-handler dispatches on the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta
    return Json{};
  }
  void send_notification(const std::string &method);
  void ready() { send_notification("notifications/initialized"); }
};
)cpp", {}, {}, /*AbsenceRules=*/true);
  CHECK(Run.actual == Run.expected);
  size_t Checked = 0;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "client-initialize" && F.span.line == 18) {
      REQUIRE(F.related.size() == 1);
      CHECK(F.related[0].span.line == 19);
      CHECK(F.related[0].message == "also sends 'notifications/initialized'");
      ++Checked;
    }
  CHECK(Checked == 1);
}

#define TEXT_INIT "initialize-handler builds a message with the legacy 'initialize' request (client side): MCP 2026-07-28 removed the handshake (SEP-2575); send the protocol version and client capabilities in each request's _meta and ask server/discover for the server's capabilities"

TEST_CASE("client-initialize: a handshake written as JSON text is found at "
          "its method, unless a test compares with it",
          "[client-initialize]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
#define EXPECT_EQ(a, b) ((void)((a) == (b)))
void write_all(const std::string &);
std::string serialize();
void start_child() {
  write_all(R"({"jsonrpc":"2.0","id":0,"method":"initialize"})" "\n"); // expect: 49 client-initialize )cpp" OPENS("'start_child'", "initialize") R"cpp( // expect: 49 )cpp" TEXT_INIT R"cpp(
}
void parser_test() {
  EXPECT_EQ(serialize(), R"({"method":"initialize"})");
}
const char *kInit = R"({"jsonrpc":"2.0","id":1,"method":"initialize"})"; // expect: 57 client-initialize )cpp" OPENS("a client", "initialize") R"cpp( // expect: 57 )cpp" TEXT_INIT R"cpp(
const char *kReady = R"({"jsonrpc":"2.0","method":"notifications/initialized"})"; // expect: 51 initialize-handler builds a message with the legacy 'notifications/initialized' notification (client side): it was removed with the handshake (SEP-2575); stop sending it
)cpp", {}, {}, /*AbsenceRules=*/true);
  // A client that asks server/discover in JSON text is trying 2026-07-28.
  CHECK(mcp_cutover::test::countFindings(R"cpp(
void write_all(const char *);
void start() {
  write_all(R"({"jsonrpc":"2.0","id":0,"method":"initialize"})");
  write_all(R"({"jsonrpc":"2.0","id":1,"method":"server/discover"})");
}
)cpp", "client-initialize") == 0);
}

TEST_CASE("client-initialize: a client that asks server/discover or sends "
          "the _meta protocol version anywhere clears every finding",
          "[client-initialize]") {
  const std::string Client = std::string(Prelude) + R"cpp(
struct McpClient {
  Json send_request(const std::string &method, const Json &params);
  void connect() { send_request("initialize", Json{}); }
};
)cpp";
  auto Count = [](const std::string &Code) {
    return mcp_cutover::test::countFindings(Code, "client-initialize");
  };
  CHECK(Count(Client) == 1);
  CHECK(Count(Client + R"cpp(
Json probe(McpClient &c) { return c.send_request("server/discover", Json{}); }
)cpp") == 0);
  CHECK(Count(Client + R"cpp(
Json meta() {
  Json m;
  m["io.modelcontextprotocol/protocolVersion"] = "2026-07-28";
  return m;
}
)cpp") == 0);
  CHECK(Count(Client + R"cpp(
Json meta() { return Json{{"io.modelcontextprotocol/protocolVersion", "x"}}; }
)cpp") == 0);
  // A server reading the version, or serving discover, is no client's
  // attempt.
  CHECK(Count(Client + R"cpp(
struct Server {
  Json handle(const std::string &method, const Json &meta) {
    if (method == "server/discover") return Json{};
    return meta.value("io.modelcontextprotocol/protocolVersion", "");
  }
};
)cpp") == 1);
}

TEST_CASE("client-initialize: servers, tables, prose, comments and system "
          "headers are not reported",
          "[client-initialize]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
#include <set>
// The client sends "initialize" first.
const std::set<std::string> kHandshake = {"initialize", "notifications/initialized"};
const char *kDoc = "call initialize before anything else";
struct Session {
  bool initialized = false;
  void initialize() { initialized = true; }
};
)cpp", {}, {}, /*AbsenceRules=*/true);
}
