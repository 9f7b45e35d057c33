#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout (columns, one finding per line) is what the
// `// expect:` annotations assert, so the formatter leaves them alone.
// clang-format off

#define INIT(verb) verb " the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta"
#define INITIALIZED(verb) verb " the legacy 'notifications/initialized' notification: it was removed with the handshake; delete the handler"
#define CLIENT_INIT(verb) verb " the legacy 'initialize' request (client side): MCP 2026-07-28 removed the handshake (SEP-2575); send the protocol version and client capabilities in each request's _meta and ask server/discover for the server's capabilities"
#define CLIENT_NOTE(verb, method) verb " the legacy '" method "' notification (client side): it was removed with the handshake (SEP-2575); stop sending it"

namespace {
const char *const Prelude = R"cpp(
#include <cstring>
#include <functional>
#include <map>
#include <string>
struct Json { std::string method; };
void on_initialize(const Json &) {}
void on_initialized(const Json &) {}
using Handler = std::function<void(const Json &)>;
)cpp";
}

TEST_CASE("initialize-handler: if chains compare the method",
          "[initialize-handler]") {
  auto Run = mcp_cutover::test::runAnnotated(std::string(Prelude) + R"cpp(
void dispatch(const Json &req) {
  if (req.method == "initialize") // expect: 21 initialize-handler )cpp" INIT("dispatches on") R"cpp(
    on_initialize(req);
  else if (req.method.compare("notifications/initialized") == 0) // expect: 31 initialize-handler )cpp" INITIALIZED("dispatches on") R"cpp(
    on_initialized(req);
  else if (std::strcmp(req.method.c_str(), "initialize") == 0) // expect: 44 initialize-handler )cpp" INIT("dispatches on") R"cpp(
    on_initialize(req);
  bool handshake = req.method == "initialize"; // expect: 34 initialize-handler )cpp" INIT("dispatches on") R"cpp(
  (void)handshake;
}
)cpp");
  CHECK(Run.actual == Run.expected);
  // The handler each branch calls is the related location, at its definition.
  REQUIRE(Run.result.findings.size() == 4);
  const auto &First = Run.result.findings[0];
  REQUIRE(First.related.size() == 1);
  CHECK(First.related[0].span.file == "main.cpp");
  CHECK(First.related[0].span.line == 7);
  CHECK(First.related[0].span.column == 6);
  CHECK(First.related[0].message == "the handler 'on_initialize'");
  CHECK(Run.result.findings[1].related.at(0).message ==
        "the handler 'on_initialized'");
  CHECK(Run.result.findings[3].related.empty());
}

TEST_CASE("initialize-handler: handler maps and registration calls",
          "[initialize-handler]") {
  auto Run = mcp_cutover::test::runAnnotated(std::string(Prelude) + R"cpp(
std::map<std::string, Handler> g_handlers;
struct Router { void on(const std::string &method, Handler h); };
struct Server {
  void handle_initialize(const Json &) {}
  void register_all(Router &r);
};
void Server::register_all(Router &r) {
  g_handlers["initialize"] = [](const Json &) {}; // expect: 14 initialize-handler )cpp" INIT("registers a handler for") R"cpp(
  r.on("notifications/initialized", on_initialized); // expect: 8 initialize-handler )cpp" INITIALIZED("registers a handler for") R"cpp(
  r.on("initialize", std::bind(&Server::handle_initialize, this, std::placeholders::_1)); // expect: 8 initialize-handler )cpp" INIT("registers a handler for") R"cpp(
  g_handlers.insert({"initialize", on_initialize}); // expect: 22 initialize-handler )cpp" INIT("registers a handler for") R"cpp(
}
// A method table whose members are the methods; a flag with the same name
// holds no handler.
struct MethodTable { Handler initialize; void (*initialized)(const Json &); bool ready; };
struct Status { bool initialized = false; };
void install(MethodTable *table, Server &s, Status &status) {
  table->initialize = std::bind(&Server::handle_initialize, &s, std::placeholders::_1); // expect: 10 initialize-handler )cpp" INIT("registers a handler for") R"cpp( (through member 'initialize')
  table->initialized = on_initialized; // expect: 10 initialize-handler )cpp" INITIALIZED("registers a handler for") R"cpp( (through member 'initialized')
  status.initialized = true;
}
static const std::map<std::string, Handler> kTable = {
    {"initialize", &on_initialize}, // expect: 6 initialize-handler )cpp" INIT("registers a handler for") R"cpp(
};
)cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.findings.size() == 7);
  // The lambda, the bound member function, the functions stored in the
  // method table's members, the function named in the map.
  CHECK(Run.result.findings[0].related.at(0).span.column == 30);
  CHECK(Run.result.findings[0].related.at(0).message == "the handler");
  CHECK(Run.result.findings[2].related.at(0).message ==
        "the handler 'Server::handle_initialize'");
  CHECK(Run.result.findings[4].related.at(0).message ==
        "the handler 'Server::handle_initialize'");
  CHECK(Run.result.findings[5].related.at(0).message ==
        "the handler 'on_initialized'");
  CHECK(Run.result.findings[6].related.at(0).message ==
        "the handler 'on_initialize'");
}

