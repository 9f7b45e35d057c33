//===- RuleCatalog.h - Rule metadata for every writer, from rules/ --------===//
#pragma once

#include "checks/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

struct Rule {
  std::string id;
  std::string name;
  int week = 4;
  Level level = Level::Warning;
  std::string summary;
  std::string description;
  std::string help;
  std::vector<std::string> spec;
  std::vector<std::string> tags;
  /// Decided across translation units on linking (catalog "scope":
  /// "project"): a run that skips units cannot decide it (--diff-base).
  bool projectWide = false;
  /// Checked on running instances by `mcp-cutover probe` (catalog "scope":
  /// "runtime"), never by `check`.
  bool runtime = false;
  /// The tier of the rule's fix-its, and why (said with every fix).
  FixTier fixTier = FixTier::Review;
  std::string fixNote;
};

/// The rule catalog compiled in from rules/catalog.json: ids, weeks, levels,
/// texts and spec references, in catalog order.
class RuleCatalog {
public:
  /// The built-in catalog. Aborts with a message if the embedded JSON is
  /// broken, which the build's tests rule out.
  static const RuleCatalog &builtin();
  /// Parses a catalog; throws std::runtime_error naming the problem.
  static RuleCatalog parse(const std::string &Json);

  const std::vector<Rule> &rules() const { return Rules; }
  const Rule *find(const std::string &Id) const;
  /// Index of the rule in rules(), or -1.
  int indexOf(const std::string &Id) const;
  std::string weekTitle(int Week) const;
  const std::string &specVersion() const { return SpecVersion; }

private:
  std::vector<Rule> Rules;
  std::map<int, std::string> WeekTitles;
  std::string SpecVersion;
};

} // namespace mcp_cutover
