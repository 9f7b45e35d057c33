//===- CutoverPlan.h - Findings placed on the week-by-week migration plan -===//
//
// The report's model: each checklist item of each week with its status and
// open findings (link, source excerpt, fix as a diff or guidance), dates
// placing "today" in the plan, totals and the scope table. The three
// report writers (text, Markdown, HTML) only render it, so they agree.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"
#include "tool/report/Checklist.h"
#include "tool/traffic/TrafficSummary.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Days since 1970-01-01 of a YYYY-MM-DD date that exists, or nullopt.
std::optional<long> parseDate(const std::string &Text);
std::string formatDate(long Day);
/// Today (UTC) as days since 1970-01-01.
long todayUtc();

struct PlanOptions {
  long gaDay = 0;
  long today = 0;
  /// Prefix of repository links: `<linkBase>/<file>#L<line>`; without it
  /// links are the root-relative path.
  std::string linkBase;
  /// `report --traffic`: what the access logs say, for the items that
  /// wait on production.
  const TrafficSummary *traffic = nullptr;
};

enum class ItemStatus { Done, Open, Manual, NotChecked };

struct PlanRelated {
  const RelatedLocation *location = nullptr;
  std::string link;
};

struct PlanFinding {
  const Finding *finding = nullptr;
  const Rule *rule = nullptr;
  std::string link;
  /// The finding's related locations (access sites, handlers), linked.
  std::vector<PlanRelated> related;
  /// Numbered source lines around the finding ("  42 | code"); empty when
  /// the file cannot be read.
  std::vector<std::string> excerpt;
  /// The fix-its as a unified diff; "" when there is no mechanical fix
  /// (the rule's help is the guidance then).
  std::string diff;
};

struct PlanItem {
  const ChecklistItem *item = nullptr;
  ItemStatus status = ItemStatus::Done;
  std::vector<PlanFinding> findings;
  bool pastDue = false; ///< Still open after its week ended.
  /// The probe's checks of this item (`report --probe`), and whether they
  /// all passed and made it done.
  std::vector<const RuntimeCheck *> runtime;
  bool verifiedAtRuntime = false;
  /// What the access logs say about it (`report --traffic`), and whether
  /// they made it done.
  std::vector<std::string> traffic;
  bool verifiedByTraffic = false;
};

struct PlanWeek {
  int week = 4;
  std::string title;
  long firstDay = 0, lastDay = 0; ///< Inclusive.
  bool current = false;
  bool over = false;
  std::vector<PlanItem> items;
  size_t open = 0; ///< Open findings.
};

struct CutoverPlan {
  const ProjectResult *result = nullptr;
  std::string project; ///< The root folder's name.
  long gaDay = 0, today = 0;
  std::string now; ///< One sentence placing today in the plan.
  bool afterGa = false;
  std::vector<PlanWeek> weeks; ///< Week 4 first, GA week last.
  std::vector<std::pair<std::string, size_t>> byRule; ///< Catalog order.
  std::vector<std::pair<int, size_t>> byWeek;         ///< 4..0.
  /// After GA: every open finding, most dangerous first.
  std::vector<const PlanFinding *> byRisk;
  size_t incompleteUnits = 0;
  const TrafficSummary *traffic = nullptr; ///< For the HTML chart.
};

/// Places the findings on the plan. `Sources` reads the user's files (by
/// absolute path) for excerpts and diffs.
CutoverPlan buildPlan(const ProjectResult &Result, const RuleCatalog &Catalog,
                      const Checklist &List, const PlanOptions &Options,
                      class SourceCache &Sources);

/// How each format names a status: in words, as an HTML class, as the
/// text report's box.
struct StatusSpelling {
  const char *words;
  const char *htmlClass;
  const char *textBox;
};
const StatusSpelling &spelling(ItemStatus S);
/// "file:line:column" ("file:line" without `WithColumn`); a probe's
/// finding, at line 0, is its URL alone.
std::string spanText(const SourceSpan &S, bool WithColumn);
/// "probe-handle-fleet passed: POST ... -> HTTP 200 with a result": a
/// runtime check as the report lists it under its item.
std::string runtimeCheckText(const RuntimeCheck &C);
/// "done", "3 open", "needs manual verification", ... for one item.
std::string itemStatusText(const PlanItem &Item);
/// "2026-06-30 to 2026-07-06, over" (or "this week", "upcoming").
std::string weekWhen(const PlanWeek &Week);
/// "12 of 21 items done".
std::string itemsDoneText(const CutoverPlan &Plan);
/// "16 open findings in 2 files", and "(3 more suppressed in the source)"
/// when directives accept some.
std::string findingsText(const CutoverPlan &Plan);

} // namespace mcp_cutover