TEST_CASE("initialize-handler: named constants and switch on a hash",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
constexpr const char *kInitialize = "initialize";
#define INITIALIZED_METHOD "notifications/initialized"
void viaConstant(const Json &req) {
  if (req.method == kInitialize) // expect: 21 initialize-handler )cpp" INIT("dispatches on") R"cpp( (through 'kInitialize')
    on_initialize(req);
  if (req.method == INITIALIZED_METHOD) // expect: 21 initialize-handler )cpp" INITIALIZED("dispatches on") R"cpp(
    on_initialized(req);
}
constexpr unsigned fnv(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ static_cast<unsigned char>(*s++)) * 16777619u;
  return h;
}
void viaSwitch(const char *method) {
  switch (fnv(method)) {
  case fnv("initialize"): // expect: 12 initialize-handler )cpp" INIT("switches on") R"cpp(
    break;
  default:
    break;
  }
}
)cpp");
}

TEST_CASE("initialize-handler: enums of protocol methods, in switch and if",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
enum class Method { Initialize, ToolsList, Initialized };
enum RequestKind { kInitialize, kPing };
enum class State { Initialize, Running };
void dispatch(Method m, RequestKind k, State s) {
  switch (m) {
  case Method::Initialize: // expect: 8 initialize-handler )cpp" INIT("switches on") R"cpp( (through 'Method::Initialize')
    break;
  case Method::Initialized: // expect: 8 initialize-handler )cpp" INITIALIZED("switches on") R"cpp( (through 'Method::Initialized')
    break;
  default:
    break;
  }
  if (k == kInitialize) {} // expect: 12 initialize-handler )cpp" INIT("dispatches on") R"cpp( (through 'kInitialize')
  switch (s) {
  case State::Initialize:
    break;
  default:
    break;
  }
  Method next = Method::Initialize;
  (void)next;
}
)cpp");
}

TEST_CASE("initialize-handler: a comparison kept only as a recovery "
          "expression after a missing include is still a dispatch",
          "[initialize-handler]") {
  auto Run = mcp_cutover::test::runAnnotated(std::string(Prelude) + R"cpp(
#include "session_manager_missing.h"
namespace methods { constexpr const char *INITIALIZE = "initialize"; }
void handle(const std::string &method, SessionManager &sessions) {
  if (method == methods::INITIALIZE && sessions.create(method)) {} // expect: 17 initialize-handler )cpp" INIT("dispatches on") R"cpp( (through 'INITIALIZE')
  if (sessions.valid(method) || method != methods::INITIALIZE) {} // expect: 43 initialize-handler )cpp" INIT("dispatches on") R"cpp( (through 'INITIALIZE')
  sessions.log(method, methods::INITIALIZE);
  auto copy = sessions.make(methods::INITIALIZE + 0);
}
)cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.units.size() == 1);
  CHECK(Run.result.units[0].status != mcp_cutover::UnitStatus::Complete);
}

TEST_CASE("initialize-handler: a dispatch in a template is reported once",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
template <typename Request> bool is_handshake(const Request &req) {
  return req.method == "initialize"; // expect: 24 initialize-handler )cpp" INIT("dispatches on") R"cpp(
}
bool a = is_handshake(Json{});
struct Other { std::string method; };
bool b = is_handshake(Other{});
)cpp");
}

