#include "checks/utils/SessionNames.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

TEST_CASE(
    "matchSessionHeaderLiteral tells names, lists and header lines from prose",
    "[names]") {
  auto Shape = [](const char *Text) {
    return matchSessionHeaderLiteral(Text).shape;
  };
  CHECK(Shape("Mcp-Session-Id") == HeaderLiteralShape::Name);
  CHECK(Shape("  mcp-session-id ") == HeaderLiteralShape::Name);
  CHECK(Shape("Content-Type, Mcp-Session-Id, MCP-Protocol-Version") ==
        HeaderLiteralShape::List);
  CHECK(Shape("Mcp-Session-Id: %s\r\n") == HeaderLiteralShape::HeaderLine);
  CHECK(Shape("HTTP/1.1 200 OK\r\nMcp-Session-Id: abc\r\n") ==
        HeaderLiteralShape::HeaderLine);
  CHECK(Shape("Missing Mcp-Session-Id header") == HeaderLiteralShape::None);
  CHECK(Shape("{\"error\":\"Mcp-Session-Id header required\"}") ==
        HeaderLiteralShape::None);
  CHECK(Shape("X-Mcp-Session-Id") == HeaderLiteralShape::None);
  CHECK(Shape("Mcp-Session-Identity") == HeaderLiteralShape::None);
  CHECK(Shape("session_id") == HeaderLiteralShape::None);
  CHECK(matchSessionHeaderLiteral("a, MCP-SESSION-ID").spelling ==
        "MCP-SESSION-ID");
}

TEST_CASE("identifierWords splits snake, camel and acronyms", "[names]") {
  CHECK(identifierWords("m_sessionIdMap") ==
        std::vector<std::string>{"m", "session", "id", "map"});
  CHECK(identifierWords("SessionIDMap") ==
        std::vector<std::string>{"session", "id", "map"});
  CHECK(identifierWords("session_dispatchers_") ==
        std::vector<std::string>{"session", "dispatchers"});
}

TEST_CASE("namesSessionId, namesSessionStore and namesSessionType", "[names]") {
  for (const char *Yes :
       {"session_id", "sessionId", "SessionID", "sid", "m_sid", "session_key",
        "get_session_id", "sessionToken"})
    CHECK(namesSessionId(Yes));
  for (const char *No : {"session", "user_id", "request_id", "side", "sidebar",
                         "session_count", "id"})
    CHECK_FALSE(namesSessionId(No));
  for (const char *Yes : {"sessions_", "m_sessions", "session_map",
                          "by_session", "per_session_state", "sessionTable",
                          "active_sessions", "id_to_session"})
    CHECK(namesSessionStore(Yes));
  for (const char *No :
       {"session_count_", "session_dispatchers_", "users_", "session_timeout",
        "carts_", "session_state_", "SessionState", "session_data"})
    CHECK_FALSE(namesSessionStore(No));
  CHECK(namesSessionType("SessionId"));
  CHECK(namesSessionType("mcp::session_id_t"));
  CHECK(namesSessionType("std::shared_ptr<Session>"));
  CHECK_FALSE(namesSessionType("std::string"));
  CHECK_FALSE(namesSessionType("UserId"));
}
