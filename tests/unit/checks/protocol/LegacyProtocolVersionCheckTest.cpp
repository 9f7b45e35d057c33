#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define OLDER " older than 2026-07-28, and the project supports 2026-07-28 nowhere: add it as the latest version (in server/discover's supportedVersions; in each request's _meta io.modelcontextprotocol/protocolVersion and MCP-Protocol-Version header), and keep the older ones only for clients that still send initialize"

TEST_CASE("legacy-protocol-version: old revisions written as constants, JSON "
          "members, lists, comparisons and defaults",
          "[legacy-protocol-version]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
#include <vector>
struct Json {
  Json();
  Json(const char *);
  Json(std::initializer_list<Json>);
  Json &operator[](const char *);
  Json &operator=(const char *);
  std::string value(const char *key, const char *fallback) const;
};
constexpr const char *kLatestProtocolVersion = "2025-06-18"; // expect: 48 legacy-protocol-version protocol version '2025-06-18' (as 'kLatestProtocolVersion') is)cpp" OLDER R"cpp(
#define MCP_VERSION "2025-03-26" // expect: 21 legacy-protocol-version protocol version '2025-03-26' is)cpp" OLDER R"cpp(
const std::vector<std::string> supported = {"2025-06-18", "2025-03-26", "2024-11-05"}; // expect: 45 legacy-protocol-version the supported protocol versions ('2025-06-18', '2025-03-26', '2024-11-05') are all)cpp" OLDER R"cpp(
Json initializeResult() {
  return Json{{"protocolVersion", "2025-11-25"}, {"serverInfo", Json{}}}; // expect: 35 legacy-protocol-version protocol version '2025-11-25' (as 'protocolVersion') is)cpp" OLDER R"cpp(
}
Json request(const Json &params) {
  Json req;
  req["protocolVersion"] = "2024-11-05"; // expect: 28 legacy-protocol-version protocol version '2024-11-05' (as 'protocolVersion') is)cpp" OLDER R"cpp(
  std::string asked = params.value("protocolVersion", "2025-03-26"); // expect: 55 legacy-protocol-version protocol version '2025-03-26' (as 'fallback') is)cpp" OLDER R"cpp(
  if (asked == "2025-06-18") // expect: 16 legacy-protocol-version protocol version '2025-06-18' is)cpp" OLDER R"cpp(
    return Json{MCP_VERSION};
  return req;
}
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("legacy-protocol-version: JSON text literals, at the member's "
          "value, unless compared or about another date",
          "[legacy-protocol-version]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
#define EXPECT_EQ(a, b) ((a) == (b))
std::string serialize();
const char *kInitialize = R"({
  "jsonrpc": "2.0",
  "id": 1,
  "result": {
    "protocolVersion": "2025-06-18", // expect: 24 legacy-protocol-version protocol version '2025-06-18' (as 'protocolVersion' in JSON text) is)cpp" OLDER R"cpp(
    "clientInfo": {"name": "c", "version": "2025-03-26"},
    "releasedAt": "2025-11-25"
  }
})";
const char *kPrinted = "{\"protocolVersion\":\"2024-11-05\"}"; // expect: 46 legacy-protocol-version protocol version '2024-11-05' (as 'protocolVersion' in JSON text) is)cpp" OLDER R"cpp(
const char *kProse = "protocolVersion: 2025-06-18";
bool test() { return EXPECT_EQ(serialize(), R"({"protocolVersion": "2025-06-18"})"); }
)cpp", {}, {}, /*AbsenceRules=*/true);
  // "protocolVersion": "2026-07-28" in JSON text is support for it.
  CHECK(mcp_cutover::test::countFindings(R"cpp(
const char *kOld = R"({"protocolVersion": "2025-06-18"})";
const char *kNew = R"({"protocolVersion": "2026-07-28"})";
)cpp", "legacy-protocol-version") == 0);
}

TEST_CASE("legacy-protocol-version: dates named for something else, test "
          "assertions, prose, look-alikes and system headers are not "
          "reported",
          "[legacy-protocol-version]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <string>
#define EXPECT_EQ(a, b) ((a) == (b))
struct Record { std::string created_at; std::string note; };
// Supports protocol version "2025-06-18" (a comment).
const char *kChangelog = "moved to 2025-06-18 last spring";
const char *kLookAlike = "2025-06-19";
Record sample() { return Record{"2025-06-18", "hello"}; }
bool check(const std::string &version) {
  Record r;
  r.created_at = "2025-03-26";
  return EXPECT_EQ(version, "2025-11-25");
}
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("legacy-protocol-version: a project that writes 2026-07-28 anywhere "
          "gets no finding, across translation units",
          "[legacy-protocol-version]") {
  std::map<std::string, std::string> Files = {
      {mcp_cutover::test::Root + "/a.cpp",
       "const char *const kProtocolVersion = \"2025-06-18\";\n"},
      {mcp_cutover::test::Root + "/b.cpp",
       "const char *const kSupported[] = {\"2026-07-28\", \"2025-06-18\"};\n"}};
  auto Count = [](const mcp_cutover::ProjectResult &R) {
    return std::count_if(R.findings.begin(), R.findings.end(), [](auto &F) {
      return F.ruleId == "legacy-protocol-version";
    });
  };
  using namespace mcp_cutover;
  CHECK(Count(test::linkUnits(test::analyzeUnits(Files, {"a.cpp"}))) == 1);
  CHECK(Count(test::linkUnits(test::analyzeUnits(Files, {"a.cpp", "b.cpp"}))) ==
        0);
}

TEST_CASE("legacy-protocol-version: the fix-it sets the one latest-version "
          "constant, and only it",
          "[legacy-protocol-version]") {
  const std::string Code = R"cpp(
#include <string>
#include <utility>
static constexpr const char *kProtocolVersion = "2025-11-25";
const char *versionFor(int v) { return v ? "2025-06-18" : kProtocolVersion; }
std::pair<const char *, const char *> meta() {
  std::string local_version = "2025-03-26";
  return {"protocolVersion", "2024-11-05"};
}
)cpp";
  auto Run = mcp_cutover::test::runAnnotated(Code, {}, {}, true);
  std::vector<mcp_cutover::FixIt> All;
  size_t Findings = 0;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "legacy-protocol-version") {
      ++Findings;
      All.insert(All.end(), F.fixes.begin(), F.fixes.end());
    }
  CHECK(Findings == 4);
  REQUIRE(All.size() == 1);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == R"cpp(
#include <string>
#include <utility>
static constexpr const char *kProtocolVersion = "2026-07-28";
const char *versionFor(int v) { return v ? "2025-06-18" : kProtocolVersion; }
std::pair<const char *, const char *> meta() {
  std::string local_version = "2025-03-26";
  return {"protocolVersion", "2024-11-05"};
}
)cpp");
}