TEST_CASE("initialize-handler: client calls that send the handshake get the "
          "client message",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <string_view>
namespace method {
inline constexpr std::string_view Initialize = "initialize";
inline constexpr std::string_view Initialized = "notifications/initialized";
}
#define INIT_METHOD "initialize"
enum class RpcMethod { Initialize, Initialized };
struct Engine {
  Json request(std::string_view method, const Json &params);
  void notify_raw(std::string_view method, const Json &params);
};
struct Request {
  static Request create(const std::string &method, const Json &params);
  static Request createWithId(const std::string &id, std::string_view method, const Json &params);
};
struct Client {
  Json send_request(const std::string &method, const Json &params);
  void send_notification(const std::string &method);
  Json call(RpcMethod m, const Json &params, std::function<void(const Json &)> done);
  Engine engine_;
  void connect() {
    send_request("initialize", Json{}); // expect: 18 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
    send_notification("notifications/initialized"); // expect: 23 initialize-handler )cpp" CLIENT_NOTE("sends", "notifications/initialized") R"cpp(
    engine_.request(method::Initialize, Json{}); // expect: 21 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp( (through 'Initialize')
    engine_.notify_raw(method::Initialized, Json{}); // expect: 24 initialize-handler )cpp" CLIENT_NOTE("sends", "notifications/initialized") R"cpp( (through 'Initialized')
    send_request(std::string(INIT_METHOD), Json{}); // expect: 30 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
    call(RpcMethod::Initialize, Json{}, [](const Json &) {}); // expect: 10 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp( (through 'RpcMethod::Initialize')
    send_notification("initialized"); // expect: 23 initialize-handler )cpp" CLIENT_NOTE("sends", "initialized") R"cpp(
    Request::create("initialize", Json{}); // expect: 21 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
    Request::createWithId("1", std::string_view{"initialize"}, Json{}); // expect: 49 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
  }
};
struct Server {
  struct Impl {
    Client *peer;
    void announce() { peer->send_notification("notifications/initialized"); }
  };
};
struct ServerTestClient {
  Client c;
  void run() { c.send_request("initialize", Json{}); } // expect: 31 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
};
template <typename Transport> void handshake(Transport &t) {
  t.send_request("initialize", Json{}); // expect: 18 initialize-handler )cpp" CLIENT_INIT("sends") R"cpp(
}
void use(Client &c) { handshake(c); }
)cpp");
}

TEST_CASE("initialize-handler: a request object or JSON text built with the "
          "handshake method gets the client message",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <initializer_list>
struct Message { std::string jsonrpc; std::string method; };
struct JsonValue {
  JsonValue(const char *);
  JsonValue(int);
  JsonValue(std::initializer_list<JsonValue>);
  JsonValue &operator[](const std::string &key);
  JsonValue &operator=(const char *);
  template <typename T> T get() const;
};
namespace Methods { constexpr const char *Initialize = "initialize"; }
struct RpcRequest { RpcRequest(int id, std::string method); };
void build(Json &raw, JsonValue &req, Message *request) {
  req["method"] = "initialize"; // expect: 19 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
  request->method = Methods::Initialize; // expect: 21 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp( (through 'Initialize')
  raw.method = "notifications/initialized"; // expect: 16 initialize-handler )cpp" CLIENT_NOTE("builds a message with", "notifications/initialized") R"cpp(
  JsonValue msg = {{"jsonrpc", "2.0"}, {"method", "initialize"}, {"id", 1}}; // expect: 51 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
  RpcRequest ctor(1, "initialize"); // expect: 22 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
  const char *wire = R"({"jsonrpc": "2.0", "method": "initialize", "id": 1})"; // expect: 54 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
  const char *note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"; // expect: 55 initialize-handler )cpp" CLIENT_NOTE("builds a message with", "notifications/initialized") R"cpp(
  const char *lines = R"json({
    "jsonrpc": "2.0",
    "method": "initialize", // expect: 15 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
    "id": 2
  })json";
  (void)msg; (void)ctor; (void)wire; (void)note; (void)lines;
}
void parser_input() {
  // A parser's test input, only read back as a message: never sent.
  JsonValue fixture = {{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}};
  auto parsed = fixture.get<Message>();
  (void)parsed;
}
)cpp");
}

