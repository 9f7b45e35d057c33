#include "AnnotatedCode.h"

#include "checks/gateway/GatewayAnalysis.h"

#include <catch2/catch.hpp>

#include "tool/driver/Driver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mcp_cutover::test {

namespace {
const char *const ShimHeader = R"cpp(
#pragma once
#include <map>
#include <string>
namespace shim {
struct Request {
  std::multimap<std::string, std::string> headers;
  std::string get_header_value(const std::string &name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool has_header(const std::string &name) const { return headers.count(name); }
};
struct Response {
  std::multimap<std::string, std::string> headers;
  void set_header(const std::string &name, const std::string &value) {
    headers.emplace(name, value);
  }
};
} // namespace shim
)cpp";

// A third-party library installed as a system header: it may spell the
// header and dispatch on initialize; none of it is the user's code.
const char *const VendorHeader = R"cpp(
#pragma once
#include <map>
#include <string>
namespace vendor {
inline const char *kSessionHeader = "Mcp-Session-Id";
enum class Error { HeaderMismatch = -32001, UnsupportedProtocolVersion = -32004 };
struct Server {
  std::map<std::string, int> sessions_;
  void handle(const std::string &method, const std::string &session_id) {
    if (method == "initialize")
      sessions_[session_id] = 1;
    if (method == "ping")
      return;
  }
};
} // namespace vendor
)cpp";

void collectExpectations(const std::string &File, const std::string &Text,
                         std::vector<std::string> &Out,
                         llvm::StringRef Marker = "// expect: ") {
  std::istringstream In(Text);
  std::string Line;
  unsigned Number = 0;
  while (std::getline(In, Line)) {
    ++Number;
    llvm::StringRef Rest(Line);
    size_t Pos;
    while ((Pos = Rest.find(Marker)) != llvm::StringRef::npos) {
      Rest = Rest.drop_front(Pos + Marker.size());
      llvm::StringRef One = Rest.split((" " + Marker).str()).first;
      auto [Column, Tail] = One.split(' ');
      auto [Rule, Message] = Tail.split(' ');
      Out.push_back(File + ":" + std::to_string(Number) + ":" + Column.str() +
                    " " + Rule.str() + " " + Message.trim().str());
      Rest = Rest.drop_front(One.size());
    }
  }
}
/// "file:line:col rule message" per finding; a finding below its rule's
/// level says so: "(note) message".
std::vector<std::string> describeFindings(const ProjectResult &Result) {
  std::vector<std::string> Out;
  for (const Finding &F : Result.findings) {
    const Rule *R = RuleCatalog::builtin().find(F.ruleId);
    std::string Level = R && R->level != F.level
                            ? "(" + std::string(levelName(F.level)) + ") "
                            : "";
    Out.push_back(F.span.file + ":" + std::to_string(F.span.line) + ":" +
                  std::to_string(F.span.column) + " " + F.ruleId + " " + Level +
                  F.message);
  }
  return Out;
}
} // namespace

std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  REQUIRE(In.good());
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::map<std::string, std::string> commonFiles() {
  return {{Root + "/shim.h", ShimHeader},
          {"/virtual/sys/vendor_http.h", VendorHeader}};
}

const std::set<std::string> &absenceRules() {
  static const std::set<std::string> Rules = {
      "missing-server-discover", "legacy-protocol-version", "client-initialize",
      "header-validation-missing", "client-missing-routing-headers"};
  return Rules;
}

AnnotatedRun runAnnotated(const std::string &Code,
                          std::map<std::string, std::string> Extra,
                          std::vector<std::string> Args, bool AbsenceRules) {
  std::map<std::string, std::string> Files = commonFiles();
  Files[Root + "/main.cpp"] = Code;
  // An absolute name is kept: "/virtual/sys/x.h" is a system header.
  for (auto &[Name, Text] : Extra)
    Files[Name.starts_with("/") ? Name : Root + "/" + Name] = Text;
  if (Args.empty())
    Args = {"-std=c++20"};
  Args.push_back("-isystem/virtual/sys");
  Args.push_back("-I" + Root);

  OwnershipPolicy Policy(Root, {});
  AnalysisOptions Options;
  TranslationUnitFacts Facts =
      analyzeInMemory(Files, Root + "/main.cpp", Args, Policy, Options);
  AnnotatedRun Run;
  Run.result = linkProject({Facts}, RuleCatalog::builtin(), Policy, {});
  Run.actual = describeFindings(Run.result);
  for (const auto &[Name, Text] : Files)
    if (llvm::StringRef(Name).starts_with(Root + "/"))
      collectExpectations(Name.substr(Root.size() + 1), Text, Run.expected);
  auto OfAbsenceRule = [](const std::string &Line) {
    std::string Rule =
        llvm::StringRef(Line).split(' ').second.split(' ').first.str();
    return absenceRules().count(Rule) > 0;
  };
  if (!AbsenceRules && llvm::none_of(Run.expected, OfAbsenceRule)) {
    llvm::erase_if(Run.actual, OfAbsenceRule);
    llvm::erase_if(Run.result.findings, [](const Finding &F) {
      return absenceRules().count(F.ruleId) > 0;
    });
  }
  std::sort(Run.expected.begin(), Run.expected.end());
  std::sort(Run.actual.begin(), Run.actual.end());
  return Run;
}

AnnotatedRun runAnnotatedConfig(const std::string &Name,
                                const std::string &Text) {
  std::optional<ProxyKind> Kind = detectConfigKind(Name, Text);
  REQUIRE(Kind);
  std::vector<std::string> Notes;
  TranslationUnitFacts Facts =
      analyzeGatewayText(Root + "/" + Name, Text, *Kind, {}, Notes);
  INFO(Facts.firstError);
  REQUIRE(Facts.status == UnitStatus::Complete);
  OwnershipPolicy Policy(Root, {});
  AnnotatedRun Run;
  Run.result = linkProject({}, RuleCatalog::builtin(), Policy, {}, {},
                           HandleNaming(), {Facts});
  Run.actual = describeFindings(Run.result);
  collectExpectations(Name, Text, Run.expected, "# expect: ");
  std::sort(Run.expected.begin(), Run.expected.end());
  std::sort(Run.actual.begin(), Run.actual.end());
  return Run;
}

long countFindings(const std::string &Code, const std::string &Rule) {
  AnnotatedRun Run = runAnnotated(Code, {}, {}, /*AbsenceRules=*/true);
  return std::count_if(Run.result.findings.begin(), Run.result.findings.end(),
                       [&](const Finding &F) { return F.ruleId == Rule; });
}

std::vector<TranslationUnitFacts>
analyzeUnits(const std::map<std::string, std::string> &Files,
             const std::vector<std::string> &Mains) {
  OwnershipPolicy Policy(Root, {});
  AnalysisOptions Options;
  std::vector<TranslationUnitFacts> Units;
  for (const std::string &Main : Mains)
    Units.push_back(analyzeInMemory(Files, Root + "/" + Main, {"-std=c++20"},
                                    Policy, Options));
  return Units;
}

ProjectResult linkUnits(const std::vector<TranslationUnitFacts> &Units) {
  return linkProject(Units, RuleCatalog::builtin(), OwnershipPolicy(Root, {}),
                     {});
}

} // namespace mcp_cutover::test
