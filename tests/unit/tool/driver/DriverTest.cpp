#include "AnnotatedCode.h"
#include "TempDir.h"

#include "tool/driver/CompilationDatabaseLoader.h"
#include "tool/driver/Driver.h"
#include "tool/driver/IncludeScan.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace mcp_cutover;

namespace {
TranslationUnitFacts analyze(const std::map<std::string, std::string> &Extra,
                             std::vector<std::string> Args = {"-std=c++20"}) {
  std::map<std::string, std::string> Files = test::commonFiles();
  for (const auto &[Name, Text] : Extra)
    Files[Name] = Text;
  Args.push_back("-isystem/virtual/sys");
  OwnershipPolicy Policy(test::Root, {});
  return analyzeInMemory(Files, test::Root + "/main.cpp", Args, Policy, {});
}

using test::TempDir;

std::string planError(const PlanRequest &R) {
  auto Plan = planJobs(R);
  if (Plan)
    return "";
  return llvm::toString(Plan.takeError());
}
} // namespace

TEST_CASE("builtin headers resolve through the configured resource dir",
          "[driver]") {
  auto Facts = analyze({{test::Root + "/main.cpp",
                         "#include <cstddef>\n#include <stddef.h>\n"
                         "#include <stdarg.h>\nstruct P { int a; int b; };\n"
                         "std::size_t n = offsetof(P, b);\n"}});
  CHECK(Facts.firstError == "");
  CHECK(Facts.status == UnitStatus::Complete);
}

TEST_CASE("function bodies outside the user's files are not parsed",
          "[driver]") {
  // The same broken body: skipped in a system header, an error in the user's.
  const char *Broken = "#pragma once\ninline void helper() { undeclared(); }\n";
  auto InSystem =
      analyze({{"/virtual/sys/broken.h", Broken},
               {test::Root + "/main.cpp", "#include <broken.h>\n"}});
  CHECK(InSystem.status == UnitStatus::Complete);
  auto InUser =
      analyze({{test::Root + "/broken.h", Broken},
               {test::Root + "/main.cpp", "#include \"broken.h\"\n"}});
  CHECK(InUser.status == UnitStatus::Incomplete);
  CHECK(InUser.firstError ==
        "broken.h:2:24: use of undeclared identifier 'undeclared'");
}

TEST_CASE("a TU that does not compile is incomplete and keeps its findings",
          "[driver]") {
  auto Facts = analyze({{test::Root + "/main.cpp",
                         "#include \"shim.h\"\n#include \"missing.h\"\n"
                         "void f(shim::Response &r) { "
                         "r.set_header(\"Mcp-Session-Id\", \"1\"); }\n"
                         "void g() { undeclared(); }\n"}});
  CHECK(Facts.status == UnitStatus::Incomplete);
  CHECK(Facts.firstError == "main.cpp:2:10: 'missing.h' file not found");
  REQUIRE(Facts.findings.size() == 1);
  CHECK(Facts.findings[0].ruleId == "session-id-header");
  CHECK(Facts.findings[0].span.line == 3);
  CHECK(Facts.findings[0].span.column == 42);
}

TEST_CASE("missing, binary and folder main files fail with a one-line reason",
          "[driver]") {
  OwnershipPolicy Policy(test::Root, {});
  auto Missing =
      analyzeInMemory({}, test::Root + "/gone.cpp", {"-std=c++20"}, Policy, {});
  CHECK(Missing.status == UnitStatus::Failed);
  CHECK(Missing.firstError == "gone.cpp: no such file");
  auto Binary =
      analyzeInMemory({{test::Root + "/bin.cpp", std::string("\x7f"
                                                             "ELF\0\0",
                                                             6)}},
                      test::Root + "/bin.cpp", {"-std=c++20"}, Policy, {});
  CHECK(Binary.status == UnitStatus::Failed);
  CHECK(Binary.firstError == "bin.cpp: binary file, not C++ source");
}

