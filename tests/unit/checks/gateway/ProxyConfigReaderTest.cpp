#include "checks/gateway/GatewayAnalysis.h"
#include "checks/gateway/HaproxyConfigReader.h"
#include "checks/gateway/NginxConfigReader.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

namespace {
/// "name@line:col-endline:endcol[word,word]{children}" for each directive.
std::string describe(const std::vector<ProxyDirective> &Ds) {
  std::string Out;
  for (const ProxyDirective &D : Ds) {
    Out += D.name() + "@" + std::to_string(D.span.line) + ":" +
           std::to_string(D.span.column) + "-" +
           std::to_string(D.span.endLine) + ":" +
           std::to_string(D.span.endColumn) + "[";
    for (size_t I = 1; I < D.words.size(); ++I)
      Out += (I > 1 ? "," : "") + D.words[I].text;
    Out += "]";
    if (D.block)
      Out += "{" + describe(D.children) + "}";
    Out += " ";
  }
  return Out;
}

std::string nginx(const std::string &Text) {
  std::string Error;
  auto F = readNginxConfig("/p/nginx.conf", Text, Error);
  return F ? describe(F->directives) : "error " + Error;
}

std::string haproxy(const std::string &Text) {
  std::string Error;
  auto F = readHaproxyConfig("/p/haproxy.cfg", Text, Error);
  return F ? describe(F->directives) : "error " + Error;
}
} // namespace

TEST_CASE("nginx reader: words, quotes, comments, blocks and ${variables}",
          "[gateway][nginx]") {
  CHECK(nginx("upstream mcp {\n  hash $http_mcp_session_id consistent;\n}\n") ==
        "upstream@1:1-3:2[mcp]{hash@2:3-2:40[$http_mcp_session_id,"
        "consistent] } ");
  // Quotes keep white space and `;`, escapes are resolved, `#` inside a
  // word or a quote is no comment.
  CHECK(nginx("add_header X \"a; b\" 'c\\'d'; # note\nreturn 200 a#b;") ==
        "add_header@1:1-1:28[X,a; b,c'd] return@2:1-2:16[200,a#b] ");
  CHECK(nginx("set $x \"${host}x\"; rewrite ^ ${scheme}://h;") ==
        "set@1:1-1:19[$x,${host}x] rewrite@1:20-1:44[^,${scheme}://h] ");
  CHECK(nginx("") == "");
  CHECK(nginx("# only a comment\n") == "");
}

TEST_CASE("nginx reader: syntax errors are one line with the place",
          "[gateway][nginx]") {
  CHECK(nginx("server {\n  listen 80;\n") ==
        "error 1:1: block \"server\" has no \"}\" before the end of the file");
  CHECK(nginx("listen 80") ==
        "error 1:1: directive \"listen\" has no \";\" before the end of the "
        "file");
  CHECK(nginx("}") == "error 1:1: unexpected \"}\"");
  CHECK(nginx("a { b }") == "error 1:7: directive \"b\" has no \";\" before "
                            "\"}\"");
  CHECK(nginx("x \"open;") == "error 1:3: a quoted word does not end");
  CHECK(nginx(";") == "error 1:1: unexpected \";\"");
  CHECK(nginx("{") == "error 1:1: unexpected \"{\"");
  CHECK(nginx("set $a ${b;") == "error 1:8: a ${variable} does not end");
  std::string Deep;
  for (int I = 0; I < 65; ++I)
    Deep += "a {";
  CHECK(nginx(Deep) == "error 1:195: blocks nest deeper than 64");
}

TEST_CASE("nginx reader: include is kept and noted as not followed",
          "[gateway][nginx]") {
  std::string Error;
  auto F = readNginxConfig("/p/nginx.conf",
                           "http {\n  include conf.d/*.conf;\n}", Error);
  REQUIRE(F);
  REQUIRE(F->notes.size() == 1);
  CHECK(F->notes[0] == "2:3: include conf.d/*.conf is not followed; name those "
                       "files to analyse them too");
}

