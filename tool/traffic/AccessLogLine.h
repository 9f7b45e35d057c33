//===- AccessLogLine.h - One line of an HTTP access log, read -------------===//
//
// `mcp-cutover traffic` reads the access logs of the MCP endpoint as the
// proxies write them: nginx or Apache combined lines with extra key=value
// fields, JSON lines (nginx `escape=json`, Envoy, anything flat), and
// HAProxy's HTTP log with captured request headers. Each line is read into
// an `AccessLogLine` of views into the line: no allocation per line, so a
// core reads hundreds of megabytes a second.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mcp_cutover {

/// What a line can say; a bit is set in `AccessLogLine::logged` when the
/// line carries the field, even as "-" (logged, but absent from the
/// request).
enum LogField : unsigned {
  FieldTime = 1u << 0,
  FieldStatus = 1u << 1,
  FieldSessionId = 1u << 2,
  FieldMcpMethod = 1u << 3,
  FieldMcpName = 1u << 4,
  FieldProtocolVersion = 1u << 5,
  FieldUpstream = 1u << 6,
  FieldUserAgent = 1u << 7,
  FieldClientInfo = 1u << 8,
  FieldRpcMethod = 1u << 9,
  FieldPath = 1u << 10,
};

enum class LogFormat : uint8_t { Combined, Json, Haproxy };

struct AccessLogLine {
  LogFormat format = LogFormat::Combined;
  unsigned logged = 0;
  int64_t second = 0; ///< Unix time, UTC.
  int status = 0;
  std::string_view verb, path, userAgent, sessionId, mcpMethod, mcpName,
      protocolVersion, upstream, clientInfo, rpcMethod;
  /// Whether a JSON line's strings hold backslash escapes (unescape them
  /// with `unescapeLogText` before showing them).
  bool escaped = false;
};

/// Reads `Line` (no newline) into `Out`. False when the line is not an
/// access log line: no time or status where its format puts them.
bool parseAccessLogLine(std::string_view Line, AccessLogLine &Out);

/// A logged value as the request had it: "" for nginx's "-" (a header the
/// request did not send).
inline std::string_view present(std::string_view Value) {
  return Value == "-" ? std::string_view() : Value;
}

/// `Text` with JSON and nginx escapes (\" \\ \uXXXX \xHH) undone, for
/// showing a user agent or client name.
std::string unescapeLogText(std::string_view Text);

/// Unix seconds of an ISO 8601 time ("2026-11-30T13:55:36.123+01:00", "Z"
/// or no zone: UTC) or of a log time ("30/Nov/2026:13:55:36 +0100",
/// HAProxy's "30/Nov/2026:13:55:36.655" without a zone: UTC); false when
/// it is neither.
bool parseLogTime(std::string_view Text, int64_t &Second);

} // namespace mcp_cutover
