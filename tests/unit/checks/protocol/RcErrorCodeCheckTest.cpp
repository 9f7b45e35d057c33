#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define MISMATCH "error code -32001 is the release candidate's number for HeaderMismatch; MCP 2026-07-28 final uses -32020"
#define CAPABILITY "error code -32003 is the release candidate's number for MissingRequiredClientCapability; MCP 2026-07-28 final uses -32021"
#define VERSION "error code -32004 is the release candidate's number for UnsupportedProtocolVersion; MCP 2026-07-28 final uses -32022"
#define NOT_FOUND "error code -32002 is the release candidate's number for resource not found; MCP 2026-07-28 final uses -32602"

TEST_CASE("rc-error-code: numbers named for their meaning, by enum, "
          "constant, field or message",
          "[rc-error-code]") {
  CHECK_ANNOTATED(R"cpp(
#include <string>
enum class ErrorCode {
  HeaderMismatch = -32001, // expect: 20 rc-error-code )cpp" MISMATCH R"cpp(
  MissingClientCapability = -32003, // expect: 29 rc-error-code )cpp" CAPABILITY R"cpp(
  ServerBusy = -32001,
};
constexpr int kUnsupportedProtocolVersion = -32004; // expect: 45 rc-error-code )cpp" VERSION R"cpp(
struct Codes { int resource_not_found = -32002; }; // expect: 41 rc-error-code )cpp" NOT_FOUND R"cpp(
void reply(int code, const std::string &message);
void f() {
  reply(-32001, "Mcp-Method header does not match the body"); // expect: 9 rc-error-code )cpp" MISMATCH R"cpp(
  reply(-32001, "rate limited");
  reply(-32004, "try later");
  reply(-32602, "unsupported protocol version");
  int timeout = -32001;
  (void)timeout;
  // reply(-32001, "header mismatch"); is a comment, not code
}
)cpp");
}

TEST_CASE("rc-error-code: templates are reported once; system headers and "
          "their uses never",
          "[rc-error-code]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <string>
void reply(int code, const std::string &message);
template <typename T> void reject(T) {
  reply(-32004, "unsupported protocol version"); // expect: 9 rc-error-code )cpp" VERSION R"cpp(
}
void g() {
  reject(1);
  reject(2.0);
  reply(static_cast<int>(vendor::Error::HeaderMismatch), "from the vendor");
}
)cpp");
}

TEST_CASE("rc-error-code: the fix-it writes the final number, except in a "
          "macro",
          "[rc-error-code][fixits]") {
  const std::string Code = R"cpp(
#define HEADER_MISMATCH -32001
enum Err { HeaderMismatch = -32001, VersionUnsupported = (-32004) };
int mismatch = HEADER_MISMATCH;
)cpp";
  auto Run = mcp_cutover::test::runAnnotated(Code);
  std::vector<mcp_cutover::FixIt> All;
  size_t Findings = 0;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "rc-error-code") {
      ++Findings;
      All.insert(All.end(), F.fixes.begin(), F.fixes.end());
    }
  CHECK(Findings == 3);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == R"cpp(
#define HEADER_MISMATCH -32001
enum Err { HeaderMismatch = -32020, VersionUnsupported = (-32022) };
int mismatch = HEADER_MISMATCH;
)cpp");
}

// Issue 19: renumbering ResourceNotFound to -32602 would make it equal to
// InvalidParams, and `case ResourceNotFound:` a duplicate case value.
TEST_CASE("rc-error-code: no fix-it that duplicates an enumerator's value; "
          "the message says what to do instead",
          "[rc-error-code][fixits]") {
  auto Run = mcp_cutover::test::runAnnotated(R"cpp(
#include <cstdint>
enum class McpErrorCode : int32_t {
  InvalidParams = -32602,
  InternalError = -32603,
  ResourceNotFound = -32002, // expect: 22 rc-error-code error code -32002 is the release candidate's number for resource not found; MCP 2026-07-28 final uses -32602; the enumeration already has 'InvalidParams' = -32602: remove 'ResourceNotFound' and use 'InvalidParams' where it is sent, or map it to -32602 where the response is built
  HeaderMismatch = -32001, // expect: 20 rc-error-code error code -32001 is the release candidate's number for HeaderMismatch; MCP 2026-07-28 final uses -32020
};
bool isKnown(int64_t code) {
  switch (code) {
  case static_cast<int64_t>(McpErrorCode::InvalidParams):
  case static_cast<int64_t>(McpErrorCode::InternalError):
  case static_cast<int64_t>(McpErrorCode::ResourceNotFound):
    return true;
  default:
    return false;
  }
}
)cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.findings.size() == 2);
  CHECK(Run.result.findings[0].fixes.empty());
  REQUIRE(Run.result.findings[1].fixes.size() == 1);
  CHECK(Run.result.findings[1].fixes[0].replacement == "-32020");
}
