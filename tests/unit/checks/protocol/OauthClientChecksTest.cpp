#include "AnnotatedCode.h"

#include "checks/FixApplier.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define ISS "redeems an authorization code, and the project reads the authorization response's iss nowhere: compare iss with the issuer recorded for the flow before redeeming the code, and reject a response without iss when the server's metadata has authorization_response_iss_parameter_supported (RFC 9207, SEP-2468)"
#define DCR(fn) "'" fn "' builds a Dynamic Client Registration request without application_type: MCP 2026-07-28 clients must send it, 'native' for desktop, CLI and localhost clients, 'web' for remote web apps (SEP-837); Dynamic Client Registration itself is deprecated in favour of Client ID Metadata Documents"

namespace {
const char *Prelude = R"cpp(
#include <map>
#include <string>
struct Json {
  Json();
  Json(const char *);
  Json(std::initializer_list<Json>);
  Json &operator[](const char *);
  Json &operator=(const Json &);
  static Json array(std::initializer_list<Json>);
};
using Form = std::map<std::string, std::string>;
)cpp";
}

TEST_CASE("oauth-iss-unchecked: code redeemed as a JSON member, a form field "
          "and a form-encoded body",
          "[oauth-iss-unchecked]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct OAuthClient {
  Json token_request(const std::string &code) {
    return Json{{"grant_type", "authorization_code"}, {"code", code.c_str()}}; // expect: 32 oauth-iss-unchecked )cpp" ISS R"cpp(
  }
  Form token_form(const std::string &code) {
    Form f;
    f["grant_type"] = "authorization_code"; // expect: 23 oauth-iss-unchecked )cpp" ISS R"cpp(
    f["code"] = code;
    return f;
  }
  std::string token_body(const std::string &code) {
    return "grant_type=authorization_code&code=" + code; // expect: 12 oauth-iss-unchecked )cpp" ISS R"cpp(
  }
};
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("oauth-iss-unchecked: a client that reads iss anywhere, a server "
          "checking the grant type, refresh grants and prose are not "
          "reported",
          "[oauth-iss-unchecked]") {
  const std::string Redeem = std::string(Prelude) + R"cpp(
Json token_request(const std::string &code) {
  return Json{{"grant_type", "authorization_code"}, {"code", code.c_str()}};
}
)cpp";
  CHECK(mcp_cutover::test::countFindings(Redeem, "oauth-iss-unchecked") == 1);
  CHECK(mcp_cutover::test::countFindings(Redeem + R"cpp(
bool same_issuer(const Form &callback, const std::string &issuer) {
  auto it = callback.find("iss");
  return it != callback.end() && it->second == issuer;
}
)cpp", "oauth-iss-unchecked") == 0);
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
struct AuthorizationServer {
  bool redeems(const std::string &grant) { return grant == "authorization_code"; }
  Json metadata() { return Json{{"iss", "https://as.example"}}; }
};
Json refresh(const std::string &token) {
  return Json{{"grant_type", "refresh_token"}, {"refresh_token", token.c_str()}};
}
const char *kHelp = "uses the authorization_code grant";
#define EXPECT_EQ(a, b) ((a) == (b))
bool encoded(const std::string &body) {
  return EXPECT_EQ(body, "grant_type=authorization_code&code=abc");
}
)cpp", {}, {}, /*AbsenceRules=*/true);
}

TEST_CASE("dcr-application-type: a registration request without "
          "application_type, and its fix-it",
          "[dcr-application-type]") {
  const std::string Code = std::string(Prelude) + R"cpp(
Json register_client(const std::string &redirect) {
  return Json{{"client_name", "cart-cli"},
              {"redirect_uris", Json::array({redirect.c_str()})}, // expect: 16 dcr-application-type )cpp" DCR("register_client") R"cpp(
              {"grant_types", Json::array({"authorization_code"})}};
}
)cpp";
  CHECK_ANNOTATED(Code, {}, {}, /*AbsenceRules=*/false);
  auto Run = mcp_cutover::test::runAnnotated(Code);
  std::vector<mcp_cutover::FixIt> All;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "dcr-application-type")
      All.insert(All.end(), F.fixes.begin(), F.fixes.end());
  REQUIRE(All.size() == 1);
  std::string Error;
  auto Fixed = mcp_cutover::applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(Fixed->find(R"(              {"application_type", "native"}, {"redirect_uris", Json::array({redirect.c_str()})},)") != std::string::npos);
}

TEST_CASE("dcr-application-type: with application_type, a lone "
          "redirect_uris, a server echoing metadata and reads are not "
          "reported",
          "[dcr-application-type]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
Json register_native(const std::string &redirect) {
  Json r;
  r["application_type"] = "native";
  r["redirect_uris"] = Json::array({redirect.c_str()});
  r["client_name"] = "cart-cli";
  return r;
}
Json authorize_params() { return Json{{"redirect_uris", "x"}, {"state", "s"}}; }
struct RegistrationServer {
  Json answer() { return Json{{"client_id", "1"}, {"redirect_uris", "x"}, {"grant_types", "y"}}; }
};
)cpp");
}
