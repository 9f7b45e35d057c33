#include "AnnotatedCode.h"

#include "tool/driver/Driver.h"

#include <catch2/catch.hpp>

// Test inputs: their layout (columns, one finding per line) is what the
// `// expect:` annotations assert, so the formatter leaves them alone.
// clang-format off

#define STATE(name, type, evidence) "'" name "' is a " type " keyed by session (" evidence "): another instance behind a round-robin load balancer will not see it; move it to shared storage keyed by an explicit handle"

TEST_CASE("session-keyed-state: by key type, by name, by key at access sites",
          "[session-keyed-state]") {
  auto Run = mcp_cutover::test::runAnnotated(R"cpp(
#include "shim.h"
#include <map>
#include <set>
#include <unordered_map>
using SessionId = std::string;
struct Cart { int items = 0; };
struct UserProfile {};
class Store {
  std::unordered_map<SessionId, Cart> carts_by_key_; // expect: 39 session-keyed-state )cpp" STATE("carts_by_key_", "std::unordered_map", "key type 'SessionId'") R"cpp(
  std::map<std::string, Cart> sessions_; // expect: 31 session-keyed-state )cpp" STATE("sessions_", "std::map", "named as a session store") R"cpp(
  std::map<std::string, Cart> carts_; // expect: 31 session-keyed-state )cpp" STATE("carts_", "std::map", "indexed by 'session_id'") R"cpp(
  std::set<std::string> active_sessions_; // expect: 25 session-keyed-state )cpp" STATE("active_sessions_", "std::set", "named as a session store, indexed by 'session_id'") R"cpp(
  std::unordered_map<std::string, UserProfile> users_by_id_;
  std::map<int, std::string> pending_by_request_id_;
  std::map<std::string, int> counters_;
public:
  void touch(const std::string &session_id, const std::string &user_id, int request_id) {
    carts_[session_id].items++;
    carts_.erase("stale");
    users_by_id_[user_id];
    pending_by_request_id_[request_id] = "x";
    counters_["hits"]++;
    active_sessions_.insert(session_id);
  }
};
static std::map<std::string, int> g_hits; // expect: 35 session-keyed-state )cpp" STATE("g_hits", "std::map", "indexed by 'req.get_header_value(\"Mcp-Session-Id\")'") R"cpp(
void hit(const shim::Request &req) {
  g_hits[req.get_header_value("Mcp-Session-Id")]++; // expect: 31 session-id-header reads the legacy session header 'Mcp-Session-Id'; MCP 2026-07-28 clients never send it: take state from an explicit handle argument instead
  static std::map<std::string, int> per_user;
  per_user[req.get_header_value("X-User")]++;
  std::map<std::string, int> local_by_session;
  local_by_session["x"] = 1;
}
)cpp");
  CHECK(Run.actual == Run.expected);
  // carts_: the session-keyed access first, then the other one, in order.
  const mcp_cutover::Finding *Carts = nullptr;
  for (const auto &F : Run.result.findings)
    if (F.message.rfind("'carts_' ", 0) == 0)
      Carts = &F;
  REQUIRE(Carts);
  REQUIRE(Carts->related.size() == 2);
  CHECK(Carts->related[0].span.line == 19);
  CHECK(Carts->related[0].span.column == 5);
  CHECK(Carts->related[0].message == "accessed with key 'session_id'");
  CHECK(Carts->related[1].span.line == 20);
  CHECK(Carts->related[1].message == "accessed with key '\"stale\"'");
}

TEST_CASE("session-keyed-state: aliases, templates, third-party and cache "
          "containers",
          "[session-keyed-state]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <string>
#include <unordered_map>
namespace tsl { template <class K, class V> class robin_map {}; }
template <class K, class V> class LruCache {};
using SessionTable = std::map<std::string, int>;
using SessionState = std::unordered_map<std::string, int>; // one session's values
struct SessionToken {};
template <typename K> class Registry {
  std::map<K, int> by_session_; // expect: 20 session-keyed-state )cpp" STATE("by_session_", "std::map", "named as a session store") R"cpp(
};
Registry<int> g_registry;
struct Server {
  SessionTable table_; // expect: 16 session-keyed-state )cpp" STATE("table_", "std::map", "type 'SessionTable'") R"cpp(
  tsl::robin_map<SessionToken, int> tokens_; // expect: 37 session-keyed-state )cpp" STATE("tokens_", "tsl::robin_map", "key type 'SessionToken'") R"cpp(
  LruCache<std::string, int> session_cache_; // expect: 30 session-keyed-state )cpp" STATE("session_cache_", "LruCache", "named as a session store") R"cpp(
  std::map<std::string, int> session_count_;
  SessionState state_;
  std::map<std::string, int> session_data_;
};
)cpp");
}

