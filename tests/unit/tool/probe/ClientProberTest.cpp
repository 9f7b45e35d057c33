// The client checks on recorded requests, without a network: what each
// rule reports, once per method, and what it lets pass; and what the
// recorder answers.
#include "tool/probe/ClientProber.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;
using nlohmann::json;

namespace {
const std::string Url = "http://127.0.0.1:9/mcp";

json meta(const std::string &Version = "2026-07-28") {
  return {{"io.modelcontextprotocol/protocolVersion", Version},
          {"io.modelcontextprotocol/clientCapabilities", json::object()}};
}

/// A POST of `Message` with `Headers` (names as a client spells them).
RecordedRequest post(const json &Message,
                     std::map<std::string, std::string> Headers = {}) {
  RecordedRequest R;
  R.verb = "POST";
  R.path = "/mcp";
  for (const auto &[Name, Value] : Headers)
    R.headers[llvm::StringRef(Name).lower()] = Value;
  R.body = Message.dump();
  return R;
}

/// A tools/call as a 2026-07-28 client sends it.
RecordedRequest goodCall(const std::string &Tool = "add_item") {
  return post({{"jsonrpc", "2.0"},
               {"id", 1},
               {"method", "tools/call"},
               {"params", {{"name", Tool}, {"_meta", meta()}}}},
              {{"Mcp-Method", "tools/call"},
               {"Mcp-Name", Tool},
               {"MCP-Protocol-Version", "2026-07-28"}});
}

struct Judged {
  std::vector<std::pair<std::string, std::string>> findings;
  std::map<std::string, RuntimeCheck> checks;
};

Judged judge(const std::vector<RecordedRequest> &Requests) {
  CheckLedger Ledger({});
  judgeClient(Requests, Url, Ledger);
  ProjectResult Result;
  Ledger.finish(RuleCatalog::builtin(), clientProbeRules(), {}, {}, Result);
  Judged J;
  for (const Finding &F : Result.findings) {
    CHECK(F.span.file == Url);
    J.findings.emplace_back(F.ruleId, F.message);
  }
  for (const RuntimeCheck &C : Result.probe->checks)
    J.checks[C.rule] = C;
  return J;
}
} // namespace

TEST_CASE("a 2026-07-28 client passes every client check", "[probe]") {
  Judged J = judge({goodCall(), goodCall("checkout")});
  CHECK(J.findings.empty());
  REQUIRE(J.checks.size() == 5);
  for (const auto &[Rule, C] : J.checks) {
    INFO(Rule);
    CHECK(C.status == "passed");
  }
  CHECK(J.checks["probe-client-routing-headers"].evidence ==
        std::vector<std::string>{
            "POST tools/call (Mcp-Method: \"tools/call\", Mcp-Name: "
            "\"add_item\", MCP-Protocol-Version: \"2026-07-28\")",
            "POST tools/call (Mcp-Method: \"tools/call\", Mcp-Name: "
            "\"checkout\", MCP-Protocol-Version: \"2026-07-28\")"});
}

TEST_CASE("a header that disagrees is named with what the body says",
          "[probe]") {
  RecordedRequest Call = goodCall();
  Call.headers["mcp-method"] = "tools/list";
  Call.headers["mcp-name"] = "checkout";
  Call.headers["mcp-protocol-version"] = "2025-11-25";
  Judged J = judge({Call, Call});
  // Once per method, however often it is sent.
  REQUIRE(J.findings.size() == 1);
  CHECK(J.findings[0].first == "probe-client-routing-headers");
  CHECK(J.findings[0].second ==
        "tools/call was sent with Mcp-Method \"tools/list\", Mcp-Name "
        "\"checkout\" for \"add_item\" and MCP-Protocol-Version "
        "\"2025-11-25\" while _meta says \"2026-07-28\": gateways route on "
        "these headers, and a 2026-07-28 server refuses the request with "
        "HTTP 400 and -32020 (SEP-2243)");
}

