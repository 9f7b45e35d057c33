//===- ReportTest.cpp - Checklist, plan, diffs and fix selection ----------===//
#include "checks/FixApplier.h"
#include "tool/fix/FixExport.h"
#include "tool/fix/UnifiedDiff.h"
#include "tool/output/ResultReader.h"
#include "tool/output/Writers.h"
#include "tool/report/Checklist.h"
#include "tool/report/CutoverPlan.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace mcp_cutover;

namespace {
std::string checklistWith(const std::string &Items) {
  return R"({"schemaVersion": 1, "gaDate": "2026-07-28", "items": [)" + Items +
         "]}";
}

/// A checklist naming every catalog rule in one item, plus `Extra`.
std::string fullChecklist(const std::string &Extra = "") {
  std::string Rules, Probe;
  for (const Rule &R : RuleCatalog::builtin().rules()) {
    std::string &List = R.runtime ? Probe : Rules;
    List += (List.empty() ? "\"" : ", \"") + R.id + "\"";
  }
  return checklistWith(
      R"({"id": "all", "week": 4, "title": "t", "spec": "s", "rules": [)" +
      Rules + R"(], "probe": [)" + Probe + "]}" + Extra);
}

std::string parseError(const std::string &Json) {
  try {
    Checklist::parse(Json, RuleCatalog::builtin());
  } catch (const std::exception &E) {
    return E.what();
  }
  return "";
}

Finding finding(const std::string &Rule, const std::string &File, unsigned Line,
                std::vector<FixIt> Fixes = {}) {
  Finding F;
  F.ruleId = Rule;
  F.span = {File, Line, 1, Line, 2};
  F.message = "m";
  F.fixes = std::move(Fixes);
  return F;
}

FixIt fix(const std::string &File, unsigned L1, unsigned C1, unsigned L2,
          unsigned C2, const std::string &Text) {
  return {{File, L1, C1, L2, C2}, Text};
}

std::string tempFolder() {
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("report-test", Dir));
  return std::string(Dir);
}

void writeText(const std::string &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary) << Text;
}

std::string readText(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}
} // namespace

TEST_CASE("the built-in checklist puts every rule in exactly one item and "
          "says how to verify the others",
          "[report]") {
  const Checklist &C = Checklist::builtin();
  CHECK(C.gaDate() == "2026-07-28");
  std::map<std::string, int> Seen;
  for (const ChecklistItem &I : C.items()) {
    for (const std::string &R : I.rules)
      ++Seen[R];
    for (const std::string &R : I.probeRules)
      ++Seen[R];
    CHECK((!I.rules.empty() || !I.verify.empty()));
    CHECK(!I.spec.empty());
  }
  for (const Rule &R : RuleCatalog::builtin().rules())
    CHECK(Seen[R.id] == 1);
  std::set<int> Weeks;
  for (const ChecklistItem &I : C.items())
    Weeks.insert(I.week);
  CHECK(Weeks == std::set<int>{0, 1, 2, 3, 4});
}

TEST_CASE("checklist mistakes are named with their JSON path", "[report]") {
  CHECK(parseError(fullChecklist()) == "");
  // Runtime rules verify an item under "probe", the code's under "rules".
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "x", "week": 2, "title": "t", "spec": "s", "rules": ["probe-discover"]})")) ==
      "checklist: /items/1: rule 'probe-discover' belongs in 'probe'");
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "x", "week": 2, "title": "t", "spec": "s", "probe": ["list-mutation"]})")) ==
      "checklist: /items/1: rule 'list-mutation' belongs in 'rules'");
  CHECK(parseError(checklistWith("")) ==
        "checklist: /items: rule 'session-id-header' belongs to no item");
  CHECK(parseError(fullChecklist(
            R"(, {"id": "x", "week": 2, "title": "t", "spec": "s"})")) ==
        "checklist: /items/1: an item without rules needs 'verify' (how to "
        "check it)");
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "x", "week": 2, "title": "t", "spec": "s", "rules": ["list-mutation"]})")) ==
      "checklist: /items/1: rule 'list-mutation' is already in item \"all\"");
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "x", "week": 5, "title": "t", "spec": "s", "verify": "v"})")) ==
      "checklist: /items/1: 'week' must be an integer from 0 (GA week) to 4");
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "x", "week": 1, "title": "t", "spec": "s", "verify": "v", "owner": "me"})")) ==
      "checklist: /items/1: unknown key \"owner\"");
  CHECK(
      parseError(fullChecklist(
          R"(, {"id": "all", "week": 1, "title": "t", "spec": "s", "verify": "v"})")) ==
      "checklist: /items/1: id \"all\" repeats");
}