TEST_CASE("initialize-handler: an SDK's typed handshake messages, tested by "
          "type in a dispatcher or built by a client",
          "[initialize-handler]") {
  auto Run = mcp_cutover::test::runAnnotated(R"cpp(
#include <variant>
namespace sdk {
struct InitializeRequest { int params = 0; };
struct InitializedNotification {};
struct InitializeResult {};
struct PingRequest {};
struct Request {
  template <typename T> bool is() const { return false; }
  template <typename T> const T &get() const { static T t; return t; }
};
void send(const InitializeRequest &);
void notify(const InitializedNotification &);
}
using namespace sdk;
void serve(const Request &request) {
  if (request.is<PingRequest>()) {
  } else if (request.is<InitializeRequest>()) { // expect: 25 initialize-handler )cpp" INIT("dispatches on") R"cpp( (through 'InitializeRequest')
    auto params = request.get<InitializeRequest>().params; // a read, not a test
    (void)params;
  }
  std::variant<InitializeRequest, PingRequest> v;
  if (std::holds_alternative<InitializedNotification>(std::variant<InitializedNotification>{})) { // expect: 30 initialize-handler )cpp" INITIALIZED("dispatches on") R"cpp( (through 'InitializedNotification')
  }
  (void)v;
  InitializeResult result; // the answer's type is not the request
  (void)result;
}
void connect() {
  InitializeRequest init; // expect: 21 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp( (through 'InitializeRequest')
  init.params = 1;
  send(init); // a copy passes the message along
  notify(InitializedNotification{}); // expect: 10 initialize-handler )cpp" CLIENT_NOTE("sends", "notifications/initialized") R"cpp( (through 'InitializedNotification')
}
// Neither a default value in a variant's constructor nor a message only
// wrapped and serialised (a serialisation test) is sent.
struct AnyNotification {
  AnyNotification() : held(InitializedNotification{}) {}
  AnyNotification(InitializedNotification n) : held(n) {}
  static AnyNotification notification(AnyNotification n) { return n; }
  std::variant<InitializedNotification, PingRequest> held;
};
void serialisation_test() {
  auto msg = AnyNotification::notification(AnyNotification(InitializedNotification{}));
  (void)msg;
}
struct ServerSession {
  void test_self() { InitializeRequest probe; (void)probe; } // a server's own
};
)cpp");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("initialize-handler: test assertions on a message's method, bare "
          "'initialized' outside a send, and JSON text compared are not "
          "findings",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace testing {
struct EqHelper {
  template <typename A, typename B>
  static bool Compare(const char *, const char *, const A &, const B &);
};
}
#define EXPECT_EQ(a, b) ::testing::EqHelper::Compare(#a, #b, a, b)
#define REQUIRE(e) do { if (!(e)) throw 0; } while (0)
std::map<std::string, std::string> parse(const std::string &wire);
std::string serialize();
void emit(const std::string &event);
Json method_not_found(const std::string &method);
void tests(const Json &parsed) {
  auto j = parse("{}");
  EXPECT_EQ(j["method"], "notifications/initialized");
  EXPECT_EQ(parsed.method, "initialize");
  REQUIRE(parsed.method == "initialize");
  EXPECT_EQ(serialize(), R"({"method": "initialize"})");
  std::string state = "initialized";
  emit("initialized");
  method_not_found("initialize");
  if (parsed.method == "initialized") {}
  // send_request("initialize", params) in a comment
  const char *prose = "call initialize first, then send notifications/initialized";
  (void)prose;
}
struct Gate { bool allows(const std::string &method) const; };
#define EXPECT_TRUE(e) ::testing::EqHelper::Compare(#e, "true", e, true)
struct Wire { Wire(const Json &); template <typename T> T get() const; };
bool operator==(const Json &, const Json &);
bool send(const Json &message);
void gate_test(const Gate &s) {
  EXPECT_TRUE(s.allows("initialize")); // a predicate asked, no message
}
void round_trip_test() {
  Json r;
  r.method = "notifications/initialized"; // only serialised and compared
  Wire j = r;
  EXPECT_EQ(j.get<Json>(), r);
}
void sent_in_an_assertion() {
  Json m;
  m.method = "initialize"; // expect: 14 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
  EXPECT_TRUE(send(m));
}
void script() {
  const char *lines =
      R"({"jsonrpc":"2.0","id":0,"method":"initialize"})" // expect: 43 initialize-handler )cpp" CLIENT_INIT("builds a message with") R"cpp(
      "\n"
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})" // expect: 36 initialize-handler )cpp" CLIENT_NOTE("builds a message with", "notifications/initialized") R"cpp(
      "\n";
  (void)lines;
}
)cpp");
}

TEST_CASE("initialize-handler: stored results, other methods and system "
          "headers are not findings",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
struct Client {
  Json send(const std::string &method, const Json &params);
};
// if (method == "initialize") in a comment
void client(Client &c, std::map<std::string, std::string> &out) {
  Json init = c.send("tools/list", Json{});
  out["initialize"] = "ok";
  std::string name = "initialize";
  if (init.method == "tools/list" || init.method == "initialized_total") {}
  vendor::Server s;
  s.handle("initialize", "x");
}
)cpp");
}
// clang-format on

TEST_CASE("initialize-handler: a client comparing with the method it sent "
          "gets the client's handshake message, not a server's dispatch",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct McpClient {
  std::string session_id_;
  std::string post(const std::string &method);
  void request(const std::string &method) {
    std::string reply = post(method);
    if (method == "initialize") // expect: 19 initialize-handler compares with the legacy 'initialize' (client side): this is the client's handshake path, removed with the handshake (SEP-2575); delete it once no old server remains
      session_id_ = reply;
  }
};
)cpp");
}
