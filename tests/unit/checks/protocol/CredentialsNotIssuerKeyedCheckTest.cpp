#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define KEYED(store, key) "stores credentials in '" store "' keyed by '" key "', the MCP server rather than the authorization server's issuer: MCP 2026-07-28 clients must key stored tokens and client credentials by issuer and never send them to another authorization server (SEP-2352)"

TEST_CASE("credentials-not-issuer-keyed: token and credential stores keyed "
          "by the MCP server's URL, host or resource",
          "[credentials-not-issuer-keyed]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <string>
#include <unordered_map>
struct Token { std::string access; };
struct Config { std::string server_url() const; };
class TokenCache {
public:
  void save(const std::string &server_url, Token t) {
    tokens_[server_url] = t; // expect: 13 credentials-not-issuer-keyed )cpp" KEYED("tokens_", "server_url") R"cpp(
  }
  void remember(const Config &c, const std::string &secret) {
    client_secrets_.emplace(c.server_url(), secret); // expect: 29 credentials-not-issuer-keyed )cpp" KEYED("client_secrets_", "server_url") R"cpp(
  }
  void by_resource(const std::string &resource, Token t) {
    credentials_.insert_or_assign(resource, t); // expect: 35 credentials-not-issuer-keyed )cpp" KEYED("credentials_", "resource") R"cpp(
  }
private:
  std::unordered_map<std::string, Token> tokens_;
  std::map<std::string, std::string> client_secrets_;
  std::map<std::string, Token> credentials_;
};
)cpp");
}

TEST_CASE("credentials-not-issuer-keyed: keys named for the issuer, unknown "
          "keys, lookups, other stores and servers are not reported",
          "[credentials-not-issuer-keyed]") {
  CHECK_ANNOTATED(R"cpp(
#include <map>
#include <string>
struct Token { std::string access; };
class TokenStore {
public:
  void save(const std::string &issuer, Token t) { tokens_[issuer] = t; }
  void save_as(const std::string &authorization_server, Token t) { tokens_[authorization_server] = t; }
  void save_key(const std::string &key, Token t) { tokens_[key] = t; }
  bool has(const std::string &server_url) const { return tokens_.count(server_url) > 0; }
  Token get(const std::string &server_url) { return tokens_[server_url]; }
  void cache_page(const std::string &url, const std::string &body) { pages_[url] = body; }
private:
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::string> pages_;
};
struct AuthorizationServer {
  std::map<std::string, Token> tokens_;
  void issue(const std::string &resource, Token t) { tokens_[resource] = t; }
};
)cpp");
}
