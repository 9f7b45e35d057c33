#include "tool/probe/CheckLedger.h"

#include "checks/Finding.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
/// The evidence a runtime check keeps.
constexpr size_t MaxEvidence = 5;
} // namespace

bool CheckLedger::enabled(const std::string &Rule) const {
  return isRuleEnabled(Rules, Rule);
}

RuntimeCheck &CheckLedger::check(const std::string &Rule) {
  auto It = std::find_if(Checks.begin(), Checks.end(),
                         [&](const RuntimeCheck &C) { return C.rule == Rule; });
  if (It != Checks.end())
    return *It;
  Checks.push_back({Rule, "passed", "", {}});
  return Checks.back();
}

void CheckLedger::evidence(const std::string &Rule, const std::string &Text) {
  // A rule --rules turned off is not listed as checked.
  if (!enabled(Rule))
    return;
  RuntimeCheck &C = check(Rule);
  if (C.evidence.size() < MaxEvidence)
    C.evidence.push_back(Text);
}

void CheckLedger::pass(const std::string &Rule, const std::string &Evidence) {
  // A failed check keeps its failures as evidence; a skipped one, none.
  if (enabled(Rule) && check(Rule).status == "passed")
    evidence(Rule, Evidence);
}

void CheckLedger::skip(const std::string &Rule, const std::string &Why) {
  if (!enabled(Rule))
    return;
  RuntimeCheck &C = check(Rule);
  if (C.status == "passed" && C.evidence.empty()) {
    C.status = "skipped";
    C.detail = Why;
  }
}

void CheckLedger::fail(const std::string &Rule, const std::string &Url,
                       const std::string &Message,
                       const std::string &Evidence) {
  if (!enabled(Rule))
    return;
  RuntimeCheck &C = check(Rule);
  if (C.status != "failed") {
    C.status = "failed";
    C.evidence.clear();
    C.detail = Message;
  }
  if (!Evidence.empty())
    evidence(Rule, Evidence);
  Finding Fd;
  Fd.ruleId = Rule;
  Fd.span.file = Url;
  Fd.message = Message;
  Findings.push_back(std::move(Fd));
}

void CheckLedger::finish(
    const RuleCatalog &Catalog, llvm::ArrayRef<const char *> RuleIds,
    const std::vector<std::pair<std::string, std::string>> &Places,
    ProbeSummary Summary, ProjectResult &Result) {
  // Every check that ran and saw nothing wrong passed; those never reached
  // (disabled rules) are not listed.
  for (const char *Rule : RuleIds)
    if (enabled(Rule))
      check(Rule);
  std::sort(Checks.begin(), Checks.end(),
            [&](const RuntimeCheck &A, const RuntimeCheck &B) {
              return Catalog.indexOf(A.rule) < Catalog.indexOf(B.rule);
            });
  Summary.checks = std::move(Checks);
  for (Finding &Fd : Findings) {
    if (const Rule *R = Catalog.find(Fd.ruleId))
      Fd.level = R->level;
    // The place's name, not its port: a spawned fleet or a recorder gets
    // new ports each run.
    std::string Stable = Fd.message;
    for (const auto &[Url, Name] : Places)
      for (size_t At = Stable.find(Url); At != std::string::npos;
           At = Stable.find(Url))
        Stable.replace(At, Url.size(), Name);
    // Made-up names differ each run too.
    size_t Probe = Stable.find("mcp-cutover-probe-");
    if (Probe != std::string::npos)
      Stable = Stable.substr(0, Probe);
    Fd.fingerprint = fingerprintDigest({Fd.ruleId, Stable});
  }
  Result.findings = std::move(Findings);
  for (const char *Rule : RuleIds)
    if (enabled(Rule))
      Result.rulesRun.emplace_back(Rule);
  std::sort(Result.rulesRun.begin(), Result.rulesRun.end(),
            [&](const std::string &A, const std::string &B) {
              return Catalog.indexOf(A) < Catalog.indexOf(B);
            });
  Result.probe = std::move(Summary);
}

} // namespace mcp_cutover
