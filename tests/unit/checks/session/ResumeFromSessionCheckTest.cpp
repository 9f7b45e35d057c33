#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

// A session-keyed Redis call is also mcp-only-redis's (the keys to delete).
#define REDIS_TAIL ": state that lives as long as sessions do (MCP-only Redis). Delete it in GA week, but only after every tool that needs state takes an explicit handle and keeps the state under it (SEP-2567)"
#define TAIL ": a 2026-07-28 request carries no Mcp-Session-Id, so this path serves only clients still on sessions. Delete it once the access logs show no Mcp-Session-Id (GA week); state is then reached through explicit handles that tools return and take as arguments (SEP-2567)"

namespace {
const char *const Prelude = R"cpp(
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
struct redisContext;
void *redisCommand(redisContext *c, const char *format, ...);
struct Redis {
  std::optional<std::string> get(const std::string &key);
  std::optional<std::string> hget(const std::string &key, const std::string &field);
  void set(const std::string &key, const std::string &value);
};
struct Db { void query(const char *sql, const std::string &arg); };
struct Cart { std::string items; };
Cart parse_cart(const std::string &text);
)cpp";

// A session library installed as a system header.
const char *const SessionKit = R"cpp(
#pragma once
#include <string>
namespace kit {
struct Transport {
  bool resume_session(const std::string &session_id);
  bool resume() { return resume_session(last_); }
  std::string last_;
};
} // namespace kit
)cpp";
} // namespace

TEST_CASE("resume-from-session: restore functions, session-keyed reads from "
          "Redis, SQL and files, and library resume calls",
          "[resume-from-session]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <kit.h>
#define SELECT_SESSION "SELECT items FROM sessions WHERE id = ?"
class CartSessions {
public:
  bool restore_session(const std::string &session_id) { // expect: 8 resume-from-session 'CartSessions::restore_session' restores a session kept under its session id)cpp" TAIL R"cpp(
    std::ifstream in("/var/lib/cart/" + session_id + ".json");
    return in.good();
  }
  Cart cart_of(const std::string &session_id) {
    auto blob = redis_->hget("mcp:carts", session_id); // expect: 17 resume-from-session reads session state from 'redis_' keyed by the session id)cpp" TAIL R"cpp( // expect: 17 mcp-only-redis 'redis_.hget' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
    return parse_cart(blob.value_or(""));
  }
  void from_hiredis(redisContext *ctx, const std::string &sid) {
    redisCommand(ctx, "HGETALL mcp:session:%s", sid.c_str()); // expect: 5 resume-from-session reads session state from Redis keyed by the session id)cpp" TAIL R"cpp( // expect: 5 mcp-only-redis 'redisCommand' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
  }
  void from_sql(Db &db, const std::string &id) {
    db.query("SELECT cart FROM sessions WHERE id = ?", id); // expect: 14 resume-from-session reads session state keyed by the session id ("SELECT cart FROM sessions WHERE id = ?"))cpp" TAIL R"cpp(
  }
  void from_macro(Db &db, const std::string &id) {
    db.query(SELECT_SESSION, id); // expect: 14 resume-from-session reads session state keyed by the session id ("SELECT items FROM sessions WHERE id = ?"))cpp" TAIL R"cpp(
  }
  void from_disk(const std::string &mcp_session_id) {
    std::ifstream saved("/tmp/" + mcp_session_id); // expect: 19 resume-from-session reads a session's saved state from a file named by its session id)cpp" TAIL R"cpp(
  }
  bool via_library(kit::Transport &t, const std::string &session_id) {
    return t.resume_session(session_id); // expect: 12 resume-from-session calls 'kit::Transport::resume_session', which restores a session kept under its session id)cpp" TAIL R"cpp(
  }
private:
  std::unique_ptr<Redis> redis_;
};
template <class Store> bool load_session(Store &store, const std::string &sid) { // expect: 29 resume-from-session 'load_session' restores a session kept under its session id)cpp" TAIL R"cpp(
  return store.get("session:" + sid).has_value(); // expect: 10 mcp-only-redis 'store.get' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
}
bool warm(Redis &r) { return load_session(r, "s-1"); }
)cpp",
                  {{"/virtual/sys/kit.h", SessionKit}});
}

TEST_CASE("resume-from-session: handle-keyed reads, writes, in-memory "
          "lookups, prose, look-alike names and libraries are not reported",
          "[resume-from-session]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <kit.h>
void log(const std::string &) {}
// restore_session(id) used to live here; see "HGETALL mcp:session:%s".
class Carts {
public:
  Cart by_handle(const std::string &basket_id) {
    log("restore session state: get session state from the store");
    log("Select a session from the list");
    return parse_cart(redis_.get("basket:" + basket_id).value_or(""));
  }
  void save_session(const std::string &session_id, const Cart &c) {
    redis_.set("session:" + session_id, c.items); // expect: 5 mcp-only-redis 'redis_.set' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
    redisCommand(ctx_, "SET mcp:session:%s %s", session_id.c_str(), c.items.c_str()); // expect: 5 mcp-only-redis 'redisCommand' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
    db_.query("DELETE FROM sessions WHERE id = ?", session_id);
  }
  std::string get_session(const std::string &session_id) { return cache_.get(session_id).value_or(""); } // expect: 67 mcp-only-redis 'cache_.get' keys Redis by the session id)cpp" REDIS_TAIL R"cpp(
  void restore_config() {}
  bool resume_session(const std::string &) { throw std::logic_error("sessions are not supported in stateless mode"); }
  void restore_sessionless_defaults() {}
  bool uses_library(kit::Transport &t) { return t.resume(); }
private:
  Redis redis_, cache_;
  Db db_;
  redisContext *ctx_ = nullptr;
};
)cpp",
                  {{"/virtual/sys/kit.h", SessionKit}});
}
