//===- SuppressionsTest.cpp - In-source directives accepting findings -----===//
#include "TempDir.h"

#include "tool/link/Suppressions.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace mcp_cutover;

namespace {
/// "line: justification" of the directive accepting `Rule` on each line of
/// `Text` that one accepts.
std::vector<std::string> accepted(const std::string &Text,
                                  const std::string &Rule) {
  FileSuppressions S("main.cpp", Text, RuleCatalog::builtin());
  std::vector<std::string> Out;
  unsigned Lines =
      1 + static_cast<unsigned>(std::count(Text.begin(), Text.end(), '\n'));
  for (unsigned L = 1; L <= Lines; ++L)
    if (const Suppression *Found = S.find(Rule, L))
      Out.push_back(std::to_string(L) + " by " +
                    std::to_string(Found->directive.line) + ":" +
                    std::to_string(Found->directive.column) + " '" +
                    Found->justification + "'");
  return Out;
}

std::vector<std::string> problems(const std::string &Text) {
  FileSuppressions S("main.cpp", Text, RuleCatalog::builtin());
  std::vector<std::string> Out;
  for (const SuppressionProblem &P : S.problems())
    Out.push_back(std::to_string(P.span.line) + ":" +
                  std::to_string(P.span.column) + " " + levelName(P.level) +
                  " " + P.message);
  return Out;
}
} // namespace

TEST_CASE("NOLINT forms naming a rule accept it on their line, the next "
          "line, or a region, with the reason after the colon",
          "[suppressions]") {
  const std::string Code =
      "a(); // NOLINT(session-id-header): the gateway strips it\n" // 1
      "// NOLINTNEXTLINE(initialize-handler, session-id-header)\n" // 2
      "b();\n"                                                     // 3
      "c(); /* NOLINT(session-*) */\n"                             // 4
      "// NOLINTBEGIN(session-id-header): legacy block\n"          // 5
      "d();\n"                                                     // 6
      "e();\n"                                                     // 7
      "// NOLINTEND(session-id-header)\n"                          // 8
      "f();\n";                                                    // 9
  CHECK(accepted(Code, "session-id-header") ==
        std::vector<std::string>{
            "1 by 1:9 'the gateway strips it'", "3 by 2:4 ''", "4 by 4:9 ''",
            "5 by 5:4 'legacy block'", "6 by 5:4 'legacy block'",
            "7 by 5:4 'legacy block'", "8 by 5:4 'legacy block'"});
  CHECK(accepted(Code, "initialize-handler") ==
        std::vector<std::string>{"3 by 2:4 ''"});
  // session-* is a glob over the rule ids.
  CHECK(accepted(Code, "session-keyed-state") ==
        std::vector<std::string>{"4 by 4:9 ''"});
  CHECK(problems(Code).empty());
}

TEST_CASE("mcp-cutover: ignore accepts on its line, or on the next when it "
          "stands alone; an unknown rule in it is a warning",
          "[suppressions]") {
  const std::string Code =
      "a(); // mcp-cutover: ignore session-id-header kept for v1 clients\n"
      "// mcp-cutover: ignore removed-method,sesion-id-header ping stays\n"
      "b();\n";
  CHECK(accepted(Code, "session-id-header") ==
        std::vector<std::string>{"1 by 1:9 'kept for v1 clients'"});
  CHECK(accepted(Code, "removed-method") ==
        std::vector<std::string>{"3 by 2:4 'ping stays'"});
  CHECK(problems(Code) ==
        std::vector<std::string>{
            "2:4 warning unknown rule \"sesion-id-header\" in 'mcp-cutover: "
            "ignore' (mcp-cutover rules lists them); it suppresses nothing"});
}

TEST_CASE("clang-tidy's own NOLINTs, directives in strings and look-alike "
          "words accept nothing",
          "[suppressions]") {
  const std::string Code = "a(); // NOLINT\n"
                           "b(); // NOLINT(*)\n"
                           "c(); // NOLINT(bugprone-branch-clone)\n"
                           "const char *d = \"// NOLINT(session-id-header)\";\n"
                           "e(); // XNOLINT(session-id-header)\n"
                           "f(); // NOLINT(session-id-header\n"
                           "g(); // mcp-cutover: ignored session-id-header\n"
                           "// NOLINTBEGIN\n"
                           "h();\n"
                           "// NOLINTEND\n";
  CHECK(accepted(Code, "session-id-header").empty());
  CHECK(problems(Code).empty());
}

