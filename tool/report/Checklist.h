//===- Checklist.h - The migration's week-by-week items, from rules/ ------===//
//
// rules/checklist.json lists what a team does each week toward GA. An item
// is checked by rules (its status comes from their findings) or verified by
// hand (it says how). Every rule belongs to exactly one item.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"

#include <string>
#include <vector>

namespace mcp_cutover {

struct ChecklistItem {
  std::string id;
  int week = 4; ///< 4..1, 0 for the GA week.
  std::string title;
  std::vector<std::string> rules; ///< Empty for items verified by hand.
  /// The runtime rules (`mcp-cutover probe`) that verify it on running
  /// instances; `report --probe` reads their outcome.
  std::vector<std::string> probeRules;
  std::string verify; ///< How to verify by hand.
  /// What the access logs must show for it (`report --traffic`):
  /// "legacy-clients" or "session-header-clients"; "" for none.
  std::string traffic;
  std::string spec;
};

class Checklist {
public:
  /// The compiled-in rules/checklist.json, checked against the catalog.
  static const Checklist &builtin();
  /// Parses a checklist; throws std::runtime_error naming the problem
  /// (unknown key or rule, a rule in two items or in none, no verify text
  /// for an item without rules).
  static Checklist parse(const std::string &Json, const RuleCatalog &Catalog);

  const std::vector<ChecklistItem> &items() const { return Items; }
  const std::string &gaDate() const { return GaDate; }

private:
  std::vector<ChecklistItem> Items;
  std::string GaDate;
};

} // namespace mcp_cutover
