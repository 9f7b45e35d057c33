#include "tool/files/ChangedLines.h"
#include "TempDir.h"
#include "tool/output/DiffScope.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

TEST_CASE("a unified diff gives the new lines of each file: renames, "
          "deletions and look-alike content are read as git means them",
          "[diff-base]") {
  test::TempDir Top;
  Top.write("src/a.cpp", "");
  Top.write("src/tab\tname.cpp", "");
  ChangedLines C;
  std::string Diff = "diff --git a/src/a.cpp b/src/a.cpp\n"
                     "index 1..2 100644\n"
                     "--- a/src/a.cpp\n"
                     "+++ b/src/a.cpp\n"
                     "@@ -3 +3 @@ void a()\n"
                     "-  old();\n"
                     "+  fresh();\n"
                     "@@ -10,0 +11,2 @@\n"
                     "++++ content that looks like a header\n"
                     "+--- and one that looks like a removal\n"
                     "@@ -20,3 +22,0 @@\n"
                     "-gone\n"
                     "-gone\n"
                     "-gone\n"
                     "\\ No newline at end of file\n"
                     "diff --git a/old.cpp b/src/tab\tname.cpp\n"
                     "similarity index 90%\n"
                     "rename from old.cpp\n"
                     "rename to \"src/tab\\tname.cpp\"\n"
                     "--- \"a/old.cpp\"\n"
                     "+++ \"b/src/tab\\tname.cpp\"\n"
                     "@@ -1 +1,3 @@\n"
                     "-x\n"
                     "+y\n"
                     "+z\n"
                     "+w\n"
                     "diff --git a/my file.cpp b/my file.cpp\n"
                     "--- a/my file.cpp\t\n"
                     "+++ b/my file.cpp\t\n"
                     "@@ -0,0 +1 @@\n"
                     "+new\n"
                     "diff --git a/gone.cpp b/gone.cpp\n"
                     "deleted file mode 100644\n"
                     "--- a/gone.cpp\n"
                     "+++ /dev/null\n"
                     "@@ -1 +0,0 @@\n"
                     "-bye\n";
  REQUIRE(parseUnifiedDiff(Diff, Top.path, C) == "");
  using Ranges = std::vector<std::pair<unsigned, unsigned>>;
  REQUIRE(C.files.size() == 3);
  // git ends a name holding a space with a TAB.
  CHECK(C.files.at(Top.path + "/my file.cpp") == Ranges{{1, 1}});
  CHECK(C.files.at(Top.path + "/src/a.cpp") == Ranges{{3, 3}, {11, 12}});
  CHECK(C.files.at(Top.path + "/src/tab\tname.cpp") == Ranges{{1, 3}});
  CHECK(C.touches(Top.path + "/src/a.cpp", 12, 12));
  CHECK(C.touches(Top.path + "/src/a.cpp", 9, 11)); // a span reaching in
  CHECK_FALSE(C.touches(Top.path + "/src/a.cpp", 4, 10));
  CHECK_FALSE(C.touches(Top.path + "/src/a.cpp", 22, 22)); // only removed
  CHECK_FALSE(C.touchesFile(Top.path + "/gone.cpp"));

  ChangedLines Bad;
  CHECK(parseUnifiedDiff("+++ b/a.cpp\n@@ -1 +1,2 @@\n+one\n", Top.path, Bad) ==
        "git diff output: the last hunk ends early");
  CHECK(parseUnifiedDiff("+++ b/a.cpp\n@@ -1 +x @@\n", Top.path, Bad) ==
        "git diff output, line 2: a hunk header is not @@ -a,b +c,d @@");
  CHECK(parseUnifiedDiff("+++ \"b/a\\q\"\n", Top.path, Bad) ==
        "git diff output, line 1: a path git quoted is not readable");
  CHECK(parseUnifiedDiff("+++ c/a.cpp\n", Top.path, Bad) ==
        "git diff output, line 1: a new file's path does not start with b/");
}

TEST_CASE("diff-base keeps findings on changed lines and counts the rest, "
          "and project-wide rules need every unit",
          "[diff-base]") {
  ProjectResult R;
  R.root = "/repo";
  auto At = [](const std::string &File, unsigned Line, unsigned EndLine) {
    Finding F;
    F.ruleId = "session-id-header";
    F.span = {File, Line, 1, EndLine, 2};
    return F;
  };
  R.findings = {At("a.cpp", 2, 2), At("a.cpp", 5, 7), At("a.cpp", 9, 9),
                At("b.cpp", 1, 1)};
  R.suppressed = {At("a.cpp", 3, 3), At("a.cpp", 8, 8)};
  SuppressionProblem P;
  P.span = {"b.cpp", 4, 1, 4, 1};
  R.suppressionProblems = {P};
  ChangedLines C;
  C.files["/repo/a.cpp"] = {{3, 3}, {7, 8}};
  applyDiffScope(R, C, "origin/main");
  REQUIRE(R.findings.size() == 1);
  CHECK(R.findings[0].span.line == 5); // lines 5-7 reach the change at 7
  CHECK(R.outsideDiff == 3);
  CHECK(R.diffBase == "origin/main");
  CHECK(R.suppressed.size() == 2);
  CHECK(R.suppressionProblems.empty());

  const RuleCatalog &Catalog = RuleCatalog::builtin();
  CHECK(needsEveryUnit(Catalog, {}));
  CHECK(needsEveryUnit(Catalog, {"session-id-header", "session-keyed-state"}));
  CHECK_FALSE(needsEveryUnit(Catalog, {"session-id-header", "removed-method"}));
  // Reported unless another unit shows the 2026-07-28 sign: every unit.
  CHECK(needsEveryUnit(Catalog, {"legacy-protocol-version"}));
}
