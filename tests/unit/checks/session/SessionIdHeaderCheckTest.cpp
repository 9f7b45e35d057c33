#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout (columns, one finding per line) is what the
// `// expect:` annotations assert, so the formatter leaves them alone.
// clang-format off

// Expected messages, spelled once. Annotations are comments: that they are
// never reported is itself tested by every case below.
#define W "writes the legacy session header 'Mcp-Session-Id' (mints or echoes a session id); MCP 2026-07-28 has no sessions: stop sending it"
#define R "reads the legacy session header 'Mcp-Session-Id'; MCP 2026-07-28 clients never send it: take state from an explicit handle argument instead"

TEST_CASE("session-id-header: cpp-httplib style reads and writes, any case",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
void mint(shim::Response &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id); // expect: 18 session-id-header )cpp" W R"cpp(
}
std::string read(const shim::Request &req) {
  if (!req.has_header("mcp-session-id")) // expect: 23 session-id-header reads the legacy session header 'mcp-session-id'; MCP 2026-07-28 clients never send it: take state from an explicit handle argument instead
    return "";
  return req.get_header_value("MCP-Session-Id"); // expect: 31 session-id-header reads the legacy session header 'MCP-Session-Id'; MCP 2026-07-28 clients never send it: take state from an explicit handle argument instead
}
)cpp");
}

TEST_CASE("session-id-header: Beast, Drogon, mongoose and hand-written maps",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <string>
struct BeastFields {
  std::string operator[](const std::string &name) const;
  void set(const std::string &name, const std::string &value);
  void erase(const std::string &name);
};
struct DrogonResponse {
  void addHeader(const std::string &key, const std::string &value);
};
int mg_http_reply(void *c, int status, const char *headers, const char *fmt, ...);
void f(BeastFields &fields, DrogonResponse &resp,
       std::map<std::string, std::string> &headers, void *conn, const char *sid) {
  std::string echoed = fields["Mcp-Session-Id"]; // expect: 31 session-id-header )cpp" R R"cpp(
  fields.set("Mcp-Session-Id", echoed); // expect: 14 session-id-header )cpp" W R"cpp(
  fields.erase("Mcp-Session-Id"); // expect: 16 session-id-header removes the legacy session header 'Mcp-Session-Id'; with no sessions this handling is dead code
  resp.addHeader("Mcp-Session-Id", echoed); // expect: 18 session-id-header )cpp" W R"cpp(
  headers["Mcp-Session-Id"] = sid; // expect: 11 session-id-header )cpp" W R"cpp(
  bool known = headers.count("Mcp-Session-Id") > 0; // expect: 30 session-id-header )cpp" R R"cpp(
  mg_http_reply(conn, 200, "Mcp-Session-Id: %s\r\n", "{}", sid); // expect: 28 session-id-header )cpp" W R"cpp(
  (void)known;
}
)cpp");
}

TEST_CASE("session-id-header: constants, string_view, macros and wide strings "
          "report the definition and each use",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
#include <string_view>
#include <vector>
#define SESSION_HEADER "Mcp-Session-Id" // expect: 9 session-id-header macro 'SESSION_HEADER' names the legacy session header 'Mcp-Session-Id'; each use is reported
constexpr std::string_view kHeaderView = "Mcp-Session-Id"; // expect: 28 session-id-header 'kHeaderView' names the legacy session header 'Mcp-Session-Id'; each use is reported
static const char kHeaderArray[] = "Mcp-Session-Id"; // expect: 19 session-id-header 'kHeaderArray' names the legacy session header 'Mcp-Session-Id'; each use is reported
const wchar_t *kWide = L"Mcp-Session-Id"; // expect: 16 session-id-header 'kWide' names the legacy session header 'Mcp-Session-Id'; each use is reported
const char *kAlias = kHeaderArray; // expect: 13 session-id-header 'kAlias' names the legacy session header 'Mcp-Session-Id'; each use is reported
void g(shim::Response &res, const shim::Request &req) {
  res.set_header(std::string(kHeaderView), "x"); // expect: 30 session-id-header )cpp" W R"cpp( (through 'kHeaderView')
  res.set_header(SESSION_HEADER, "x"); // expect: 18 session-id-header )cpp" W R"cpp( (through macro 'SESSION_HEADER')
  req.get_header_value(kAlias); // expect: 24 session-id-header )cpp" R R"cpp( (through 'kAlias')
  std::wstring w = kWide; // expect: 16 session-id-header 'w' names the legacy session header 'Mcp-Session-Id'; each use is reported
  std::vector<std::wstring> names{kWide}; // expect: 35 session-id-header uses the legacy session header name 'Mcp-Session-Id' (through 'kWide')
}
)cpp");
}

