//===- AstRobustnessTest.cpp - Checks on AST shapes that once crashed -----===//
//
// Each case is code clang parses cleanly; every check must walk it without
// reading an argument, initializer or literal that is not there, and the
// unit must come out complete with exactly its annotated findings.
//
//===----------------------------------------------------------------------===//
#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

// Test inputs: their layout (columns, one finding per line) is what the
// `// expect:` annotations assert, so the formatter leaves them alone.
// clang-format off

namespace {
void requireComplete(const test::AnnotatedRun &Run) {
  REQUIRE(Run.result.units.size() == 1);
  CHECK(Run.result.units[0].firstError == "");
  CHECK(Run.result.units[0].status == UnitStatus::Complete);
  CHECK(Run.actual == Run.expected);
}
} // namespace

// Issue 17's reproducer: libstdc++'s chrono literals are literal operator
// templates, so `5s` is a UserDefinedLiteral call with no argument, and
// the default argument `30s` is another one behind a CXXDefaultArgExpr.
TEST_CASE("a chrono literal argument beside a method constant",
          "[robustness][initialize-handler]") {
  auto Run = test::runAnnotated(R"cpp(
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
using namespace std::chrono_literals;
namespace mcp {
inline constexpr std::string_view method_initialize = "initialize";
struct Session {
  std::future<int> send_request(std::string method, int payload,
                                std::chrono::milliseconds timeout = 30s);
};
} // namespace mcp
void client() {
  auto session = std::make_unique<mcp::Session>();
  auto f = session->send_request(std::string{mcp::method_initialize}, 1, 5s); // expect: 46 initialize-handler sends the legacy 'initialize' request (client side): MCP 2026-07-28 removed the handshake (SEP-2575); send the protocol version and client capabilities in each request's _meta and ask server/discover for the server's capabilities (through 'method_initialize')
  auto g = session->send_request(std::string{mcp::method_initialize}, 2); // expect: 46 initialize-handler sends the legacy 'initialize' request (client side): MCP 2026-07-28 removed the handshake (SEP-2575); send the protocol version and client capabilities in each request's _meta and ask server/discover for the server's capabilities (through 'method_initialize')
}
bool is_handshake(std::string_view m) {
  return m == mcp::method_initialize; // expect: 15 initialize-handler dispatches on the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta (through 'method_initialize')
}
)cpp");
  requireComplete(Run);
}

TEST_CASE("raw and template literal operators in calls, schemas and codes",
          "[robustness]") {
  auto Run = test::runAnnotated(R"cpp(
#include <cstddef>
#include <functional>
#include <string>
struct Millis { unsigned long long n; };
Millis operator""_raw(const char *digits);
template <char... Digits> constexpr Millis operator""_tpl() { return {sizeof...(Digits)}; }
template <char... Digits> constexpr int operator""_code() { return -32002; }
using Handler = std::function<void()>;
struct Router {
  void on(const std::string &method, Millis timeout);
  void on(const std::string &method, Millis timeout, Handler h);
};
void wire(Router &r) {
  r.on("initialize", 12_raw);
  r.on("initialize", 34_tpl);
  r.on("initialize", 56_tpl, [] {}); // expect: 8 initialize-handler registers a handler for the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta
}
// A resource-not-found code written through a literal operator template:
// no literal to renumber, so nothing is reported.
const int kResourceNotFound = 1_code;
)cpp");
  requireComplete(Run);
}

// Code that does not compile still reaches the checks: clang keeps calls
// with a RecoveryExpr in place of an argument it could not resolve, and
// templates keep dependent calls and literals. Nothing may be read that is
// not there; the unit is incomplete and keeps what can be told.
TEST_CASE("recovery expressions, dependent calls and literals in templates",
          "[robustness]") {
  auto Run = test::runAnnotated(R"cpp(
#include <chrono>
#include <functional>
#include <string>
using namespace std::chrono_literals;
using Handler = std::function<void()>;
struct Router {
  void on(const std::string &method, Handler h);
  void on(const std::string &method, std::chrono::seconds t, Handler h);
};
void wire(Router &r) {
  r.on("initialize", undeclared_handler);
  r.on("initialize", 5s, undeclared_factory(3s));
  r.on("notifications/initialized", 1s, [] {}); // expect: 8 initialize-handler registers a handler for the legacy 'notifications/initialized' notification: it was removed with the handshake; delete the handler
}
template <typename R, typename T> void wire_later(R &r, T timeout) {
  r.on("initialize", timeout + 2s, [] {}); // expect: 8 initialize-handler registers a handler for the legacy 'initialize' request: MCP 2026-07-28 removed the handshake; serve server/discover and read the protocol version and client capabilities from each request's _meta
  r.on(T::method, 3s, typename T::handler{});
}
)cpp");
  REQUIRE(Run.result.units.size() == 1);
  CHECK(Run.result.units[0].status == UnitStatus::Incomplete);
  CHECK(Run.result.units[0].firstError ==
        "main.cpp:12:22: use of undeclared identifier 'undeclared_handler'");
  CHECK(Run.actual == Run.expected);
}
