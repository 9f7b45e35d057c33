#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define TAIL ": state that lives as long as sessions do (MCP-only Redis). Delete it in GA week, but only after every tool that needs state takes an explicit handle and keeps the state under it (SEP-2567)"

namespace {
const char *const Prelude = R"cpp(
#include <memory>
#include <optional>
#include <string>
struct redisContext;
struct redisAsyncContext;
void *redisCommand(redisContext *c, const char *format, ...);
int redisAsyncCommand(redisAsyncContext *ac, void (*fn)(), void *data, const char *format, ...);
namespace sw::redis {
struct Redis {
  std::optional<std::string> get(const std::string &key);
  void set(const std::string &key, const std::string &value);
  long long del(const std::string &key);
};
} // namespace sw::redis
namespace cpp_redis {
struct client { client &hset(const std::string &key, const std::string &field, const std::string &value); };
} // namespace cpp_redis
struct RedisStore { void put(const std::string &key, const std::string &value); };
void redis_hset(const std::string &key, const std::string &value);
void redisplay(const std::string &what);
struct Cache { void put(const std::string &key, const std::string &value); };
)cpp";

// A Redis helper installed as a system header: its own session keys are
// not the user's to delete.
const char *const VendorRedis = R"cpp(
#pragma once
#include <string>
void *redisCommand(struct redisContext *c, const char *format, ...);
inline void vendor_touch(struct redisContext *c, const std::string &session_id) {
  redisCommand(c, "EXPIRE mcp:session:%s 60", session_id.c_str());
}
)cpp";
} // namespace

TEST_CASE("mcp-only-redis: hiredis, redis-plus-plus, cpp_redis and any "
          "client named for Redis, keyed by a session id",
          "[mcp-only-redis]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_redis.h>
#define SESSION_KEY(s) ("mcp:session:" + (s))
class Sessions {
public:
  void save(redisContext *ctx, const std::string &sid, const std::string &cart) {
    redisCommand(ctx, "HSET mcp:session:%s cart %s", sid.c_str(), cart.c_str()); // expect: 5 mcp-only-redis 'redisCommand' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  void by_format(redisContext *ctx, const std::string &id) {
    redisCommand(ctx, "SET session:%s 1", id.c_str()); // expect: 5 mcp-only-redis 'redisCommand' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  void async(redisAsyncContext *ac, const std::string &session_id) {
    redisAsyncCommand(ac, nullptr, nullptr, "DEL %s", session_id.c_str()); // expect: 5 mcp-only-redis 'redisAsyncCommand' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  void plus_plus(const std::string &session_id) {
    std::string key = "mcp:session:" + session_id;
    redis_->set(key, "{}"); // expect: 5 mcp-only-redis 'redis_.set' keys Redis by the session id)cpp" TAIL R"cpp(
    cluster.del(SESSION_KEY(session_id)); // expect: 5 mcp-only-redis 'cluster.del' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  void cpp_redis_client(const std::string &sessionId) {
    client_.hset("sessions", sessionId, "{}"); // expect: 5 mcp-only-redis 'client_.hset' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  void own_store(RedisStore &store, const std::string &mcp_session_id) {
    store.put(mcp_session_id, "{}"); // expect: 5 mcp-only-redis 'store.put' keys Redis by the session id)cpp" TAIL R"cpp(
    redis_hset(mcp_session_id, "{}"); // expect: 5 mcp-only-redis 'redis_hset' keys Redis by the session id)cpp" TAIL R"cpp(
  }
  std::unique_ptr<sw::redis::Redis> redis_;
  sw::redis::Redis cluster;
  cpp_redis::client client_;
};
)cpp",
                  {{"/virtual/sys/vendor_redis.h", VendorRedis}});
}