TEST_CASE("dates: only real YYYY-MM-DD days", "[report]") {
  CHECK(parseDate("2026-07-28") == 20662);
  CHECK(formatDate(20662) == "2026-07-28");
  CHECK(formatDate(*parseDate("2028-02-29")) == "2028-02-29");
  CHECK(!parseDate("2026-02-29"));
  CHECK(!parseDate("2026-7-28"));
  CHECK(!parseDate("2026-07-28x"));
  CHECK(!parseDate("28/07/2026"));
  CHECK(!parseDate(""));
}

TEST_CASE("the plan: statuses from findings and the rules that ran, weeks "
          "dated back from GA, past-due open items",
          "[report]") {
  ProjectResult R;
  R.root = "/nowhere/shop";
  R.rulesRun = {"session-id-header", "initialize-handler"};
  R.findings.push_back(finding("session-id-header", "a.cpp", 3));
  R.findings.back().related.push_back({{"b.h", 7, 1, 7, 4}, "defined here"});
  R.findings.push_back(finding("session-id-header", "a.cpp", 1));
  SourceCache Sources;
  PlanOptions O;
  O.gaDay = *parseDate("2026-07-28");
  O.today = *parseDate("2026-07-10");
  CutoverPlan Plan =
      buildPlan(R, RuleCatalog::builtin(), Checklist::builtin(), O, Sources);
  CHECK(Plan.project == "shop");
  CHECK(Plan.now ==
        "Today is in Week 3 of the plan: 18 days to GA (2026-07-28).");
  REQUIRE(Plan.weeks.size() == 5);
  const PlanWeek &W4 = Plan.weeks[0];
  CHECK(W4.week == 4);
  CHECK(weekWhen(W4) == "2026-06-30 to 2026-07-06, over");
  CHECK(weekWhen(Plan.weeks[1]) == "2026-07-07 to 2026-07-13, this week");
  CHECK(weekWhen(Plan.weeks[4]) == "2026-07-28 to 2026-08-03, upcoming");
  std::map<std::string, const PlanItem *> Items;
  for (const PlanWeek &W : Plan.weeks)
    for (const PlanItem &I : W.items)
      Items[I.item->id] = &I;
  const PlanItem &Header = *Items["inventory-session-header"];
  CHECK(Header.status == ItemStatus::Open);
  CHECK(Header.pastDue);
  CHECK(itemStatusText(Header) == "2 open, past due");
  REQUIRE(Header.findings.size() == 2);
  CHECK(Header.findings[0].finding->span.line == 1); // in file order
  CHECK(Header.findings[0].link == "a.cpp#L1");
  CHECK(Header.findings[0].excerpt.empty()); // the file does not exist
  CHECK(Items["inventory-initialize"]->status == ItemStatus::Done);
  CHECK(Items["inventory-session-state"]->status == ItemStatus::NotChecked);
  CHECK(Items["state-in-shared-storage"]->status == ItemStatus::Manual);
  // Its rules did not run: not checked, never done.
  CHECK(Items["ga-sticky-sessions"]->status == ItemStatus::NotChecked);
  CHECK(Plan.byRisk.empty());
  CHECK(itemsDoneText(Plan) == "1 of 33 checklist items done");
  CHECK(findingsText(Plan) == "2 open findings in 1 file");

  O.today = *parseDate("2026-08-04");
  O.linkBase = "https://example.com/blob/abc";
  Plan = buildPlan(R, RuleCatalog::builtin(), Checklist::builtin(), O, Sources);
  CHECK(Plan.afterGa);
  CHECK(Plan.byRisk.size() == 2);
  CHECK(Plan.byRisk[0]->link == "https://example.com/blob/abc/a.cpp#L1");
  REQUIRE(Plan.byRisk[1]->related.size() == 1);
  CHECK(Plan.byRisk[1]->related[0].link ==
        "https://example.com/blob/abc/b.h#L7");
  CHECK(Plan.now == "GA was 7 days ago (2026-07-28): every open item is past "
                    "due; open work is listed by risk first.");
}

TEST_CASE("the plan: gateway items need manual verification when no proxy "
          "configuration was read, and are done or open when it was",
          "[report]") {
  ProjectResult R;
  R.root = "/nowhere/shop";
  R.rulesWithoutInput = {"sticky-session-config", "gateway-session-header"};
  SourceCache Sources;
  PlanOptions O;
  O.gaDay = *parseDate("2026-07-28");
  O.today = *parseDate("2026-07-10");
  auto Sticky = [&] {
    CutoverPlan Plan =
        buildPlan(R, RuleCatalog::builtin(), Checklist::builtin(), O, Sources);
    for (const PlanWeek &W : Plan.weeks)
      for (const PlanItem &I : W.items)
        if (I.item->id == "ga-sticky-sessions")
          return I.status;
    FAIL("no ga-sticky-sessions item");
    return ItemStatus::Open;
  };
  CHECK(Sticky() == ItemStatus::Manual);
  R.rulesWithoutInput.clear();
  R.rulesRun = {"sticky-session-config", "gateway-session-header"};
  CHECK(Sticky() == ItemStatus::Done);
  R.findings.push_back(finding("sticky-session-config", "nginx.conf", 4));
  CHECK(Sticky() == ItemStatus::Open);
}