TEST_CASE("an Mcp-Name in =?base64?...?= is compared decoded", "[probe]") {
  RecordedRequest Call = goodCall("añadir");
  // "añadir" in base64.
  Call.headers["mcp-name"] = "=?base64?YcOxYWRpcg==?=";
  CHECK(judge({Call}).findings.empty());
  Call.headers["mcp-name"] = "=?base64?Y2hlY2tvdXQ=?="; // "checkout"
  Judged J = judge({Call});
  REQUIRE(J.findings.size() == 1);
  CHECK(J.findings[0].second.rfind(
            "tools/call was sent with Mcp-Name \"=?base64?Y2hlY2tvdXQ=?=\" "
            "for \"añadir\":",
            0) == 0);
}

TEST_CASE("missing _meta fields are named; a notification needs none",
          "[probe]") {
  RecordedRequest NoCapabilities = goodCall();
  json Body = json::parse(NoCapabilities.body);
  Body["params"]["_meta"].erase("io.modelcontextprotocol/clientCapabilities");
  NoCapabilities.body = Body.dump();
  RecordedRequest Notification =
      post({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}},
           {{"Mcp-Method", "notifications/cancelled"},
            {"MCP-Protocol-Version", "2026-07-28"}});
  RecordedRequest Old = goodCall("checkout");
  Body = json::parse(Old.body);
  Body["params"]["_meta"] = meta("2025-11-25");
  Body["method"] = "prompts/list";
  Body["params"].erase("name");
  Old.body = Body.dump();
  Old.headers = {{"mcp-method", "prompts/list"},
                 {"mcp-protocol-version", "2025-11-25"}};
  Judged J = judge({NoCapabilities, Notification, Old});
  REQUIRE(J.findings.size() == 2);
  CHECK(J.findings[0] ==
        std::pair<std::string, std::string>{
            "probe-client-meta",
            "tools/call was sent without _meta "
            "io.modelcontextprotocol/clientCapabilities: a 2026-07-28 server "
            "answers it with HTTP 400 and -32602 (SEP-2575)"});
  CHECK(J.findings[1] ==
        std::pair<std::string, std::string>{
            "probe-client-meta",
            "prompts/list was sent asking for protocol version "
            "\"2025-11-25\" although the server lists 2026-07-28 in "
            "server/discover (SEP-2575)"});
}

TEST_CASE("the handshake is one item; removed methods and verbs one each",
          "[probe]") {
  RecordedRequest Initialize =
      post({{"jsonrpc", "2.0"},
            {"id", 0},
            {"method", "initialize"},
            {"params", {{"protocolVersion", "2025-11-25"}}}});
  RecordedRequest Ping =
      post({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "ping"}},
           {{"Mcp-Session-Id", "s1"}});
  RecordedRequest Get;
  Get.verb = "GET";
  Get.path = "/mcp";
  RecordedRequest Delete = Get;
  Delete.verb = "DELETE";
  Judged J = judge({Initialize, Ping, Get, Get, Delete});
  std::vector<std::string> Rules;
  for (const auto &F : J.findings)
    Rules.push_back(F.first);
  // The ping's session header goes with the ping: stop sending it.
  CHECK(Rules == std::vector<std::string>{"probe-client-initialize",
                                          "probe-client-removed-method",
                                          "probe-client-removed-method",
                                          "probe-client-removed-method"});
  CHECK(J.findings[0].second.rfind("the client opened with the legacy "
                                   "'initialize' handshake (protocolVersion "
                                   "\"2025-11-25\"):",
                                   0) == 0);
  CHECK(J.findings[3].second ==
        "the client sent DELETE to the endpoint (ending a session): "
        "2026-07-28 has no sessions to end (SEP-2575, SEP-2567)");
  // Nothing but the handshake and removed traffic: these could not run.
  CHECK(J.checks["probe-client-routing-headers"].status == "skipped");
  CHECK(J.checks["probe-client-routing-headers"].detail ==
        "the client sent no request besides the handshake");
  CHECK(J.checks["probe-client-meta"].status == "skipped");
}

