//===- JunitWriter.cpp - JUnit XML for CI test-report views ---------------===//
//
// CI systems (GitLab, Jenkins, Azure) list JUnit test cases beside the build
// log. A test suite per rule that ran, a test case per file it reported in:
// the case fails when a finding in it fails the run (the --fail-on level,
// not accepted by a baseline), so the report and the exit code agree. A
// rule with no finding has one passing case, so the view shows it ran.
//
//===----------------------------------------------------------------------===//
#include "tool/output/Writers.h"

#include "llvm/Support/ConvertUTF.h"

#include <map>

namespace mcp_cutover {

std::string escapeXml(llvm::StringRef Text, bool Attribute) {
  std::string Out;
  Out.reserve(Text.size());
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  const auto *End = P + Text.size();
  while (P < End) {
    unsigned char C = *P;
    if (C >= 0x80) {
      unsigned N = llvm::getNumBytesForUTF8(C);
      if (N <= static_cast<unsigned>(End - P) &&
          llvm::isLegalUTF8Sequence(P, P + N)) {
        Out.append(reinterpret_cast<const char *>(P), N);
        P += N;
      } else {
        Out += "\xEF\xBF\xBD";
        ++P;
      }
      continue;
    }
    ++P;
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += Attribute ? "&quot;" : "\"";
      break;
    default:
      if (C < 0x20 && C != '\t' && C != '\n' && C != '\r')
        Out += "\xEF\xBF\xBD";
      else
        Out += static_cast<char>(C);
    }
  }
  return Out;
}

namespace {
std::string xml(llvm::StringRef Text, bool Attribute = false) {
  return escapeXml(Text, Attribute);
}

std::string findingLine(const Finding &F) {
  std::string Line = F.span.file + ":" + std::to_string(F.span.line) + ":" +
                     std::to_string(F.span.column) + ": " + levelName(F.level) +
                     ": " + F.message + " [" + F.ruleId + "]";
  if (!F.baselineState.empty())
    Line += " (" + F.baselineState + ")";
  return Line + "\n";
}

struct Case {
  std::string name;
  std::vector<const Finding *> failing; ///< Fail the run.
  std::vector<const Finding *> others; ///< Below --fail-on, or in the baseline.
};

std::string plural(size_t N, const char *Word) {
  return std::to_string(N) + " " + Word + (N == 1 ? "" : "s");
}
} // namespace

std::string renderJunit(const ProjectResult &Result, const RuleCatalog &Catalog,
                        Level FailOn) {
  // rule -> file -> case, in catalog order and path order.
  std::map<int, std::map<std::string, Case>> Suites;
  for (const std::string &Id : Result.rulesRun)
    Suites[Catalog.indexOf(Id)];
  for (const Finding &F : Result.findings) {
    Case &C = Suites[Catalog.indexOf(F.ruleId)][F.span.file];
    C.name = F.span.file;
    (F.level >= FailOn && F.baselineState != "unchanged" ? C.failing : C.others)
        .push_back(&F);
  }

  std::string Body;
  size_t Tests = 0, Failures = 0, Errors = 0;
  for (const auto &[Index, Files] : Suites) {
    if (Index < 0)
      continue;
    const Rule &R = Catalog.rules()[static_cast<size_t>(Index)];
    std::string Class = xml("mcp-cutover." + R.id, true);
    size_t SuiteFailures = 0;
    for (const auto &[File, C] : Files)
      SuiteFailures += !C.failing.empty();
    size_t SuiteTests = std::max<size_t>(1, Files.size());
    Tests += SuiteTests;
    Failures += SuiteFailures;
    Body += "  <testsuite name=\"" + Class + "\" tests=\"" +
            std::to_string(SuiteTests) + "\" failures=\"" +
            std::to_string(SuiteFailures) + "\" errors=\"0\">\n";
    if (Files.empty())
      Body +=
          "    <testcase classname=\"" + Class + "\" name=\"no findings\"/>\n";
    for (const auto &[File, C] : Files) {
      Body += "    <testcase classname=\"" + Class + "\" name=\"" +
              xml(C.name, true) + "\">\n";
      if (!C.failing.empty()) {
        std::string Text;
        for (const Finding *F : C.failing)
          Text += findingLine(*F);
        Body += "      <failure type=\"" +
                std::string(levelName(C.failing.front()->level)) +
                "\" message=\"" +
                xml(plural(C.failing.size(), "finding") + " of " + R.id, true) +
                "\">" + xml(Text) + "</failure>\n";
      }
      if (!C.others.empty()) {
        std::string Text;
        for (const Finding *F : C.others)
          Text += findingLine(*F);
        Body += "      <system-out>" + xml(Text) + "</system-out>\n";
      }
      Body += "    </testcase>\n";
    }
    Body += "  </testsuite>\n";
  }

  // What the run could not trust is an error, not a failure: a unit that
  // was not analysed, a directive that could not be honoured.
  std::string Problems;
  size_t ProblemCases = 0, ProblemFailures = 0;
  for (const UnitSummary &U : Result.units) {
    if (U.status != UnitStatus::Failed)
      continue;
    ++ProblemCases;
    Problems += "    <testcase classname=\"mcp-cutover.analysis\" name=\"" +
                xml(U.file, true) +
                "\">\n      <error message=\"not analysed\">" +
                xml(U.firstError) + "</error>\n    </testcase>\n";
  }
  size_t ProblemErrors = ProblemCases;
  for (const SuppressionProblem &P : Result.suppressionProblems) {
    ++ProblemCases;
    bool Fails = P.level >= FailOn;
    ProblemFailures += Fails;
    Problems += "    <testcase classname=\"mcp-cutover.suppressions\" name=\"" +
                xml(P.span.file + ":" + std::to_string(P.span.line), true) +
                "\"";
    if (!Fails) {
      Problems += ">\n      <system-out>" + xml(P.message) +
                  "</system-out>\n    </testcase>\n";
      continue;
    }
    Problems += ">\n      <failure type=\"" + std::string(levelName(P.level)) +
                "\" message=\"" + xml(P.message, true) +
                "\"/>\n    </testcase>\n";
  }
  if (ProblemCases > 0) {
    Tests += ProblemCases;
    Failures += ProblemFailures;
    Errors += ProblemErrors;
    Body += "  <testsuite name=\"mcp-cutover.run\" tests=\"" +
            std::to_string(ProblemCases) + "\" failures=\"" +
            std::to_string(ProblemFailures) + "\" errors=\"" +
            std::to_string(ProblemErrors) + "\">\n" + Problems +
            "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<testsuites name=\"mcp-cutover\" tests=\"" +
         std::to_string(Tests) + "\" failures=\"" + std::to_string(Failures) +
         "\" errors=\"" + std::to_string(Errors) + "\">\n" + Body +
         "</testsuites>\n";
}

} // namespace mcp_cutover
