#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define NOT_ACCUMULATED "re-authorizes after an insufficient_scope challenge, and the scope it requests leaves out the scopes the client already holds: on step-up, request the union of the granted scopes and the challenged ones, so the new token does not lose earlier grants (SEP-2350, a SHOULD)"

namespace {
const char *const Prelude = R"cpp(
#include <set>
#include <string>
#include <vector>
struct Response { int status = 0; std::string www_authenticate; std::string error; };
struct Form { void add(const std::string &key, const std::string &value); };
struct Json { Json(std::initializer_list<std::pair<const char *, std::string>>); };
std::string challenged_scope(const std::string &header);
std::string join(const std::set<std::string> &scopes);
)cpp";
} // namespace

TEST_CASE("scope-not-accumulated: step-up requests that ask for the "
          "challenged scope alone",
          "[scope-not-accumulated]") {
  auto Run = mcp_cutover::test::runAnnotated(std::string(Prelude) + R"cpp(
class OAuthClient {
public:
  std::string on_forbidden(const Response &r) {
    if (r.www_authenticate.find("insufficient_scope") != std::string::npos) { // expect: 33 scope-not-accumulated )cpp" NOT_ACCUMULATED R"cpp(
      std::string scope = challenged_scope(r.www_authenticate);
      return authorization_url(scope);
    }
    return "";
  }
  Json step_up(const Response &r) {
    if (r.error != "insufficient_scope") // expect: 20 scope-not-accumulated )cpp" NOT_ACCUMULATED R"cpp(
      return Json{};
    return Json{{"response_type", "code"}, {"scope", challenged_scope(r.www_authenticate)}};
  }
  void step_up_form(const Response &r, Form &form) {
    if (r.error == STEP_UP) // expect: 20 scope-not-accumulated )cpp" NOT_ACCUMULATED R"cpp(
      form.add("scope", challenged_scope(r.www_authenticate));
  }
private:
  static constexpr const char *STEP_UP = "insufficient_scope";
  std::string authorization_url(const std::string &scope) {
    return "https://as.example/authorize?response_type=code&scope=" + scope;
  }
};
template <class Http> struct Retry {
  Http http;
  void run(const Response &r) {
    if (r.error == "insufficient_scope") // expect: 20 scope-not-accumulated )cpp" NOT_ACCUMULATED R"cpp(
      http.post("/authorize", "scope=" + challenged_scope(r.www_authenticate));
  }
};
struct FakeHttp { void post(const std::string &, const std::string &); };
template struct Retry<FakeHttp>;
)cpp");
  CHECK(Run.actual == Run.expected);
  // The related location is the scope the request asks for: here, the
  // query text two calls away from the branch.
  const mcp_cutover::Finding *First = nullptr;
  for (const mcp_cutover::Finding &F : Run.result.findings)
    if (F.ruleId == "scope-not-accumulated" && F.span.line == 14)
      First = &F;
  REQUIRE(First);
  REQUIRE(First->related.size() == 1);
  CHECK(First->related[0].span.line == 32);
  CHECK(First->related[0].span.column == 12);
  CHECK(First->related[0].message == "the scope requested here");
}

TEST_CASE("scope-not-accumulated: step-ups that keep the held scopes, "
          "challenges that re-authorize nothing, servers, tests, prose and "
          "look-alikes are not reported",
          "[scope-not-accumulated]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <algorithm>
#include <iterator>
#define EXPECT_EQ(a, b) (void)((a) == (b))
struct Token { std::string scope; };
class Client {
public:
  // A comment about insufficient_scope, and a log line mentioning it.
  void log(const std::string &) {}
  std::string with_granted(const Response &r) {
    if (r.error == "insufficient_scope")
      return "/authorize?scope=" + granted_scopes_ + " " + challenged_scope(r.www_authenticate);
    log("insufficient_scope seen; scope=" + r.error);
    return "";
  }
  std::string with_token(const Response &r) {
    if (r.error == "insufficient_scope")
      return "/authorize?scope=" + token_.scope + " " + challenged_scope(r.www_authenticate);
    return "";
  }
  std::string with_union(const Response &r, const std::set<std::string> &challenged) {
    if (r.error != "insufficient_scope")
      return "";
    std::set<std::string> wanted;
    std::set_union(held_.begin(), held_.end(), challenged.begin(), challenged.end(),
                   std::inserter(wanted, wanted.begin()));
    return "/authorize?scope=" + join(wanted);
  }
  void with_member(const Response &r, Form &form) {
    if (r.error == "insufficient_scope") {
      scopes_.insert(challenged_scope(r.www_authenticate));
      form.add("scope", join(scopes_));
    }
  }
  void gives_up(const Response &r) {
    if (r.error == "insufficient_scope")
      throw r.status;
  }
  bool look_alike(const Response &r) {
    return r.error == "insufficient_scopes_seen" && !authorization_url().empty();
  }
  void reads_the_challenge(const Response &r) {
    // The challenge's own scope="..." is read, not requested.
    if (r.www_authenticate.find("insufficient_scope") != std::string::npos)
      last_ = r.www_authenticate.substr(r.www_authenticate.find("scope=\""));
  }
private:
  std::string authorization_url() { return "/authorize?scope=" + last_; }
  std::string granted_scopes_, last_;
  Token token_;
  std::set<std::string> held_, scopes_;
};
struct ResourceServer {
  bool denies(const std::string &error) { return error == "insufficient_scope"; }
  Json challenge() { return Json{{"error", "insufficient_scope"}, {"scope", "files:write"}}; }
};
#include <oauthkit.h>
void test_step_up(Client &c) {
  Response r;
  EXPECT_EQ(r.error, "insufficient_scope");
  Form f;
  f.add("scope", "files:write");
}
)cpp",
                  {{"/virtual/sys/oauthkit.h", R"cpp(
#pragma once
#include <string>
namespace oauthkit {
inline std::string step_up(const std::string &error, const std::string &challenged) {
  if (error == "insufficient_scope")
    return "/authorize?scope=" + challenged;
  return "";
}
} // namespace oauthkit
)cpp"}});
}