TEST_CASE("session-id-header: CORS allow and expose lists",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
void cors(shim::Response &res) {
  res.set_header("Access-Control-Allow-Headers", "Content-Type, Mcp-Session-Id"); // expect: 50 session-id-header CORS Access-Control-Allow-Headers lists the legacy session header 'Mcp-Session-Id': drop it from the list
  res.set_header("Access-Control-Expose-Headers", "mcp-session-id"); // expect: 51 session-id-header CORS Access-Control-Expose-Headers lists the legacy session header 'mcp-session-id': drop it from the list
  res.set_header("Vary", "Origin, Mcp-Session-Id"); // expect: 26 session-id-header a header list names the legacy session header 'Mcp-Session-Id': drop it from the list
  res.set_header("Access-Control-Allow-Headers", "Content-Type, Mcp-Method, Mcp-Name");
}
)cpp");
}

TEST_CASE("session-id-header: templates report once, macros at the expansion",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
template <typename Res> void echo(Res &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id); // expect: 18 session-id-header )cpp" W R"cpp(
}
void use(shim::Response &r) { echo(r, "1"); echo(r, "2"); }
#define SET_SESSION(res, id) (res).set_header("Mcp-Session-Id", id) // expect: 9 session-id-header macro 'SET_SESSION' names the legacy session header 'Mcp-Session-Id'; each use is reported
void viaMacro(shim::Response &r) { SET_SESSION(r, "x"); } // expect: 36 session-id-header )cpp" W R"cpp( (through macro 'SET_SESSION')
)cpp");
}

TEST_CASE("session-id-header: in a concatenation of literals the finding is "
          "at the piece that holds the name",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
#define CRLF "\r\n"
#define SSE_HEAD "HTTP/1.1 200 OK\r\n" "Mcp-Session-Id: " // expect: 9 session-id-header macro 'SSE_HEAD' names the legacy session header 'Mcp-Session-Id'; each use is reported
void sse(std::string &out, const std::string &id) {
  const std::string header =
      "HTTP/1.1 200 OK\r\n"
      "Content-Type: text/event-stream\r\n"
      "Mcp-Session-Id: " + id + "\r\n\r\n"; // expect: 7 session-id-header )cpp" W R"cpp(
  out = "HTTP/1.1 200 OK\r\n" "Mcp-Session-Id: " + id; // expect: 31 session-id-header )cpp" W R"cpp(
  out = "HTTP/1.1 200 OK" CRLF "Mcp-Session-Id: " + id; // expect: 32 session-id-header )cpp" W R"cpp(
  out = CRLF "mcp-session-id: " + id + CRLF; // expect: 14 session-id-header writes the legacy session header 'mcp-session-id' (mints or echoes a session id); MCP 2026-07-28 has no sessions: stop sending it
  out = SSE_HEAD + id; // expect: 9 session-id-header )cpp" W R"cpp( (through macro 'SSE_HEAD')
  std::wstring w = std::wstring(L"Accept: */*\r\n") + L"X: 1\r\n" L"Mcp-Session-Id: 1\r\n"; // expect: 67 session-id-header )cpp" W R"cpp(
  // "HTTP/1.1 200 OK\r\n" "Mcp-Session-Id: " in a comment
  out = "HTTP/1.1 400 Bad Request\r\n" "\r\n" "Missing Mcp-Session-Id header";
  out = "HTTP/1.1 200 OK\r\n" "X-Mcp-Session-Id: " + id;
  (void)header;
}
template <typename S> void reply(S &out, const std::string &id) {
  out = std::string("HTTP/1.1 200 OK\r\n"
                    "Connection: close\r\n")
      + "Cache-Control: no-cache\r\n"
        "MCP-Session-Id: " + id; // expect: 9 session-id-header writes the legacy session header 'MCP-Session-Id' (mints or echoes a session id); MCP 2026-07-28 has no sessions: stop sending it
}
void use(std::string &s) { reply(s, "1"); }
)cpp");
}