TEST_CASE("mcp-only-redis: handle keys, other stores, look-alikes, prose and "
          "comments are not reported; a template once",
          "[mcp-only-redis]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
// redisCommand(ctx, "SET mcp:session:%s", session_id) in a comment.
const char *kDoc = "redis keeps one session per client";
void basket(std::shared_ptr<sw::redis::Redis> redis, const std::string &basket_id) {
  redis->set("basket:" + basket_id, "{}");
  redisCommand(nullptr, "HGETALL basket:%s", basket_id.c_str());
}
void other_store(Cache &cache, const std::string &session_id) {
  cache.put(session_id, "{}");
  redisplay(session_id);
}
template <typename Store> void save(Store &s, const std::string &session_id) {
  s.set("mcp:session:" + session_id, "{}"); // expect: 3 mcp-only-redis 's.set' keys Redis by the session id)cpp" TAIL R"cpp(
}
void both(sw::redis::Redis &a, sw::redis::Redis &b, const std::string &sid) {
  save(a, sid);
  save(b, sid);
}
)cpp");
}

TEST_CASE("mcp-only-redis names the tools that still keep state without a "
          "handle",
          "[mcp-only-redis]") {
  CHECK_ANNOTATED(
      R"cpp(// clang-format off
#include "mini_sdk.h"
#include <string>
#include <vector>
void *redisCommand(struct redisContext *c, const char *format, ...);
std::vector<int> g_history;
fastmcpp::Json remember(const fastmcpp::Json &a) { g_history.push_back(a.at("v")); return {}; }
void drop(redisContext *ctx, const std::string &session_id) {
  redisCommand(ctx, "DEL mcp:session:%s", session_id.c_str()); // expect: 3 mcp-only-redis 'redisCommand' keys Redis by the session id)cpp" TAIL R"cpp(; still without one: 'remember'
}
void install(fastmcpp::FastMCP &app) {
  fastmcpp::Json schema;
  schema["type"] = "object";
  schema["properties"]["v"]["type"] = "integer";
  schema["required"].push_back("v");
  app.tool("remember", schema, remember); // expect: 12 session-bound-tool tool 'remember' writes 'g_history' (main.cpp:7): consecutive calls may land on different instances; state must move behind a handle // expect: 24 tool-missing-handle tool 'remember' depends on 'g_history' across calls but its inputSchema has no handle; add a required string argument such as 'history_id' and keep the state in shared storage under it
}
)cpp",
      {{"mini_sdk.h",
        mcp_cutover::test::readFile(std::string(MCP_CUTOVER_SOURCE_DIR) +
                                    "/fixtures/sdk-styles/mini_sdk.h")}});
}

TEST_CASE("mcp-only-redis: a store wrapper is reported when every call of it "
          "passes a session id, directly or through a caller's parameter",
          "[mcp-only-redis]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
class SessionStore {
public:
  std::optional<std::string> load(const std::string &key) {
    std::string full = "mcp:" + key;
    return redis_.get(full); // expect: 12 mcp-only-redis 'redis_.get' in 'SessionStore::load' keys Redis by its parameter 'key', and every call of it passes a session id (2 call sites give the id))cpp" TAIL R"cpp(
  }
  void save(const std::string &key, const std::string &value) {
    redis_.set(key, value);
  }
  void drop(redisContext *ctx, const std::string &key) {
    redisCommand(ctx, "DEL %s", key.c_str()); // expect: 5 mcp-only-redis 'redisCommand' in 'SessionStore::drop' keys Redis by its parameter 'key', and every call of it passes a session id (1 call site gives the id))cpp" TAIL R"cpp(
  }
  void unused(const std::string &key) { redis_.del(key); }
  void keep(const std::string &name, const std::string &value) { redis_.set("config:" + name, value); }
private:
  sw::redis::Redis redis_;
};
std::string current_session_id();
void handle(SessionStore &s, const std::string &session_id, const std::string &basket_id) {
  s.load(session_id);
  s.save(session_id, "{}");
  s.save(basket_id, "{}");
  s.keep("theme", session_id);
}
void end(SessionStore &s, redisContext *ctx, const std::string &who) { s.drop(ctx, who); }
void finish(SessionStore &s, redisContext *c) {
  s.load(current_session_id());
  end(s, c, current_session_id());
}
)cpp");
}

TEST_CASE("mcp-only-redis: a store wrapper's calls are joined across "
          "translation units; one call with another key keeps it",
          "[mcp-only-redis]") {
  using namespace mcp_cutover;
  const std::string Root = test::Root;
  std::map<std::string, std::string> Files = test::commonFiles();
  Files[Root + "/store.h"] = std::string(Prelude) + R"cpp(#pragma once
class CartStore {
public:
  std::optional<std::string> get(const std::string &key);
private:
  sw::redis::Redis redis_;
};
)cpp";
  Files[Root + "/store.cpp"] = R"cpp(#include "store.h"
