#include "tool/config/ProjectConfig.h"
#include "TempDir.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

namespace {
std::string parseError(const std::string &Text, bool Nested = false) {
  ConfigFile C;
  return parseConfigFile("/p/.mcp-cutover.yaml", Text, RuleCatalog::builtin(),
                         Nested, C);
}
} // namespace

TEST_CASE("a configuration file is read key by key", "[config]") {
  ConfigFile C;
  REQUIRE(parseConfigFile("/p/.mcp-cutover.yaml",
                          "# the team's settings\n"
                          "rules: ['*', -deprecated-*]\n"
                          "levels:\n"
                          "  session-id-header: error\n"
                          "  'handle-*': note\n"
                          "fail-on: note\n"
                          "include: [src/**]\n"
                          "exclude: [src/gen/**]\n"
                          "handle-patterns: ['^cart_key$']\n"
                          "sdk-profiles: [sdk/ours.json]\n"
                          "ga-date: 2026-08-04\n"
                          "link-base: https://example.invalid/blob/main\n"
                          "inherit: false\n",
                          RuleCatalog::builtin(), false, C) == "");
  CHECK(C.folder == "/p");
  CHECK(*C.rules == std::vector<std::string>{"*", "-deprecated-*"});
  CHECK(C.levels ==
        std::vector<std::pair<std::string, Level>>{
            {"session-id-header", Level::Error}, {"handle-*", Level::Note}});
  CHECK(C.failOn == Level::Note);
  CHECK(C.include == std::vector<std::string>{"src/**"});
  CHECK(C.exclude == std::vector<std::string>{"src/gen/**"});
  CHECK(C.handlePatterns == std::vector<std::string>{"^cart_key$"});
  CHECK(C.sdkProfiles == std::vector<std::string>{"/p/sdk/ours.json"});
  CHECK(C.gaDate == "2026-08-04");
  CHECK(C.linkBase == "https://example.invalid/blob/main");
  CHECK_FALSE(C.inherit);
  ConfigFile Empty;
  CHECK(parseConfigFile("/p/.mcp-cutover.yaml", "# nothing yet\n",
                        RuleCatalog::builtin(), false, Empty) == "");
  CHECK_FALSE(Empty.rules.has_value());
}

TEST_CASE("every problem of a configuration is one line with file, line and "
          "column",
          "[config]") {
  const std::string F = "/p/.mcp-cutover.yaml:";
  CHECK(
      parseError("rules: [session-id-header]\nrulez: []\n") ==
      F + "2:1: unknown key \"rulez\" (keys: inherit, rules, levels, exclude, "
          "include, fail-on, handle-patterns, sdk-profiles, ga-date, "
          "link-base)");
  CHECK(parseError("rules:\n  - session-*\n  - -sesion-id-header\n") ==
        F + "3:5: unknown rule \"sesion-id-header\" (mcp-cutover rules lists "
            "them)");
  CHECK(parseError("levels:\n  session-id-header: fatal\n") ==
        F + "2:22: the level of \"session-id-header\" takes note, warning "
            "or error, not \"fatal\"");
  CHECK(parseError("levels: [a]\n") ==
        F + "1:10: 'levels' maps rule ids or globs to note, warning or error");
  CHECK(parseError("fail-on: error\n", /*Nested=*/true) ==
        F + "1:1: 'fail-on' applies to the whole run: set it in the root "
            "configuration or pass --config (a folder's file takes inherit, "
            "rules, levels and exclude)");
  CHECK(parseError("exclude: [a]\nexclude: [b]\n") ==
        F + "2:1: 'exclude' is given twice");
  CHECK(parseError("rules: session-id-header\n") ==
        F + "1:8: 'rules' takes a list of strings");
  CHECK(parseError("exclude: ['']\n") ==
        F + "1:11: 'exclude' has an empty entry");
  CHECK(parseError("inherit: yes\n") ==
        F + "1:10: 'inherit' takes true or false, not \"yes\"");
  CHECK(parseError("ga-date: 2026-99-99\n") ==
        F + "1:10: 'ga-date' takes a date as YYYY-MM-DD, not \"2026-99-99\"");
  CHECK(parseError("exclude: ['" + std::string(1025, '*') + "']\n") ==
        F + "1:11: 'exclude' has an entry longer than 1024 characters");
  // Where the text breaks off the parser gives no node: its own error wins.
  CHECK(parseError("exclude:\n\" - gen/**\n") ==
        F + "2:11: Expected quote at end of scalar");
  // A second document that does not parse has no root node.
  CHECK(parseError("{}\n--- ]\n").rfind(F, 0) == 0);
  CHECK(parseError("ga-date: 28/07/2026\n") ==
        F + "1:10: 'ga-date' takes a date as YYYY-MM-DD, not \"28/07/2026\"");
  CHECK(parseError("- rules\n") ==
        F + "1:1: a configuration is a mapping of keys to values");
  CHECK(parseError("rules: []\n---\nrules: []\n") ==
        F + "3:1: one YAML document expected, not several");
  CHECK(parseError("rules: [session-id-header\n") ==
        F + "1:26: Could not find closing ]!");
  CHECK(parseError("levels:\n  {session-id-header: error\n") ==
        F + "2:28: Unexpected token. Expected Key, Flow Entry, or Flow "
            "Mapping End.");
}