TEST_CASE("an unknown compiler flag makes the TU incomplete and is named",
          "[driver]") {
  auto Facts = analyze({{test::Root + "/main.cpp", "int x;\n"}},
                       {"-std=c++20", "--definitely-not-a-flag"});
  CHECK(Facts.status == UnitStatus::Incomplete);
  CHECK(Facts.firstError == "unknown argument: '--definitely-not-a-flag'");
}

TEST_CASE("planJobs finds the database upward and in build folders",
          "[driver][database]") {
  TempDir Dir;
  std::string Source = Dir.write("src/a.cpp", "int a;\n");
  Dir.write("src/b.cpp", "int b;\n");
  Dir.write("build-debug/compile_commands.json",
            "[{\"directory\": \"" + Dir.path +
                "\", \"file\": \"src/a.cpp\", "
                "\"command\": \"c++ -std=c++17 -c src/a.cpp\"},"
                "{\"directory\": \"" +
                Dir.path +
                "\", \"file\": \"src/b.cpp\", "
                "\"arguments\": [\"c++\", \"-c\", \"src/b.cpp\"]}]");
  PlanRequest Request;
  Request.paths = {Source};
  auto Plan = planJobs(Request);
  REQUIRE(static_cast<bool>(Plan));
  REQUIRE(Plan->jobs.size() == 1);
  CHECK(Plan->jobs[0].file == canonicalPath(Source));
  CHECK(Plan->jobs[0].commandLine ==
        std::vector<std::string>{"c++", "-std=c++17", "-c", "src/a.cpp"});
  CHECK(Plan->databasePath ==
        canonicalPath(Dir.path + "/build-debug/compile_commands.json"));

  Request.paths = {Dir.path + "/src"};
  Request.extraArgs = {"-DEXTRA"};
  auto Both = planJobs(Request);
  REQUIRE(static_cast<bool>(Both));
  REQUIRE(Both->jobs.size() == 2);
  CHECK(Both->jobs[1].commandLine.back() == "-DEXTRA");
}

TEST_CASE("planJobs names the file and the problem", "[driver][database]") {
  TempDir Dir;
  std::string Db =
      Dir.write("build/compile_commands.json", "[{\"directory\": ");
  PlanRequest Bad;
  Bad.buildDir = Dir.path + "/build";
  std::string Error = planError(Bad);
  CHECK(Error.rfind(canonicalPath(Db) + ": malformed compilation database: ",
                    0) == 0);
  CHECK(Error.find('\n') == std::string::npos);

  PlanRequest Missing;
  Missing.paths = {Dir.path + "/nope.cpp"};
  CHECK(planError(Missing) ==
        Dir.path + "/nope.cpp: no such file or directory");

  PlanRequest NoDb;
  NoDb.buildDir = Dir.path;
  CHECK(planError(NoDb) ==
        Dir.path + ": no compile_commands.json in this folder (configure with "
                   "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");

  Dir.write("build/compile_commands.json", "[]");
  PlanRequest Empty;
  Empty.buildDir = Dir.path + "/build";
  CHECK(planError(Empty) ==
        canonicalPath(Db) + ": no translation unit in the database");
}

TEST_CASE("without a database, sources under the paths use the flags after --",
          "[driver][database]") {
  TempDir Dir;
  Dir.write("x/one.cpp", "int one;\n");
  Dir.write("x/two.cc", "int two;\n");
  Dir.write("x/notes.txt", "not code\n");
  Dir.write("x/build/gen.cpp", "int generated;\n");
  PlanRequest Request;
  Request.paths = {Dir.path + "/x"};
  Request.hasDashDash = true;
  Request.extraArgs = {"-std=c++17", "-DX=1"};
  auto Plan = planJobs(Request);
  REQUIRE(static_cast<bool>(Plan));
  REQUIRE(Plan->jobs.size() == 2);
  CHECK(Plan->jobs[0].file == canonicalPath(Dir.path + "/x/one.cpp"));
  CHECK(Plan->jobs[0].commandLine ==
        std::vector<std::string>{"clang++", "-std=c++17", "-DX=1",
                                 canonicalPath(Dir.path + "/x/one.cpp")});
  CHECK(Plan->databasePath.empty());
}