TEST_CASE("unified diffs come from the fix ranges: replacements, "
          "insertions, line deletions, separate hunks",
          "[report][fixits]") {
  const std::string Text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
  std::string Error;
  CHECK(unifiedDiff("x.cpp", Text, {fix("x.cpp", 2, 1, 2, 2, "B")}, 1, Error) ==
        "--- a/x.cpp\n+++ b/x.cpp\n@@ -1,3 +1,3 @@\n "
        "a\n-b\n+B\n c\n");
  CHECK(unifiedDiff("x.cpp", Text, {fix("x.cpp", 3, 1, 4, 1, "")}, 1, Error) ==
        "--- a/x.cpp\n+++ b/x.cpp\n@@ -2,3 +2,2 @@\n b\n-c\n d\n");
  CHECK(unifiedDiff("x.cpp", Text, {fix("x.cpp", 2, 2, 2, 2, "\nnew")}, 0,
                    Error) ==
        "--- a/x.cpp\n+++ b/x.cpp\n@@ -2,0 +3,1 @@\n+new\n");
  CHECK(unifiedDiff(
            "x.cpp", Text,
            {fix("x.cpp", 9, 1, 9, 2, "I"), fix("x.cpp", 1, 1, 2, 1, "")}, 1,
            Error) == "--- a/x.cpp\n+++ b/x.cpp\n@@ -1,2 +1,1 @@\n-a\n b\n"
                      "@@ -8,3 +7,3 @@\n h\n-i\n+I\n j\n");
  CHECK(unifiedDiff("x.cpp", Text, {fix("x.cpp", 2, 1, 2, 2, "b")}, 1,
                    Error) == ""); // changes nothing
  CHECK(unifiedDiff("x.cpp", Text, {fix("x.cpp", 20, 1, 20, 2, "b")}, 1,
                    Error) == "");
  CHECK(Error == "fix-it at 20:1 is outside the file");
}

TEST_CASE("fix selection: a fix overlapping one already taken is skipped "
          "with a message naming it; same-point insertions conflict",
          "[report][fixits]") {
  std::string Dir = tempFolder();
  writeText(Dir + "/a.cpp", "int x = 1;\nint y = 2;\n");
  ProjectResult R;
  R.root = Dir;
  R.findings.push_back(finding("session-id-header", "a.cpp", 1,
                               {fix("a.cpp", 1, 1, 1, 11, "int x = 3;")}));
  R.findings.push_back(finding("tool-missing-handle", "a.cpp", 1,
                               {fix("a.cpp", 1, 5, 1, 6, "z")}));
  R.findings.push_back(finding("handle-not-required", "a.cpp", 2,
                               {fix("a.cpp", 2, 11, 2, 11, " // a")}));
  R.findings.push_back(finding("handle-not-string", "a.cpp", 2,
                               {fix("a.cpp", 2, 11, 2, 11, " // b")}));
  R.findings.push_back(finding("handle-undocumented", "gone.cpp", 1,
                               {fix("gone.cpp", 1, 1, 1, 1, "x")}));
  SourceCache Sources;
  FixSelection S = selectFixes(R, Sources);
  REQUIRE(S.byFile.size() == 1);
  CHECK(S.byFile["a.cpp"].size() == 2);
  CHECK(S.skipped ==
        std::vector<std::string>{
            "a.cpp:1:1: [tool-missing-handle] its fix overlaps another "
            "finding's fix; skipped (run again after fixing the others)",
            "a.cpp:2:1: [handle-not-string] its fix overlaps another "
            "finding's fix; skipped (run again after fixing the others)",
            "gone.cpp:1:1: [handle-undocumented] gone.cpp cannot be read; "
            "skipped"});

  // In place: only when the bytes are the ones analysed.
  R.fileDigests["a.cpp"] = contentDigest("something else");
  FixOutcome Stale = applyFixesInPlace(R, S);
  CHECK(Stale.files == 0);
  CHECK(Stale.messages ==
        std::vector<std::string>{"a.cpp: changed since it was analysed; not "
                                 "fixed (run again)"});
  CHECK(readText(Dir + "/a.cpp") == "int x = 1;\nint y = 2;\n");
  R.fileDigests["a.cpp"] = contentDigest("int x = 1;\nint y = 2;\n");
  llvm::sys::fs::setPermissions(Dir + "/a.cpp", llvm::sys::fs::perms(0750));
  FixOutcome Done = applyFixesInPlace(R, S);
  CHECK(*llvm::sys::fs::getPermissions(Dir + "/a.cpp") ==
        llvm::sys::fs::perms(0750)); // the mode survives the atomic write
  CHECK(Done.files == 1);
  CHECK(Done.fixes == 2);
  CHECK(Done.messages.empty());
  CHECK(readText(Dir + "/a.cpp") == "int x = 3;\nint y = 2; // a\n");
  llvm::sys::fs::remove_directories(Dir);
}