TEST_CASE("session-id-header: comments, prose, look-alike names and system "
          "headers are not findings",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
#include <vendor_http.h>
// The client echoes Mcp-Session-Id on every request.
/* res.set_header("Mcp-Session-Id", id); */
void n(shim::Response &res, const shim::Request &req) {
  res.set_header("X-Mcp-Session-Id-Hint", "1");
  res.set_header("Content-Type", "application/json");
  const char *error = "{\"error\":\"Missing Mcp-Session-Id header\"}";
  const char *note = "session expired, mcp-session-id unknown";
  std::string v = req.get_header_value("MCP-Protocol-Version");
  vendor::Server s;
  s.handle("tools/list", v);
  (void)error; (void)note;
}
)cpp");
}

TEST_CASE("session-id-header: a constant from a system header is reported "
          "where the user's code uses it",
          "[session-id-header]") {
  CHECK_ANNOTATED(R"cpp(
#include "shim.h"
#include <vendor_http.h>
std::string sid(const shim::Request &req) {
  return req.get_header_value(vendor::kSessionHeader); // expect: 31 session-id-header )cpp" R R"cpp( (through 'kSessionHeader')
}
)cpp");
}
// clang-format on

// --- Fix-its ----------------------------------------------------------------

namespace {
/// The code after applying every session-id-header fix-it, and how many
/// findings had none.
std::pair<std::string, size_t> applyHeaderFixes(const std::string &Code) {
  auto Run = mcp_cutover::test::runAnnotated(Code);
  std::vector<mcp_cutover::FixIt> All;
  size_t Without = 0;
  for (const mcp_cutover::Finding &F : Run.result.findings) {
    All.insert(All.end(), F.fixes.begin(), F.fixes.end());
    Without += F.fixes.empty();
  }
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  return {*Fixed, Without};
}
} // namespace

TEST_CASE("session-id-header fix-its: a statement that sends the header is "
          "deleted (its line too when alone on it); a list loses the entry "
          "and one comma",
          "[session-id-header][fixits]") {
  auto [Fixed, Without] = applyHeaderFixes(R"cpp(#include "shim.h"
void mint(shim::Response &res, const std::string &id) {
  res.set_header("Content-Type", "application/json");
  res.set_header("Mcp-Session-Id", id);
  res.set_header("X-A", "1"); res.set_header("mcp-session-id", id); // kept
  res.set_header("Access-Control-Allow-Headers", "Content-Type, Mcp-Session-Id, MCP-Protocol-Version");
  res.set_header("Access-Control-Allow-Headers", "Mcp-Session-Id, Content-Type");
  res.set_header("Access-Control-Expose-Headers", "Content-Type,Mcp-Session-Id");
  res.set_header("Access-Control-Expose-Headers", "Mcp-Session-Id");
}
)cpp");
  CHECK(Fixed == R"cpp(#include "shim.h"
void mint(shim::Response &res, const std::string &id) {
  res.set_header("Content-Type", "application/json");
  res.set_header("X-A", "1");  // kept
  res.set_header("Access-Control-Allow-Headers", "Content-Type, MCP-Protocol-Version");
  res.set_header("Access-Control-Allow-Headers", "Content-Type");
  res.set_header("Access-Control-Expose-Headers", "Content-Type");
}
)cpp");
  CHECK(Without == 0);
}

TEST_CASE("session-id-header fix-its: no fix where deleting or editing would "
          "change more than the header (reads, unbraced if, raw strings, "
          "macros, constants)",
          "[session-id-header][fixits]") {
  const std::string Code = R"cpp(#include "shim.h"
#define CORS "Content-Type, Mcp-Session-Id"
const char *const kHeader = "Mcp-Session-Id";
void f(shim::Response &res, const shim::Request &req, const std::string &id) {
  if (!id.empty()) res.set_header("Mcp-Session-Id", id);
  std::string s = req.get_header_value("Mcp-Session-Id");
  res.set_header("Access-Control-Allow-Headers", R"(Content-Type, Mcp-Session-Id)");
  res.set_header("Access-Control-Allow-Headers", CORS);
  bool b = (res.set_header(kHeader, id), true);
}
)cpp";
  auto [Fixed, Without] = applyHeaderFixes(Code);
  CHECK(Fixed == Code);
  CHECK(Without ==
        7); // if, read, raw, macro use and definition, constant and its use
}