TEST_CASE("an unmatched NOLINTBEGIN or NOLINTEND is an error and suppresses "
          "nothing",
          "[suppressions]") {
  const std::string Code = "// NOLINTBEGIN(session-id-header)\n"
                           "a();\n"
                           "// NOLINTEND(initialize-handler)\n";
  CHECK(accepted(Code, "session-id-header").empty());
  CHECK(problems(Code) ==
        std::vector<std::string>{
            "3:4 error NOLINTEND(initialize-handler) closes no "
            "NOLINTBEGIN(initialize-handler) before it",
            "1:4 error NOLINTBEGIN(session-id-header) has no "
            "NOLINTEND(session-id-header) after it; it suppresses nothing, "
            "so its findings are reported"});
}

TEST_CASE("suppressed findings move aside with their directive; the others "
          "stay in order",
          "[suppressions]") {
  std::vector<Finding> Findings(3);
  Findings[0].ruleId = "session-id-header";
  Findings[0].span = {"a.cpp", 1, 6, 1, 10};
  Findings[1].ruleId = "initialize-handler";
  Findings[1].span = {"a.cpp", 1, 6, 1, 10};
  Findings[2].ruleId = "session-id-header";
  Findings[2].span = {"missing.cpp", 1, 1, 1, 2};
  test::TempDir Dir;
  Dir.write("a.cpp", "echo(); // NOLINT(session-id-header): proxied clients\n");
  std::vector<Finding> Suppressed;
  std::vector<SuppressionProblem> Problems;
  applySuppressions(
      Findings, Suppressed, Problems, RuleCatalog::builtin(),
      [&](const std::string &File) { return Dir.path + "/" + File; });
  REQUIRE(Suppressed.size() == 1);
  CHECK(Suppressed[0].ruleId == "session-id-header");
  REQUIRE(Suppressed[0].suppression);
  CHECK(Suppressed[0].suppression->justification == "proxied clients");
  REQUIRE(Findings.size() == 2);
  CHECK(Findings[0].ruleId == "initialize-handler");
  CHECK(Findings[1].span.file == "missing.cpp");
  CHECK(Problems.empty());
}

TEST_CASE("literals hide look-alike comments: character literals with a "
          "prefix, digit separators, raw strings over several lines",
          "[suppressions]") {
  const std::string Code =
      "if (c == L'\"') x(); // NOLINT(session-id-header): after L'\"'\n" // 1
      "int n = 1'000; // NOLINT(session-id-header): after 1'000\n"       // 2
      "auto g = R\"x(src/*.cpp\n"                                        // 3
      "// NOLINT(session-id-header)\n"                                   // 4
      ")x\"; y(); // NOLINT(session-id-header): after the raw string\n"  // 5
      "z(); // NOLINT(session-id-header): not a comment any more\n";     // 6
  CHECK(accepted(Code, "session-id-header") ==
        std::vector<std::string>{"1 by 1:24 'after L'\"''",
                                 "2 by 2:19 'after 1'000'",
                                 "5 by 5:14 'after the raw string'",
                                 "6 by 6:9 'not a comment any more'"});
}

TEST_CASE("mcp-cutover: ignore takes ids separated by commas and blanks; "
          "one without ids is a warning",
          "[suppressions]") {
  const std::string Code =
      "a(); // mcp-cutover: ignore session-id-header, removed-method\tv1\n"
      "b(); // mcp-cutover: ignore\n";
  CHECK(accepted(Code, "removed-method") ==
        std::vector<std::string>{"1 by 1:9 'v1'"});
  CHECK(problems(Code) ==
        std::vector<std::string>{"2:9 warning 'mcp-cutover: ignore' names no "
                                 "rule; it suppresses nothing"});
}

TEST_CASE("a fingerprint's line text leaves out the comments holding "
          "directives, not others",
          "[suppressions]") {
  CHECK(withoutDirectives("f(\"//\"); // NOLINT(session-id-header): why") ==
        "f(\"//\"); ");
  CHECK(withoutDirectives("f(); /* mcp-cutover: ignore x */ g(); // plain") ==
        "f();  g(); // plain");
  CHECK(withoutDirectives("f(); // plain") == "f(); // plain");
}
