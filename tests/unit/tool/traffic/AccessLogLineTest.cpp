#include "tool/traffic/AccessLogLine.h"
#include "tool/traffic/TrafficAnalysis.h"
#include "tool/traffic/TrafficVerdict.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

namespace {
constexpr int64_t Nov30 = 1795996800; // 2026-11-30T00:00:00Z
}

TEST_CASE("log times read in every spelling the proxies write", "[traffic]") {
  int64_t S = 0;
  CHECK(parseLogTime("2026-11-30T13:55:36Z", S));
  CHECK(S == Nov30 + 13 * 3600 + 55 * 60 + 36);
  CHECK(parseLogTime("2026-11-30T13:55:36.123+01:00", S));
  CHECK(S == Nov30 + 12 * 3600 + 55 * 60 + 36);
  CHECK(parseLogTime("2026-11-30 13:55:36", S));
  CHECK(S == Nov30 + 13 * 3600 + 55 * 60 + 36);
  CHECK(parseLogTime("30/Nov/2026:13:55:36 -0130", S));
  CHECK(S == Nov30 + 15 * 3600 + 25 * 60 + 36);
  // HAProxy: milliseconds, no zone (UTC).
  CHECK(parseLogTime("30/Nov/2026:00:00:00.655", S));
  CHECK(S == Nov30);
  CHECK(parseLogTime("1795996800.5", S));
  CHECK(S == Nov30);
  CHECK(parseLogTime("1795996800123", S)); // milliseconds
  CHECK(S == Nov30);
  CHECK_FALSE(parseLogTime("2026-13-30T00:00:00Z", S));
  CHECK_FALSE(parseLogTime("30/Noo/2026:00:00:00 +0000", S));
  CHECK_FALSE(parseLogTime("2026-11-30T25:00:00Z", S));
  CHECK_FALSE(parseLogTime("yesterday", S));
  CHECK_FALSE(parseLogTime("", S));
}

TEST_CASE("a combined line with extras reads its MCP headers", "[traffic]") {
  AccessLogLine L;
  REQUIRE(parseAccessLogLine(
      R"(10.0.0.1 - alice [30/Nov/2026:00:00:01 +0000] "POST /mcp?x=1 HTTP/1.1" 404 12 "-" "sdk \x22q\x22/1" mcp_session_id="abc" mcp_method="-" mcp_protocol_version="2025-11-25" upstream=10.1.0.1:80 rt=0.003)",
      L));
  CHECK(L.format == LogFormat::Combined);
  CHECK(L.second == Nov30 + 1);
  CHECK(L.status == 404);
  CHECK(L.verb == "POST");
  CHECK(L.path == "/mcp?x=1");
  CHECK(L.userAgent == R"(sdk \x22q\x22/1)");
  CHECK(L.escaped);
  CHECK(unescapeLogText(L.userAgent) == "sdk \"q\"/1");
  CHECK(L.sessionId == "abc");
  CHECK(present(L.mcpMethod).empty());
  CHECK((L.logged & FieldMcpMethod) != 0);
  CHECK((L.logged & FieldMcpName) == 0);
  CHECK(L.upstream == "10.1.0.1:80");
  LegacySigns Signs = legacySigns(L);
  CHECK(Signs.sessionHeader);
  CHECK(Signs.oldProtocolVersion);
  CHECK(Signs.noMcpMethod);
  CHECK_FALSE(Signs.initialize);
}

TEST_CASE("JSON lines: nginx, Envoy and nested members", "[traffic]") {
  AccessLogLine L;
  REQUIRE(parseAccessLogLine(
      R"({"start_time":"2026-11-30T00:00:02.000Z","method":"POST","path":"/mcp","response_code":200,"headers":{"x":["}",{"a":"\""}]},"mcp_session_id":null,"Mcp-Method":"tools/call","mcp_name":"add","rpc_method":"initialize"})",
      L));
  CHECK(L.format == LogFormat::Json);
  CHECK(L.second == Nov30 + 2);
  CHECK(L.status == 200);
  CHECK(L.verb == "POST");
  CHECK(present(L.sessionId).empty());
  CHECK((L.logged & FieldSessionId) != 0);
  CHECK(L.mcpMethod == "tools/call");
  CHECK(L.mcpName == "add");
  CHECK(legacySigns(L).initialize);
  CHECK_FALSE(legacySigns(L).sessionHeader);
  // A JSON-RPC method logged as "method" is not an HTTP verb.
  REQUIRE(parseAccessLogLine(
      R"({"ts":1795996800,"status":"202","method":"notifications/initialized"})",
      L));
  CHECK(L.rpcMethod == "notifications/initialized");
  CHECK(L.verb.empty());
  CHECK(legacySigns(L).initialize);
  // Cut short, no time, or a status that is not three digits: not a line.
  CHECK_FALSE(parseAccessLogLine(R"({"time":"2026-11-30T00:00:00Z")", L));
  CHECK_FALSE(parseAccessLogLine(R"({"status":200})", L));
  CHECK_FALSE(parseAccessLogLine(
      R"({"time":"2026-11-30T00:00:00Z","status":2000})", L));
}