TEST_CASE("path globs: ** crosses folders, * and ? stay in one", "[config]") {
  CHECK(matchPathGlob("src/**", "src/a/b.cpp"));
  CHECK(matchPathGlob("**/*.pb.cc", "x.pb.cc"));
  CHECK(matchPathGlob("**/*.pb.cc", "a/b/x.pb.cc"));
  CHECK(matchPathGlob("src/*.cpp", "src/a.cpp"));
  CHECK_FALSE(matchPathGlob("src/*.cpp", "src/a/b.cpp"));
  CHECK(matchPathGlob("src/?.h", "src/a.h"));
  CHECK_FALSE(matchPathGlob("src/?.h", "src/ab.h"));
  CHECK_FALSE(matchPathGlob("src", "src/a.cpp"));
  CHECK(matchPathGlob("session-*", "session-id-header"));
  CHECK_FALSE(matchPathGlob("session-*", "resume-from-session"));
  CHECK(matchPathGlob("**", ""));
  CHECK(matchPathGlob("a/**/b", "a/b"));
  CHECK(matchPathGlob("a/**/b", "a/x/y/b"));
  CHECK_FALSE(matchPathGlob("a/**/b", "a/xb"));
  // Linear in the glob, not exponential in its stars.
  std::string Stars;
  for (int I = 0; I < 40; ++I)
    Stars += "**a";
  CHECK_FALSE(matchPathGlob(Stars + "Q", std::string(200, 'a')));
}