TEST_CASE("what a client sends is quoted, never trusted", "[probe]") {
  RecordedRequest Call = goodCall();
  Call.headers["mcp-session-id"] = "\x1b[31mred\n";
  std::vector<RecordedRequest> Requests = {Call};
  // Not JSON, a batch with a non-object, a message without a method (an
  // answer to a server request), a method that is not a string.
  RecordedRequest Junk = post(json());
  Junk.body = "\xff{not json";
  Requests.push_back(Junk);
  Requests.push_back(post(json::array({1, goodCall().body})));
  Requests.push_back(post({{"jsonrpc", "2.0"}, {"id", 3}, {"result", {}}}));
  Requests.push_back(post({{"jsonrpc", "2.0"}, {"id", 4}, {"method", 7}}));
  Judged J = judge(Requests);
  REQUIRE(J.findings.size() == 1);
  CHECK(J.findings[0].second ==
        "tools/call was sent with Mcp-Session-Id: \"\\u001b[31mred\\n\"; a "
        "2026-07-28 client never sends one: the state it named travels in "
        "explicit handles (SEP-2567)");
}

TEST_CASE("the recorder answers as a 2026-07-28 server", "[probe]") {
  auto answer = [](const std::string &Verb, const json &Message,
                   const std::string &Path = "/mcp") {
    RecordedRequest R;
    R.verb = Verb;
    R.path = Path;
    R.body = Message.is_null() ? "" : Message.dump();
    return answerClient(R, "/mcp");
  };
  RecordedAnswer Discover = answer(
      "POST", {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "server/discover"}});
  CHECK(Discover.status == 200);
  json Body = json::parse(Discover.body);
  CHECK(Body["result"]["supportedVersions"] ==
        json{"2026-07-28", "2025-11-25"});
  CHECK(Body["result"]["ttlMs"] == 60000);
  RecordedAnswer Initialize =
      answer("POST", {{"jsonrpc", "2.0"},
                      {"id", 2},
                      {"method", "initialize"},
                      {"params", {{"protocolVersion", "2025-06-18"}}}});
  CHECK(json::parse(Initialize.body)["result"]["protocolVersion"] ==
        "2025-06-18");
  CHECK(Initialize.headers["Mcp-Session-Id"] == RecorderSessionId);
  RecordedAnswer Ping =
      answer("POST", {{"jsonrpc", "2.0"}, {"id", 3}, {"method", "ping"}});
  CHECK(Ping.status == 404);
  CHECK(json::parse(Ping.body)["error"]["code"] == -32601);
  CHECK(answer("GET", json()).status == 405);
  CHECK(answer("POST", {{"jsonrpc", "2.0"}, {"method", "notifications/x"}})
            .status == 202);
  CHECK(answer("POST", json::array()).status == 400);
  CHECK(answer("POST", json(), "/other").status == 404);
}

TEST_CASE("a verb or method with control characters is quoted", "[probe]") {
  // fuzz_client_requests found a verb of raw bytes quoted as it was.
  RecordedRequest Odd;
  Odd.verb = "PU\x1bT\n";
  Odd.path = "/mcp";
  RecordedRequest Call = post(
      {{"jsonrpc", "2.0"},
       {"id", 1},
       {"method", "tools/\ncall"},
       {"params", {{"_meta", meta()}}}},
      {{"Mcp-Method", "tools/call"}, {"MCP-Protocol-Version", "2026-07-28"}});
  Judged J = judge({Odd, Call});
  REQUIRE(J.findings.size() == 2);
  CHECK(J.findings[0].second ==
        "the client sent \"PU\\u001bT\\n\" to the endpoint: a 2026-07-28 "
        "endpoint takes POST only (SEP-2575, SEP-2567)");
  CHECK(J.findings[1].second.rfind("\"tools/\\ncall\" was sent with "
                                   "Mcp-Method \"tools/call\":",
                                   0) == 0);
  CHECK(J.checks["probe-client-removed-method"].evidence ==
        std::vector<std::string>{"\"PU\\u001bT\\n\" /mcp"});
}