TEST_CASE("HAProxy lines, through syslog or not, with captures by position",
          "[traffic]") {
  AccessLogLine L;
  REQUIRE(parseAccessLogLine(
      R"(Nov 30 00:00:03 lb haproxy[7]: 10.0.0.1:4000 [30/Nov/2026:00:00:03.120] mcp be/srv2 0/0/1/2/3 503 0 - - ---- 1/1/1/1/0 0/0 {s-1|||2025-11-25|old/1} "POST /mcp HTTP/1.1")",
      L));
  CHECK(L.format == LogFormat::Haproxy);
  CHECK(L.second == Nov30 + 3);
  CHECK(L.status == 503);
  CHECK(L.upstream == "be/srv2");
  CHECK(L.sessionId == "s-1");
  CHECK(L.protocolVersion == "2025-11-25");
  CHECK(L.userAgent == "old/1");
  CHECK(L.path == "/mcp");
  REQUIRE(parseAccessLogLine(
      R"(10.0.0.1:4000 [30/Nov/2026:00:00:03.120] mcp be/srv2 0/0/1/2/3 200 0 - - ---- 1/1/1/1/0 0/0 "GET /mcp HTTP/1.1")",
      L));
  CHECK((L.logged & FieldSessionId) == 0);
  CHECK(L.verb == "GET");
  CHECK_FALSE(parseAccessLogLine("Nov 30 00:00:03 lb haproxy[7]: garbage", L));
}

TEST_CASE("a migrated request is not legacy; a version that is no date is "
          "not judged",
          "[traffic]") {
  AccessLogLine L;
  REQUIRE(parseAccessLogLine(
      R"({"time":"2026-11-30T00:00:00Z","status":200,"request":"POST /mcp HTTP/1.1","mcp_session_id":"","mcp_method":"tools/list","mcp_protocol_version":"2026-07-28"})",
      L));
  CHECK_FALSE(legacySigns(L).any());
  REQUIRE(parseAccessLogLine(
      R"({"time":"2026-11-30T00:00:00Z","status":200,"mcp_protocol_version":"draft","mcp_method":"tools/list"})",
      L));
  CHECK_FALSE(legacySigns(L).any());
}

TEST_CASE("the GA verdicts want the header logged and a quiet week",
          "[traffic]") {
  TrafficSummary S;
  S.firstSeen = Nov30 - 20 * 86400;
  S.lastSeen = Nov30;
  S.requests = 10;
  TrafficVerdict V = judgeTraffic(S, TrafficQuestion::LegacyClients);
  CHECK_FALSE(V.done);
  CHECK(V.lines == std::vector<std::string>{
                       "the access logs do not record Mcp-Session-Id: add it "
                       "('mcp-cutover traffic --print-log-format nginx', envoy "
                       "or haproxy) before this can be decided"});
  S.sessionHeaderLogged = true;
  V = judgeTraffic(S, TrafficQuestion::SessionHeaderClients);
  CHECK(V.done);
  CHECK(V.lines == std::vector<std::string>{
                       "no request carrying Mcp-Session-Id in the logs from "
                       "2026-11-10 to 2026-11-30"});
  S.legacy = 1;
  S.lastLegacy = Nov30 - 3 * 86400;
  S.clients.push_back(
      {"old\n\x1b[31m", 1, 0, *S.lastLegacy, *S.lastLegacy, {}});
  V = judgeTraffic(S, TrafficQuestion::LegacyClients);
  CHECK_FALSE(V.done);
  CHECK(V.lines ==
        std::vector<std::string>{
            "legacy requests until 2026-11-27T00:00:00Z, 3 days before the "
            "logs end (a week without is wanted)",
            R"(from 1 client: "old\n\u001b[31m" (last 2026-11-27))"});
  // The session-header question ignores clients that never sent it.
  CHECK(judgeTraffic(S, TrafficQuestion::SessionHeaderClients).done);
}
