//===- CheckLedger.h - The checks a probe ran, and what they found --------===//
//
// Each runtime check passes until something fails it, keeps a few lines of
// evidence (what was sent and received), and is listed only when its rule
// is enabled; a failure is also a finding, located at the URL it concerns.
// Both sides of the probe (a fleet of servers, a client under test) keep
// their checks here.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"

#include "llvm/ADT/ArrayRef.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mcp_cutover {

class CheckLedger {
public:
  /// `Rules`: the enabled rules (empty: all).
  explicit CheckLedger(std::set<std::string> Rules) : Rules(std::move(Rules)) {}

  bool enabled(const std::string &Rule) const;
  /// Keeps `Text` as evidence of `Rule` (a few lines at most).
  void evidence(const std::string &Rule, const std::string &Text);
  /// Evidence of a check that saw nothing wrong (dropped once it failed or
  /// was skipped).
  void pass(const std::string &Rule, const std::string &Evidence);
  /// Marks a check that could not run, with why; not once it has evidence.
  void skip(const std::string &Rule, const std::string &Why);
  /// Fails the check (its first failure is its detail) and adds a finding
  /// at `Url`; `Evidence` ("" for none) is kept.
  void fail(const std::string &Rule, const std::string &Url,
            const std::string &Message, const std::string &Evidence = "");
  /// A finding made elsewhere (the served schemas' rules).
  void add(Finding F) { Findings.push_back(std::move(F)); }

  /// Lists every enabled rule of `RuleIds` (passed when nothing else was
  /// said of it) in catalog order, gives each finding its level and a
  /// fingerprint that holds no port (each URL of `Places` replaced by its
  /// name), and moves everything into `Result`.
  void finish(const RuleCatalog &Catalog, llvm::ArrayRef<const char *> RuleIds,
              const std::vector<std::pair<std::string, std::string>> &Places,
              ProbeSummary Summary, ProjectResult &Result);

private:
  RuntimeCheck &check(const std::string &Rule);

  std::set<std::string> Rules;
  std::vector<RuntimeCheck> Checks;
  std::vector<Finding> Findings;
};

} // namespace mcp_cutover
