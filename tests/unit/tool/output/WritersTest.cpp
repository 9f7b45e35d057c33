#include "tool/output/Writers.h"
#include "AnnotatedCode.h"
#include "tool/driver/Driver.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

using namespace mcp_cutover;

namespace {
/// The legacy fixture, analysed in-process as `mcp-cutover check` does.
ProjectResult legacyResult() {
  std::string Fixture =
      std::string(MCP_CUTOVER_SOURCE_DIR) + "/fixtures/legacy-cart-server";
  PlanRequest Request;
  Request.paths = {Fixture};
  Request.hasDashDash = true;
  Request.extraArgs = {"-std=c++20"};
  auto Plan = planJobs(Request);
  REQUIRE(static_cast<bool>(Plan));
  OwnershipPolicy Policy(canonicalPath(MCP_CUTOVER_SOURCE_DIR), {});
  auto Units = analyzeAll(Plan->jobs, Policy, {});
  return linkProject(Units, RuleCatalog::builtin(), Policy, {});
}

std::vector<std::string> schemaErrors(const nlohmann::json &Schema,
                                      const nlohmann::json &Document) {
  valijson::Schema Parsed;
  valijson::SchemaParser Parser;
  valijson::adapters::NlohmannJsonAdapter SchemaAdapter(Schema);
  Parser.populateSchema(SchemaAdapter, Parsed);
  valijson::Validator Validator;
  valijson::ValidationResults Results;
  valijson::adapters::NlohmannJsonAdapter Target(Document);
  std::vector<std::string> Errors;
  if (!Validator.validate(Parsed, Target, &Results)) {
    valijson::ValidationResults::Error E;
    while (Results.popError(E)) {
      std::string Path;
      for (const std::string &P : E.context)
        Path += P;
      Errors.push_back(Path + ": " + E.description);
    }
  }
  return Errors;
}
/// The SARIF 2.1.0 schema shipped with the pinned SARIF Multitool
/// (tests/sarif/package-lock.json). Missing means the set-up did not run: the
/// test fails, it does not skip, so a green run always validated.
nlohmann::json sarifSchema() {
  INFO("SARIF schema " MCP_CUTOVER_SARIF_SCHEMA
       " is missing: run `.ci/setup test`, or `npm ci --ignore-scripts "
       "--prefix tests/sarif`");
  return nlohmann::json::parse(test::readFile(MCP_CUTOVER_SARIF_SCHEMA));
}
} // namespace

TEST_CASE("SARIF of the legacy example validates against SARIF 2.1.0",
          "[writers][sarif]") {
  ProjectResult Result = legacyResult();
  REQUIRE(Result.findings.size() == 24);
  nlohmann::json Sarif = nlohmann::json::parse(
      renderSarif(Result, RuleCatalog::builtin(),
                  SarifOptions{"mcp-cutover/ci", std::nullopt}));
  nlohmann::json Schema = sarifSchema();
  CHECK(schemaErrors(Schema, Sarif) == std::vector<std::string>{});

  const auto &Run = Sarif["runs"][0];
  CHECK(Run["automationDetails"]["id"] == "mcp-cutover/ci");
  CHECK(Run["tool"]["driver"]["rules"].size() ==
        RuleCatalog::builtin().rules().size());
  CHECK(Run["invocations"][0]["executionSuccessful"] == true);
  for (const auto &R : Run["results"]) {
    CHECK(R["locations"][0]["physicalLocation"]["artifactLocation"]
           ["uriBaseId"] == "%SRCROOT%");
    CHECK(R["partialFingerprints"].contains("mcpCutover/v1"));
    CHECK(Run["tool"]["driver"]["rules"][R["ruleIndex"].get<int>()]["id"] ==
          R["ruleId"]);
  }
}