TEST_CASE("session-keyed-state: macros, system headers and locals",
          "[session-keyed-state]") {
  CHECK_ANNOTATED(R"cpp(
#include <vendor_http.h>
#include <map>
#include <string>
#define DECLARE_STORE(name) std::map<std::string, int> name
struct Server {
  DECLARE_STORE(sessions_); // expect: 17 session-keyed-state )cpp" STATE("sessions_", "std::map", "named as a session store") R"cpp(
  DECLARE_STORE(users_);
  vendor::Server upstream_;
  void f(const std::string &session_id, const std::string &user_id) {
    users_[user_id];
    std::map<std::string, int> local_sessions;
    local_sessions[session_id] = 1;
  }
};
)cpp");
}

TEST_CASE("session-keyed-state: containers held by smart pointers and optionals",
          "[session-keyed-state]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <memory>
#include <optional>
#include <string>
struct Cart {};
struct Server {
  std::shared_ptr<std::map<std::string, Cart>> carts_; // expect: 48 session-keyed-state )cpp" STATE("carts_", "std::map", "indexed by 'session_id'") R"cpp(
  std::unique_ptr<std::map<std::string, int>> hits_; // expect: 47 session-keyed-state )cpp" STATE("hits_", "std::map", "indexed by 'sid'") R"cpp(
  std::optional<std::map<std::string, int>> users_;
  std::shared_ptr<std::string> name_;
  void f(const std::string &session_id, const std::string &sid, const std::string &user) {
    (*carts_)[session_id];
    hits_->find(sid);
    users_->count(user);
  }
};
)cpp");
}

TEST_CASE("session-keyed-state: an access in another translation unit decides",
          "[session-keyed-state]") {
  using namespace mcp_cutover;
  const std::string Root = test::Root;
  std::map<std::string, std::string> Files = test::commonFiles();
  Files[Root + "/store.h"] = R"cpp(
#pragma once
#include <map>
#include <string>
struct Store { std::map<std::string, int> carts_; void add(const std::string &sid); };
)cpp";
  Files[Root + "/a.cpp"] = "#include \"store.h\"\nint a(Store &s) { return s.carts_.count(\"x\"); }\n";
  Files[Root + "/b.cpp"] = "#include \"store.h\"\nvoid Store::add(const std::string &sid) { carts_[sid]++; }\n";
  OwnershipPolicy Policy(Root, {});
  AnalysisOptions Options;
  std::vector<std::string> Args = {"-std=c++20"};
  auto A = analyzeInMemory(Files, Root + "/a.cpp", Args, Policy, Options);
  auto B = analyzeInMemory(Files, Root + "/b.cpp", Args, Policy, Options);
  ProjectResult OnlyA = linkProject({A}, RuleCatalog::builtin(), Policy, {});
  CHECK(OnlyA.findings.empty());
  ProjectResult Both = linkProject({A, B}, RuleCatalog::builtin(), Policy, {});
  REQUIRE(Both.findings.size() == 1);
  const Finding &F = Both.findings[0];
  CHECK(F.ruleId == "session-keyed-state");
  CHECK(F.span.file == "store.h");
  CHECK(F.span.line == 5);
  CHECK(F.span.column == 43);
  CHECK(F.message == STATE("carts_", "std::map", "indexed by 'sid'"));
  REQUIRE(F.related.size() == 2);
  CHECK(F.related[0].span.file == "a.cpp");
  CHECK(F.related[0].message == "accessed with key '\"x\"'");
  CHECK(F.related[1].span.file == "b.cpp");
  CHECK(F.related[1].span.column == 43);
  CHECK(F.related[1].message == "accessed with key 'sid'");
}
// clang-format on
