//===- FixVerifierTest.cpp - Fixes are kept only when they still parse ----===//
#include "tool/fix/FixVerifier.h"
#include "AnnotatedCode.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace mcp_cutover;

namespace {
std::string tempFolder() {
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("fix-verifier-test", Dir));
  return std::string(Dir);
}

Finding findingWithFix(const std::string &Rule, const std::string &File,
                       unsigned Line, unsigned Col, unsigned EndCol,
                       const std::string &Text) {
  Finding F;
  F.ruleId = Rule;
  F.span = {File, Line, Col, Line, EndCol};
  F.message = "m";
  F.fixes.push_back({{File, Line, Col, Line, EndCol}, Text});
  return F;
}
} // namespace

TEST_CASE("a fix that leaves a tools file unreadable, or brings a new schema "
          "finding, is dropped; a good one is kept",
          "[fixits][verify]") {
  std::string Dir = tempFolder();
  const std::string Json =
      "{\"tools\": [\n"
      " {\"name\": \"a\", \"inputSchema\": {\"type\": \"object\"}},\n"
      " {\"name\": \"b\", \"inputSchema\": {\"type\": \"object\"}},\n"
      " {\"name\": \"c\", \"inputSchema\": {\"type\": \"object\"}}\n"
      "]}\n";
  std::ofstream(Dir + "/tools.json", std::ios::binary) << Json;
  std::string Error;
  auto File = loadToolFile(Dir + "/tools.json", Error);
  REQUIRE(File);
  std::vector<ToolFile> Files = {*File};

  ProjectResult Result;
  Result.root = Dir;
  // Line 2: "object" -> "objec" + a dangling quote: not JSON any more.
  Result.findings.push_back(
      findingWithFix("handle-not-string", "tools.json", 2, 40, 48, "\"obj"));
  // Line 3: the schema's type becomes "array": input-schema-invalid is new.
  Result.findings.push_back(findingWithFix("handle-not-required", "tools.json",
                                           3, 40, 48, "\"array\""));
  // Line 4: a description added: changes nothing the rules judge badly.
  Result.findings.push_back(findingWithFix("handle-undocumented", "tools.json",
                                           4, 3, 3,
                                           "\"description\": \"d\", "));
  SourceCache Sources;
  FixSelection Selection = selectFixes(Result, Sources);
  REQUIRE(Selection.size() == 3);

  OwnershipPolicy Policy(Dir, {});
  std::set<std::string> Rules;
  HandleNaming Naming;
  AnalysisOptions Options;
  VerificationOutcome Outcome =
      verifyFixes(Result, Selection, Sources,
                  {{}, {}, Policy, Options, Files, Rules, Naming});
  REQUIRE(Outcome.dropped.size() == 2);
  CHECK(Outcome.dropped[0].rfind("tools.json:2:40: [handle-not-string] fix "
                                 "dropped: it would cause '" +
                                     Dir +
                                     "/tools.json: not valid JSON: line 2",
                                 0) == 0);
  CHECK(Outcome.dropped[1].rfind(
            "tools.json:3:40: [handle-not-required] fix "
            "dropped: it would cause 'input-schema-invalid: ",
            0) == 0);
  CHECK(Result.findings[0].fixes.empty());
  CHECK(Result.findings[1].fixes.empty());
  CHECK(Result.findings[2].fixes.size() == 1);
  CHECK(Selection.byFile.at("tools.json") == std::vector<size_t>{2});
}