std::optional<std::string> CartStore::get(const std::string &key) {
  return redis_.get("cart:" + key);
}
)cpp";
  Files[Root + "/server.cpp"] = R"cpp(#include "store.h"
std::string cart(CartStore &s, const std::string &session_id) { return *s.get(session_id); }
)cpp";
  Files[Root + "/admin.cpp"] = R"cpp(#include "store.h"
std::string audit(CartStore &s) { return *s.get("audit"); }
)cpp";
  auto sites = [](const ProjectResult &R) {
    std::vector<std::string> Out;
    for (const Finding &F : R.findings)
      if (F.ruleId == "mcp-only-redis") {
        Out.push_back(F.span.file + ":" + std::to_string(F.span.line) + ":" +
                      std::to_string(F.span.column) + " " + F.message);
        for (const RelatedLocation &L : F.related)
          Out.push_back("  " + L.span.file + ":" + std::to_string(L.span.line) +
                        ":" + std::to_string(L.span.column) + " " + L.message);
      }
    return Out;
  };
  ProjectResult Sessions =
      test::linkUnits(test::analyzeUnits(Files, {"store.cpp", "server.cpp"}));
  CHECK(sites(Sessions) ==
        std::vector<std::string>{
            "store.cpp:3:10 'redis_.get' in 'CartStore::get' keys Redis by its parameter 'key', and every call of it passes a session id (1 call site gives the id)" TAIL,
            "  server.cpp:2:73 called with a session id"});
  ProjectResult Mixed = test::linkUnits(
      test::analyzeUnits(Files, {"store.cpp", "server.cpp", "admin.cpp"}));
  CHECK(sites(Mixed).empty());
}

TEST_CASE("mcp-only-redis: a store wrapper with a caller that may pass "
          "something else is not reported; forwarders calling twice, "
          "Redis-named free functions and async calls are",
          "[mcp-only-redis]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
class Store {
public:
  std::optional<std::string> load(const std::string &key) { return redis_.get(key); }
  std::optional<std::string> peek(const std::string &key) { return redis_.get(key); }
  std::optional<std::string> scan(const std::string &key) { return redis_.get(key); }
  std::optional<std::string> twice(const std::string &key) {
    return redis_.get(key); // expect: 12 mcp-only-redis 'redis_.get' in 'Store::twice' keys Redis by its parameter 'key', and every call of it passes a session id (1 call site gives the id))cpp" TAIL R"cpp(
  }
private:
  sw::redis::Redis redis_;
};
void redis_get(const std::string &key, int db);
void fetch(const std::string &key) {
  redis_get(key, 0); // expect: 3 mcp-only-redis 'redis_get' in 'fetch' keys Redis by its parameter 'key', and every call of it passes a session id (1 call site gives the id))cpp" TAIL R"cpp(
}
void later(redisAsyncContext *ac, const std::string &key) {
  redisAsyncCommand(ac, nullptr, nullptr, "GET %s", key.c_str()); // expect: 3 mcp-only-redis 'redisAsyncCommand' in 'later' keys Redis by its parameter 'key', and every call of it passes a session id (1 call site gives the id))cpp" TAIL R"cpp(
}
void by_name(Store &s, Store &redis_cache, const std::string &session_id) {
  s.load(session_id);
  redis_cache.load("config");
}
void relay(Store &s, std::string id) {
  id = "global";
  s.peek(id);
}
#define BOTH(a, b) do { s.scan(a); s.scan(b); } while (0)
void both(Store &s, const std::string &session_id) { BOTH(session_id, "global"); }
void forward(Store &s, const std::string &key, bool fresh) {
  if (fresh)
    s.twice(key);
  else
    s.twice(key);
}
void entry(Store &s, redisAsyncContext *ac, const std::string &session_id) {
  relay(s, session_id);
  forward(s, session_id, true);
  fetch(session_id);
  later(ac, session_id);
}
)cpp");
}