TEST_CASE("a header no TU includes, beside one that is included, is analysed "
          "on its own with the including TU's flags",
          "[driver][headers]") {
  TempDir Dir;
  Dir.write("include/used.h", "#pragma once\nint used();\n");
  Dir.write("include/orphan.hpp",
            "#pragma once\n#include <map>\n#include <string>\n"
            "struct Middleware { std::map<std::string, int> sessions_; };\n");
  Dir.write("include/notes.txt", "not a header\n");
  Dir.write("stray/alone.h", "int alone;\n"); // no covered neighbour: left out
  Dir.write("src/a.cpp", "#include \"used.h\"\nint x = used();\n");
  std::string Root = canonicalPath(Dir.path);
  PlanRequest Request;
  Request.paths = {Dir.path};
  Request.hasDashDash = true;
  Request.extraArgs = {"-std=c++20", "-I" + Root + "/include"};
  auto Plan = planJobs(Request);
  REQUIRE(static_cast<bool>(Plan));
  REQUIRE(Plan->jobs.size() == 1);
  OwnershipPolicy Policy(Root, {});
  auto Units = analyzeAll(Plan->jobs, Policy, {});
  CHECK(Units[0].userFiles ==
        std::vector<std::string>{Root + "/include/used.h"});

  auto Owned = [&](llvm::StringRef P) { return Policy.ownsPath(P); };
  auto Headers =
      planStandaloneHeaderJobs(Plan->jobs, {Units[0].userFiles}, {}, Owned);
  REQUIRE(Headers.size() == 1);
  CHECK(Headers[0].file == Root + "/include/orphan.hpp");
  CHECK(Headers[0].standaloneHeader);
  CHECK(Headers[0].commandLine ==
        std::vector<std::string>{"clang++", "-std=c++20",
                                 "-I" + Root + "/include", "-xc++",
                                 Root + "/include/orphan.hpp"});
  // Limited by the requested paths, like TUs.
  CHECK(planStandaloneHeaderJobs(Plan->jobs, {Units[0].userFiles},
                                 {Root + "/src"}, Owned)
            .empty());

  auto Header = analyzeTranslationUnit(Headers[0], Policy, {});
  CHECK(Header.status == UnitStatus::Complete);
  CHECK(Header.standaloneHeader);
  ProjectResult Result =
      linkProject({Units[0], Header}, RuleCatalog::builtin(), Policy, {});
  REQUIRE(Result.findings.size() == 1);
  CHECK(Result.findings[0].span.file == "include/orphan.hpp");
  CHECK(Result.findings[0].span.line == 4);
  CHECK(Result.findings[0].ruleId == "session-keyed-state");
  CHECK(Result.units[1].standaloneHeader);
}

TEST_CASE("the include scan lists every file a unit reads without parsing "
          "it, and make's escapes are undone",
          "[diff-base]") {
  CHECK(
      parseMakeDependencies("x.o: a.cpp my\\ dir/b.h \\\n  c\\#1.h $$d.h\n") ==
      std::vector<std::string>{"a.cpp", "my dir/b.h", "c#1.h", "$d.h"});
  CHECK(parseMakeDependencies("") == std::vector<std::string>{});

  test::TempDir Dir;
  std::string Main =
      Dir.write("main.cpp", "#include \"my dir/b.h\"\n"
                            "#if 0\n#include \"never.h\"\n#endif\n"
                            "int main() { return B; }\n");
  std::string Header =
      Dir.write("my dir/b.h", "#pragma once\nconstexpr int B = 0;\n");
  std::string Broken = Dir.write("broken.cpp", "#include \"missing.h\"\n");
  auto Job = [&](const std::string &File) {
    CompileJob J;
    J.file = File;
    J.directory = Dir.path;
    J.commandLine = {"clang++", "-std=c++20", "-c", File};
    return J;
  };
  auto Scanned = scanIncludedFiles({Job(Main), Job(Broken)}, {});
  REQUIRE(Scanned.size() == 2);
  REQUIRE(Scanned[0].has_value());
  CHECK(*Scanned[0] == std::vector<std::string>{Main, Header});
  // A unit the scanner cannot finish is unknown, not "reads nothing".
  CHECK_FALSE(Scanned[1].has_value());
}
