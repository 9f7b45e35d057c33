#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define RUNWAY "deprecated by MCP 2026-07-28 (SEP-2577), to be removed no earlier than the first revision on or after 2027-07-28; "
#define LOGGING "the log level now comes with each request in _meta 'io.modelcontextprotocol/logLevel', and without it a server must not emit notifications/message"
#define ROOTS "pass the files or directories a tool needs as its arguments"
#define SAMPLING "plan to move off server-requested completions; while it stays, they arrive through Multi Round-Trip Requests (SEP-2322)"

namespace {
const char *const JsonHeader = R"cpp(
#pragma once
#include <initializer_list>
struct LoggingCapability {};
#include <string>
struct json {
  json();
  json(const char *);
  json(std::initializer_list<json>);
  static json object();
  json &operator[](const char *);
  json &operator=(const json &);
  bool contains(const char *) const;
  operator LoggingCapability() const;
};
)cpp";
} // namespace

TEST_CASE("deprecated-logging, -roots, -sampling: capabilities advertised in "
          "JSON literals, subscripts and typed fields; messages sent and "
          "answered",
          "[deprecated]") {
  CHECK_ANNOTATED(R"cpp(
#include "json.h"
#include <functional>
#include <optional>
struct ServerCapabilities {
  std::optional<LoggingCapability> logging;
  bool tools = true;
  ServerCapabilities &operator=(const ServerCapabilities &) = default;
};
struct Server {
  void send_notification(const std::string &method, const json &params);
  json capabilities() {
    return json{{"capabilities", {{"tools", json::object()}, {"logging", json::object()}}}}; // expect: 63 deprecated-logging advertises the logging capability: )cpp" RUNWAY LOGGING R"cpp(
  }
  ServerCapabilities typed() {
    ServerCapabilities caps;
    caps.logging = LoggingCapability{}; // expect: 10 deprecated-logging advertises the logging capability: )cpp" RUNWAY LOGGING R"cpp(
    return caps;
  }
  void log(const std::string &text) {
    send_notification("notifications/message", json{{"data", text.c_str()}}); // expect: 23 deprecated-logging sends 'notifications/message': )cpp" RUNWAY LOGGING R"cpp(
  }
};
struct McpClient {
  json caps;
  void on(const std::string &method, std::function<json(const json &)> fn);
  void setup() {
    caps["roots"] = json::object(); // expect: 10 deprecated-roots advertises the roots capability: )cpp" RUNWAY ROOTS R"cpp(
    json init;
    init["capabilities"]["sampling"] = json::object(); // expect: 26 deprecated-sampling advertises the sampling capability: )cpp" RUNWAY SAMPLING R"cpp(
    on("roots/list", [](const json &) { return json(); }); // expect: 8 deprecated-roots registers a handler for 'roots/list' (client side): )cpp" RUNWAY ROOTS R"cpp(
    on("sampling/createMessage", [](const json &) { return json(); }); // expect: 8 deprecated-sampling registers a handler for 'sampling/createMessage' (client side): )cpp" RUNWAY SAMPLING R"cpp(
    json client_capabilities = {{"roots", {{"listChanged", true}}}}; // expect: 34 deprecated-roots advertises the roots capability: )cpp" RUNWAY ROOTS R"cpp(
    caps["sampling"]["tools"] = json::object();
  }
  bool peer_logs(json &peer_caps, ServerCapabilities &out) {
    out.logging = peer_caps["logging"];
    return peer_caps.contains("logging");
  }
};
const char *kInitializeResult = R"({
  "protocolVersion": "2025-06-18",
  "capabilities": {
    "tools": {},
    "logging": {} // expect: 5 deprecated-logging advertises the logging capability: )cpp" RUNWAY LOGGING R"cpp(
  },
  "logging": {"level": "info"}
})";
const char *kClientInit = "{\"capabilities\":{\"roots\":{\"listChanged\":true}}}"; // expect: 47 deprecated-roots advertises the roots capability: )cpp" RUNWAY ROOTS R"cpp(
)cpp",
                  {{"json.h", JsonHeader}});
}

TEST_CASE("deprecated features: the words elsewhere, log lines, config keys, "
          "a client reading log notifications and system headers are not "
          "reported",
          "[deprecated]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include "json.h"
#include <functional>
#include <string>
struct Options { bool logging = false; int sampling = 0; };
struct McpClient {
  void on(const std::string &method, std::function<json(const json &)> fn);
  void setup(Options &o) {
    o.logging = true;
    o.sampling = 10;
    json config;
    config["logging"] = json::object();
    json settings = {{"sampling", "0.5"}, {"roots", "/tmp"}};
    on("notifications/message", [](const json &) { return json(); });
    // caps["logging"] = json::object(); in a comment
  }
};
void print(const char *);
void f() { print("logging capability is deprecated"); }
)cpp",
                  {{"json.h", JsonHeader}});
}