TEST_CASE("SARIF records incomplete translation units and fails validation of "
          "a broken document",
          "[writers][sarif]") {
  ProjectResult Result;
  Result.root = "/src";
  Result.units.push_back(
      {"a.cpp", UnitStatus::Incomplete, "a.cpp:2:10: 'x.h' file not found", 1});
  Result.units.push_back(
      {"b.cpp", UnitStatus::Failed, "b.cpp: no such file", 0});
  nlohmann::json Sarif =
      nlohmann::json::parse(renderSarif(Result, RuleCatalog::builtin(), {}));
  nlohmann::json Schema = sarifSchema();
  CHECK(schemaErrors(Schema, Sarif) == std::vector<std::string>{});
  const auto &Invocation = Sarif["runs"][0]["invocations"][0];
  CHECK(Invocation["executionSuccessful"] == false);
  REQUIRE(Invocation["toolExecutionNotifications"].size() == 2);
  CHECK(Invocation["toolExecutionNotifications"][0]["level"] == "warning");
  CHECK(
      Invocation["toolExecutionNotifications"][0]["message"]["text"] ==
      "translation unit parsed with errors; findings in it may be incomplete: "
      "a.cpp:2:10: 'x.h' file not found");
  CHECK(Invocation["toolExecutionNotifications"][1]["level"] == "error");
  CHECK_FALSE(Sarif["runs"][0].contains("automationDetails"));
  // The validator is not vacuous: a result without a message is refused.
  Sarif["runs"][0]["results"] = nlohmann::json::array({{{"ruleId", "x"}}});
  CHECK_FALSE(schemaErrors(Schema, Sarif).empty());
}

TEST_CASE("text output: location, level, message, rule, excerpt and caret",
          "[writers][text]") {
  llvm::SmallString<128> Dir;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("mcp-cutover-text", Dir));
  std::string Root = canonicalPath(std::string(Dir));
  std::ofstream(Root + "/s.cpp")
      << "int x;\n  res.set_header(\"Mcp-Session-Id\", id);\n";
  ProjectResult Result;
  Result.root = Root;
  Finding F;
  F.ruleId = "session-id-header";
  F.level = Level::Warning;
  F.span = {"s.cpp", 2, 18, 2, 34};
  F.message = "writes it";
  F.related.push_back({{"s.cpp", 1, 5, 1, 6}, "declared here"});
  Result.findings.push_back(F);
  Result.units.push_back({"s.cpp", UnitStatus::Complete, "", 0});
  TextOptions Options;
  Options.workingDirectory = Root;
  CHECK(renderText(Result, RuleCatalog::builtin(), Options) ==
        "s.cpp:2:18: warning: writes it [session-id-header]\n"
        "  res.set_header(\"Mcp-Session-Id\", id);\n"
        "                 ^~~~~~~~~~~~~~~~\n"
        "s.cpp:1:5: note: declared here\n"
        "int x;\n"
        "    ^\n"
        "1 finding (1 warning) in 1 translation unit\n");
  Options.color = true;
  CHECK(renderText(Result, RuleCatalog::builtin(), Options)
            .find("\x1b[1;35mwarning: ") != std::string::npos);
  llvm::sys::fs::remove_directories(Root);
}

