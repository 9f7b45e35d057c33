#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout (columns, one finding per line) is what the
// `// expect:` annotations assert, so the formatter leaves them alone.
// clang-format off

#define INIT(verb) verb " the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta"
#define INITIALIZED(verb) verb " the legacy 'notifications/initialized' notification: it was removed with the handshake; delete the handler"

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
static const std::map<std::string, Handler> kTable = {
    {"initialize", &on_initialize}, // expect: 6 initialize-handler )cpp" INIT("registers a handler for") R"cpp(
};
)cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.findings.size() == 5);
  // The lambda, the bound member function, the function named in the map.
  CHECK(Run.result.findings[0].related.at(0).span.column == 30);
  CHECK(Run.result.findings[0].related.at(0).message == "the handler");
  CHECK(Run.result.findings[2].related.at(0).message ==
        "the handler 'Server::handle_initialize'");
  CHECK(Run.result.findings[4].related.at(0).message ==
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

TEST_CASE("initialize-handler: clients that send initialize, stored results, "
          "other methods and system headers are not findings",
          "[initialize-handler]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_http.h>
struct Client {
  Json send(const std::string &method, const Json &params);
  Json create_notification(const std::string &method);
};
// if (method == "initialize") in a comment
void client(Client &c, std::map<std::string, std::string> &out) {
  Json init = c.send("initialize", Json{});
  c.create_notification("notifications/initialized");
  out["initialize"] = "ok";
  std::string name = "initialize";
  if (init.method == "tools/list" || init.method == "initialized_total") {}
  vendor::Server s;
  s.handle("initialize", "x");
}
)cpp");
}
// clang-format on