TEST_CASE("configurations are found from the root upward and per folder: "
          "inherit merges, the nearest wins",
          "[config]") {
  test::TempDir Dir;
  Dir.write(".mcp-cutover.yaml", "rules: ['-*', 'session-*']\n"
                                 "levels: {session-id-header: error}\n"
                                 "exclude: ['gen/**']\n");
  Dir.write("repo/src/legacy/.mcp-cutover.yaml",
            "inherit: true\nrules: ['-session-id-header']\n"
            "levels: {session-keyed-state: note}\n");
  Dir.write("repo/src/own/.mcp-cutover.yaml", "exclude: ['*.gen.cpp']\n");
  std::string Root = Dir.path + "/repo";
  ProjectConfig C;
  REQUIRE(C.load(Root, "", RuleCatalog::builtin()) == "");
  REQUIRE(C.root());
  CHECK(C.root()->path == Dir.path + "/.mcp-cutover.yaml");
  CHECK(C.rootRules() == std::set<std::string>{"session-id-header",
                                               "session-keyed-state",
                                               "session-bound-tool"});

  EffectiveConfig E;
  REQUIRE(C.effectiveFor(Root + "/src/legacy/a.cpp", E) == "");
  CHECK(E.chain.size() == 2);
  CHECK(E.enabledRules ==
        std::set<std::string>{"session-keyed-state", "session-bound-tool"});
  CHECK(E.levels ==
        std::map<std::string, Level>{{"session-id-header", Level::Error},
                                     {"session-keyed-state", Level::Note}});
  // The nearest file does not inherit: the root's rules do not reach it.
  REQUIRE(C.effectiveFor(Root + "/src/own/x.gen.cpp", E) == "");
  CHECK(E.chain.size() == 1);
  CHECK(E.excluded);
  CHECK(E.enabledRules.size() == RuleCatalog::builtin().rules().size());

  // The root configuration's globs are relative to its folder, above the
  // project root here.
  auto Filter = C.rootPathFilter();
  REQUIRE(Filter);
  CHECK(Filter("src/a.cpp"));
  Dir.write(".mcp-cutover.yaml", "exclude: ['repo/gen/**']\n");
  ProjectConfig Again;
  REQUIRE(Again.load(Root, "", RuleCatalog::builtin()) == "");
  CHECK_FALSE(Again.rootPathFilter()("gen/a.cpp"));
  CHECK(Again.rootPathFilter()("src/gen/a.cpp"));

  ProjectResult R;
  R.root = Root;
  auto At = [](const std::string &Rule, const std::string &File) {
    Finding F;
    F.ruleId = Rule;
    F.span = {File, 1, 1, 1, 2};
    return F;
  };
  R.findings = {At("session-id-header", "src/legacy/a.cpp"),
                At("session-keyed-state", "src/legacy/a.cpp"),
                At("session-id-header", "src/main.cpp"),
                At("removed-method", "src/own/x.gen.cpp")};
  REQUIRE(C.apply(R) == "");
  REQUIRE(R.findings.size() == 2);
  CHECK(R.findings[0].ruleId == "session-keyed-state");
  CHECK(R.findings[0].level == Level::Note);
  CHECK(R.findings[1].span.file == "src/main.cpp");
  CHECK(R.findings[1].level == Level::Error);

  std::string Out;
  REQUIRE(C.dump(Root + "/src/legacy", Out) == "");
  CHECK(Out == "# mcp-cutover configuration for " + Root +
                   "/src/legacy\n"
                   "# from " +
                   Root +
                   "/src/legacy/.mcp-cutover.yaml (inherit: "
                   "true)\n"
                   "# from " +
                   Dir.path +
                   "/.mcp-cutover.yaml\n"
                   "rules:\n"
                   "  - \"-*\"\n"
                   "  - \"session-keyed-state\"\n"
                   "  - \"session-bound-tool\"\n"
                   "levels:\n"
                   "  session-id-header: error\n"
                   "  session-keyed-state: note\n"
                   "exclude:\n"
                   "  - \"gen/**\"\n"
                   "# run-wide, from the root configuration\n"
                   "include: []\n"
                   "fail-on: warning\n"
                   "handle-patterns: []\n"
                   "sdk-profiles: []\n"
                   "ga-date: \"2026-07-28\"\n"
                   "link-base: \"\"\n");

  // A broken folder file stops the run with its own line.
  Dir.write("repo/src/bad/.mcp-cutover.yaml", "fail-on: note\n");
  CHECK(C.effectiveFor(Root + "/src/bad/b.cpp", E) ==
        Root + "/src/bad/.mcp-cutover.yaml:1:1: 'fail-on' applies to the "
               "whole run: set it in the root configuration or pass --config "
               "(a folder's file takes inherit, rules, levels and exclude)");
  ProjectConfig Missing;
  CHECK(Missing.load(Root, Dir.path + "/none.yaml", RuleCatalog::builtin()) ==
        Dir.path + "/none.yaml: no such file");
}