TEST_CASE("JSON output carries week, level, span, related, fixes and "
          "fingerprint, and facts round-trip",
          "[writers][json]") {
  ProjectResult Result = legacyResult();
  nlohmann::json Json =
      nlohmann::json::parse(renderJson(Result, RuleCatalog::builtin()));
  CHECK(Json["schemaVersion"] == 1);
  CHECK(Json["summary"]["findings"] == 24);
  CHECK(Json["summary"]["byWeek"]["4"] == 13);
  CHECK(Json["summary"]["byWeek"]["3"] == 3);
  CHECK(Json["executionSuccessful"] == true);
  for (const auto &F : Json["findings"]) {
    const Rule *R = RuleCatalog::builtin().find(F["ruleId"]);
    REQUIRE(R);
    CHECK(F["week"] == R->week);
    CHECK(F["fingerprint"].get<std::string>().size() == 32);
  }
  // The scope table: exactly the two stateful tools, with a missing handle.
  REQUIRE(Json["tools"].size() == 2);
  CHECK(Json["tools"][0]["name"] == "add_item");
  CHECK(Json["tools"][0]["handleStatus"] == "missing");
  CHECK(Json["tools"][0]["state"] ==
        nlohmann::json::array({"the session id (server.cpp:45)",
                               "session-keyed 'g_sessions.carts_' "
                               "(session_store.cpp:34)",
                               "'g_sessions' (server.cpp:46)"}));
  CHECK(Json["tools"][1]["name"] == "checkout");
  CHECK(Json["tools"][1]["handleStatus"] == "missing");
  // Fingerprints are unique within a run.
  std::set<std::string> Prints;
  for (const Finding &F : Result.findings)
    Prints.insert(F.fingerprint);
  CHECK(Prints.size() == Result.findings.size());

  TranslationUnitFacts Facts;
  Facts.file = "/a.cpp";
  Facts.status = UnitStatus::Incomplete;
  Facts.findings.push_back(Result.findings.front());
  Facts.containers.push_back({{"/a.h", 1, 2, 1, 5},
                              "s_",
                              "std::map",
                              "SessionId",
                              "",
                              true,
                              false,
                              false});
  Facts.accesses.push_back({"/a.h:1:2", {"/a.cpp", 3, 4, 3, 9}, "sid", true});
  Facts.methodDispatches.push_back({"tools/list",
                                    "/a.cpp:2:6",
                                    "'Server::handle'",
                                    {"/a.cpp", 4, 16, 4, 27},
                                    true});
  Facts.conditionalFindings.push_back(
      {{"protocol-2026", "client-2026"}, {}, Result.findings.back()});
  Facts.projectSigns = {"client-2026"};
  // A schema keeps its property order (which property a finding names
  // depends on it), though the facts' own objects sort their keys.
  ToolFact Tool;
  Tool.name = "add_item";
  Tool.inputSchema = nlohmann::ordered_json::parse(
      R"({"type": "object", "properties": {"zeta": {}, "alpha": {}}})");
  Facts.tools.push_back(Tool);
  nlohmann::json J = Facts;
  TranslationUnitFacts Back = J.get<TranslationUnitFacts>();
  CHECK(nlohmann::json(Back) == J);
  CHECK(Back.tools.at(0).inputSchema.dump() ==
        R"({"type":"object","properties":{"zeta":{},"alpha":{}}})");
}

namespace {
Finding ciFinding(const std::string &Rule, Level L, const std::string &File,
                  unsigned Line, const std::string &Message,
                  const std::string &Fingerprint) {
  Finding F;
  F.ruleId = Rule;
  F.level = L;
  F.span = {File, Line, 5, Line, 9};
  F.message = Message;
  F.fingerprint = Fingerprint;
  return F;
}

/// Two rules with findings (one failing, one a note), one rule clean, a
/// baseline's unchanged finding, a unit not analysed and a suppression
/// problem: every kind of case the CI formats have.
ProjectResult ciResult() {
  ProjectResult R;
  R.root = "/repo";
  R.rulesRun = {"initialize-handler", "session-id-header",
                "legacy-protocol-version"};
  R.findings = {ciFinding("session-id-header", Level::Warning, "src/a.cpp", 3,
                          "reads \"Mcp-Session-Id\" <here> & \x01 there \xff",
                          "f1"),
                ciFinding("session-id-header", Level::Warning, "src/a.cpp", 8,
                          "reads it again", "f2"),
                ciFinding("session-id-header", Level::Warning, "src/b.cpp", 4,
                          "was there before", "f3"),
                ciFinding("legacy-protocol-version", Level::Note, "src/b.cpp",
                          1, "an old version", "f4")};
  R.findings[2].baselineState = "unchanged";
  R.findings[1].span.endLine = 10;
  UnitSummary Failed;
  Failed.file = "src/c.cpp";
  Failed.status = UnitStatus::Failed;
  Failed.firstError = "src/c.cpp:1:10: 'x.h' file not found";
  R.units = {Failed};
  SuppressionProblem P;
  P.span = {"src/a.cpp", 2, 4, 2, 4};
  P.level = Level::Error;
  P.message = "NOLINTBEGIN(session-id-header) has no NOLINTEND";
  R.suppressionProblems = {P};
  return R;
}
} // namespace