TEST_CASE("a saved JSON result reads back into the same result", "[report]") {
  ProjectResult R;
  R.root = "/r";
  Finding F =
      finding("session-id-header", "a.cpp", 4, {fix("a.cpp", 4, 1, 5, 1, "")});
  F.related.push_back({{"b.h", 1, 2, 1, 3}, "declared here"});
  F.fingerprint = "abc";
  R.findings.push_back(F);
  R.units.push_back(
      {"a.cpp", UnitStatus::Incomplete, "a.cpp:1:1: e", 1, false});
  ToolScopeRow T;
  T.name = "add_item";
  T.site = {"a.cpp", 9, 3, 9, 12};
  T.handler = "f";
  T.schema = "json-literal";
  T.state = {"'carts_'"};
  T.handleStatus = "missing";
  R.tools.push_back(T);
  R.rulesRun = {"session-id-header"};
  R.rulesWithoutInput = {"sticky-session-config"};
  R.configFiles.push_back({"deploy/nginx.conf", UnitStatus::Failed,
                           "deploy/nginx.conf:2:1: bad", 1, false});
  R.fileDigests["a.cpp"] = "d41d8cd98f00b204e9800998ecf8427e";
  Finding Accepted = finding("session-id-header", "a.cpp", 7, {});
  Accepted.fingerprint = "def";
  Accepted.suppression = Suppression{{"a.cpp", 7, 20, 7, 26}, "v1 clients"};
  R.suppressed.push_back(Accepted);
  R.suppressionProblems.push_back(
      {{"b.cpp", 2, 4, 2, 15}, Level::Error, "NOLINTBEGIN(x) has no end"});
  // As --baseline leaves it.
  R.hasBaseline = true;
  R.findings[0].baselineState = "new";
  R.suppressed[0].baselineState = "unchanged";
  Finding Gone = finding("session-id-header", "c.cpp", 3, {});
  Gone.fingerprint = "0ff";
  Gone.baselineState = "absent";
  R.fixed.push_back(Gone);
  std::string Dir = tempFolder();
  writeText(Dir + "/r.json", renderJson(R, RuleCatalog::builtin()));
  std::string Error;
  auto Back = readJsonResult(Dir + "/r.json", "/r", Error);
  INFO(Error);
  REQUIRE(Back);
  CHECK(Back->findings.size() == 1);
  CHECK(Back->findings[0].span == F.span);
  CHECK(Back->findings[0].related == F.related);
  CHECK(Back->findings[0].fixes == F.fixes);
  CHECK(Back->findings[0].fingerprint == "abc");
  CHECK(Back->units[0].status == UnitStatus::Incomplete);
  CHECK(Back->units[0].firstError == "a.cpp:1:1: e");
  CHECK(Back->tools[0].name == "add_item");
  CHECK(Back->tools[0].state == T.state);
  CHECK(Back->rulesRun == R.rulesRun);
  CHECK(Back->rulesWithoutInput == R.rulesWithoutInput);
  REQUIRE(Back->configFiles.size() == 1);
  CHECK(Back->configFiles[0].file == "deploy/nginx.conf");
  CHECK(Back->configFiles[0].status == UnitStatus::Failed);
  CHECK(Back->configFiles[0].firstError == "deploy/nginx.conf:2:1: bad");
  CHECK(Back->fileDigests == R.fileDigests);
  REQUIRE(Back->suppressed.size() == 1);
  CHECK(Back->suppressed[0].suppression == Accepted.suppression);
  CHECK(Back->suppressionProblems == R.suppressionProblems);
  CHECK(Back->hasBaseline);
  CHECK(Back->findings[0].baselineState == "new");
  REQUIRE(Back->fixed.size() == 1);
  CHECK(Back->fixed[0].fingerprint == "0ff");
  CHECK(renderJson(*Back, RuleCatalog::builtin()) ==
        renderJson(R, RuleCatalog::builtin()));
  llvm::sys::fs::remove_directories(Dir);
}