TEST_CASE("HAProxy reader: sections, words, quotes and comments",
          "[gateway][haproxy]") {
  CHECK(haproxy("global\n  maxconn 10\nbackend mcp\n  balance source # x\n"
                "  http-request set-header X \"a b\"\\ c\n") ==
        "global@1:1-2:13[]{maxconn@2:3-2:13[10] } "
        "backend@3:1-5:37[mcp]{balance@4:3-4:17[source] "
        "http-request@5:3-5:37[set-header,X,a b c] } ");
  CHECK(haproxy("\r\n# c\n\n") == "");
  CHECK(haproxy("listen x\n  bind \"unterminated\n") ==
        "error 2:8: a quoted word does not end on its line");
}

TEST_CASE("configuration is told by name and by its lines", "[gateway]") {
  CHECK(detectConfigKind("/p/nginx.conf", "") == ProxyKind::Nginx);
  CHECK(detectConfigKind("/p/haproxy.cfg", "") == ProxyKind::Haproxy);
  CHECK(detectConfigKind("/p/site.conf",
                         "server {\n  listen 80;\n  location / {}\n}") ==
        ProxyKind::Nginx);
  CHECK(detectConfigKind("/p/lb.cfg", "frontend fe\n  bind :80\n") ==
        ProxyKind::Haproxy);
  // Other .conf files (supervisord, an INI, a sysctl list) are not read.
  CHECK(!detectConfigKind("/p/supervisord.conf", "[program:x]\ncommand=y\n"));
  CHECK(!detectConfigKind("/p/sysctl.conf", "net.core.somaxconn = 1024\n"));
  CHECK(!detectConfigKind("/p/server.cpp", "server {\n listen 80;\n}"));
}

TEST_CASE("a binary or unparsable file is one error line and no finding",
          "[gateway]") {
  std::vector<std::string> Notes;
  auto Binary = analyzeGatewayText("/p/nginx.conf", std::string("a\0b;", 4),
                                   ProxyKind::Nginx, {}, Notes);
  CHECK(Binary.status == UnitStatus::Failed);
  CHECK(Binary.firstError ==
        "/p/nginx.conf: binary file (NUL bytes), not read as configuration");
  auto Broken = analyzeGatewayText("/p/nginx.conf", "upstream x { ip_hash;",
                                   ProxyKind::Nginx, {}, Notes);
  CHECK(Broken.status == UnitStatus::Failed);
  CHECK(Broken.firstError == "/p/nginx.conf:1:1: block \"upstream\" has no "
                             "\"}\" before the end of the file (nginx "
                             "configuration)");
  CHECK(Broken.findings.empty());
}

TEST_CASE("a newline inside a quoted word stays out of messages and errors "
          "(fuzz_proxy_config)",
          "[gateway]") {
  std::vector<std::string> Notes;
  auto Facts = analyzeGatewayText("/p/nginx.conf",
                                  "upstream \"mcp\nx\" {\n  ip_hash;\n}\n",
                                  ProxyKind::Nginx, {}, Notes);
  REQUIRE(Facts.findings.size() == 1);
  CHECK(Facts.findings[0].message.rfind("upstream 'mcp\\nx' pins", 0) == 0);
  auto Broken = analyzeGatewayText("/p/nginx.conf", "\"a\nb\" c",
                                   ProxyKind::Nginx, {}, Notes);
  CHECK(Broken.firstError ==
        "/p/nginx.conf:1:1: directive \"a\\nb\" has no \";\" before the end "
        "of the file (nginx configuration)");
  auto Include = analyzeGatewayText("/p/nginx.conf", "include \"a\nb\";",
                                    ProxyKind::Nginx, {}, Notes);
  REQUIRE(Notes.size() == 1);
  CHECK(Notes[0] == "/p/nginx.conf:1:1: include a\\nb is not followed; name "
                    "those files to analyse them too");
}