TEST_CASE("JUnit: a suite per rule that ran, a case per file, failing as the "
          "exit code does",
          "[writers][junit]") {
  CHECK(renderJunit(ciResult(), RuleCatalog::builtin(), Level::Warning) ==
        R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="mcp-cutover" tests="6" failures="2" errors="1">
  <testsuite name="mcp-cutover.session-id-header" tests="2" failures="1" errors="0">
    <testcase classname="mcp-cutover.session-id-header" name="src/a.cpp">
      <failure type="warning" message="2 findings of session-id-header">src/a.cpp:3:5: warning: reads "Mcp-Session-Id" &lt;here&gt; &amp; )"
        "\xEF\xBF\xBD there \xEF\xBF\xBD"
        R"( [session-id-header]
src/a.cpp:8:5: warning: reads it again [session-id-header]
</failure>
    </testcase>
    <testcase classname="mcp-cutover.session-id-header" name="src/b.cpp">
      <system-out>src/b.cpp:4:5: warning: was there before [session-id-header] (unchanged)
</system-out>
    </testcase>
  </testsuite>
  <testsuite name="mcp-cutover.initialize-handler" tests="1" failures="0" errors="0">
    <testcase classname="mcp-cutover.initialize-handler" name="no findings"/>
  </testsuite>
  <testsuite name="mcp-cutover.legacy-protocol-version" tests="1" failures="0" errors="0">
    <testcase classname="mcp-cutover.legacy-protocol-version" name="src/b.cpp">
      <system-out>src/b.cpp:1:5: note: an old version [legacy-protocol-version]
</system-out>
    </testcase>
  </testsuite>
  <testsuite name="mcp-cutover.run" tests="2" failures="1" errors="1">
    <testcase classname="mcp-cutover.analysis" name="src/c.cpp">
      <error message="not analysed">src/c.cpp:1:10: 'x.h' file not found</error>
    </testcase>
    <testcase classname="mcp-cutover.suppressions" name="src/a.cpp:2">
      <failure type="error" message="NOLINTBEGIN(session-id-header) has no NOLINTEND"/>
    </testcase>
  </testsuite>
</testsuites>
)");
  // At --fail-on error nothing of the rules fails; the problem still does.
  std::string Lenient =
      renderJunit(ciResult(), RuleCatalog::builtin(), Level::Error);
  CHECK(Lenient.find("tests=\"6\" failures=\"1\" errors=\"1\"") !=
        std::string::npos);
  CHECK(Lenient.find("<failure type=\"warning\"") == std::string::npos);
}

TEST_CASE("GitLab Code Quality: every listed finding with its fingerprint, "
          "severity and lines",
          "[writers][gitlab]") {
  nlohmann::json Doc =
      nlohmann::json::parse(renderGitlabCodeQuality(ciResult()));
  REQUIRE(Doc.size() == 5);
  CHECK(Doc[0] == nlohmann::json::parse(R"({"type": "issue",
    "check_name": "session-id-header",
    "description": "reads \"Mcp-Session-Id\" <here> & \u0001 there \ufffd [session-id-header]",
    "categories": ["Compatibility"], "severity": "major", "fingerprint": "f1",
    "location": {"path": "src/a.cpp", "lines": {"begin": 3}}})"));
  CHECK(Doc[1]["location"]["lines"] ==
        nlohmann::json::parse(R"({"begin": 8, "end": 10})"));
  // A baseline's unchanged finding stays: GitLab compares reports itself.
  CHECK(Doc[2]["fingerprint"] == "f3");
  CHECK(Doc[3]["severity"] == "info");
  CHECK(Doc[4]["check_name"] == "suppression-directive");
  CHECK(Doc[4]["severity"] == "critical");
  CHECK(Doc[4]["fingerprint"].get<std::string>().size() == 32);
  CHECK(renderGitlabCodeQuality(ProjectResult()) == "[]\n");
}
