#include "tool/report/CutoverPlan.h"

#include "tool/files/SourceCache.h"
#include "tool/files/WriteGuard.h"
#include "tool/fix/UnifiedDiff.h"
#include "tool/traffic/TrafficVerdict.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace mcp_cutover {

std::optional<long> parseDate(const std::string &Text) {
  unsigned Y = 0, M = 0, D = 0;
  char Tail = 0;
  if (Text.size() != 10 || Text[4] != '-' || Text[7] != '-' ||
      std::sscanf(Text.c_str(), "%4u-%2u-%2u%c", &Y, &M, &D, &Tail) != 3)
    return std::nullopt;
  std::chrono::year_month_day Date{std::chrono::year(int(Y)),
                                   std::chrono::month(M), std::chrono::day(D)};
  if (!Date.ok())
    return std::nullopt;
  return std::chrono::sys_days(Date).time_since_epoch().count();
}

std::string formatDate(long Day) {
  std::chrono::year_month_day Date{
      std::chrono::sys_days(std::chrono::days(Day))};
  char Buffer[16];
  std::snprintf(Buffer, sizeof Buffer, "%04d-%02u-%02u", int(Date.year()),
                unsigned(Date.month()), unsigned(Date.day()));
  return Buffer;
}

long todayUtc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

const StatusSpelling &spelling(ItemStatus S) {
  static const StatusSpelling Done{"done", "done", "[x]"},
      Open{"open", "open", "[ ]"},
      Manual{"needs manual verification", "manual", "[?]"},
      NotChecked{"not checked (its rules did not run)", "unchecked", "[-]"};
  switch (S) {
  case ItemStatus::Done:
    return Done;
  case ItemStatus::Open:
    return Open;
  case ItemStatus::Manual:
    return Manual;
  case ItemStatus::NotChecked:
    return NotChecked;
  }
  return Open;
}

namespace {
std::string plural(size_t N, const std::string &Word) {
  return std::to_string(N) + " " + Word + (N == 1 ? "" : "s");
}
} // namespace

std::string spanText(const SourceSpan &S, bool WithColumn) {
  if (S.line == 0)
    return S.file;
  return S.file + ":" + std::to_string(S.line) +
         (WithColumn ? ":" + std::to_string(S.column) : "");
}

std::string runtimeCheckText(const RuntimeCheck &C) {
  std::string Text = C.rule + " " + C.status;
  if (C.status == "skipped")
    return Text + ": " + C.detail;
  if (!C.evidence.empty())
    Text += ": " + C.evidence.front();
  if (C.evidence.size() > 1)
    Text += " (and " + std::to_string(C.evidence.size() - 1) + " more)";
  return Text;
}

std::string itemStatusText(const PlanItem &Item) {
  if (Item.status == ItemStatus::Open && Item.findings.empty() &&
      !Item.traffic.empty())
    return std::string("open, per the access logs") +
           (Item.pastDue ? ", past due" : "");
  if (Item.verifiedByTraffic)
    return std::string(spelling(Item.status).words) +
           ", verified in the access logs";
  if (Item.status == ItemStatus::Open)
    return std::to_string(Item.findings.size()) + " open" +
           (Item.pastDue ? ", past due" : "");
  if (Item.verifiedAtRuntime)
    return std::string(spelling(Item.status).words) + ", verified at runtime";
  return spelling(Item.status).words;
}

std::string weekWhen(const PlanWeek &W) {
  return formatDate(W.firstDay) + " to " + formatDate(W.lastDay) + ", " +
         (W.current ? "this week"
          : W.over  ? "over"
                    : "upcoming");
}

std::string itemsDoneText(const CutoverPlan &Plan) {
  size_t Done = 0, All = 0;
  for (const PlanWeek &W : Plan.weeks)
    for (const PlanItem &I : W.items) {
      ++All;
      Done += I.status == ItemStatus::Done;
    }
  return std::to_string(Done) + " of " + std::to_string(All) +
         " checklist items done";
}

std::string findingsText(const CutoverPlan &Plan) {
  std::set<std::string> Files;
  for (const Finding &F : Plan.result->findings)
    Files.insert(F.span.file);
  std::string Text = plural(Plan.result->findings.size(), "open finding") +
                     " in " + plural(Files.size(), "file");
  // Accepted in the source: counted, never listed as work.
  if (!Plan.result->suppressed.empty())
    Text += " (" + std::to_string(Plan.result->suppressed.size()) +
            " more suppressed in the source)";
  return Text;
}

namespace {

PlanFinding place(const Finding &F, const ProjectResult &R,
                  const RuleCatalog &Catalog, const PlanOptions &O,
                  SourceCache &Sources) {
  PlanFinding P;
  P.finding = &F;
  P.rule = Catalog.find(F.ruleId);
  auto Link = [&](const SourceSpan &S) {
    // A probe's finding is at the URL that answered.
    if (S.line == 0)
      return S.file;
    return (O.linkBase.empty() ? "" : O.linkBase + "/") + S.file + "#L" +
           std::to_string(S.line);
  };
  P.link = Link(F.span);
  for (const RelatedLocation &Rel : F.related)
    P.related.push_back({&Rel, Link(Rel.span)});
  std::string Abs = R.absolutePath(F.span.file);
  unsigned Last = std::max(F.span.line, F.span.endLine);
  Last = std::min(Last, F.span.line + 4); // long spans: their start
  // No excerpt of a file that cannot be read, nor of one whose real path is
  // outside the root: a saved result (--from) is input like any other, and
  // must not be a way to quote /etc/passwd into a report.
  bool Quote =
      F.span.line > 0 && Sources.text(Abs) && isInsideRoot(Abs, R.root);
  for (unsigned L = F.span.line > 1 ? F.span.line - 1 : 1;
       Quote && L <= Last + 1; ++L) {
    const std::string &Line = Sources.line(Abs, L);
    if (Line.empty() && (L < F.span.line || L > Last))
      continue; // blank context lines are left out
    std::string Number = std::to_string(L);
    P.excerpt.push_back(
        std::string(6 - std::min<size_t>(6, Number.size()), ' ') + Number +
        " | " + Line);
  }
  if (!F.fixes.empty()) {
    // A fix is shown against the file it edits (tool files too).
    const std::string &File = F.fixes.front().span.file;
    std::string FixPath = R.absolutePath(File);
    if (const std::string *Text =
            isInsideRoot(FixPath, R.root) ? Sources.text(FixPath) : nullptr) {
      std::string Error;
      P.diff = unifiedDiff(File, *Text, F.fixes, 1, Error);
    }
  }
  return P;
}

int levelRank(Level L) {
  return L == Level::Error ? 0 : L == Level::Warning ? 1 : 2;
}
} // namespace

CutoverPlan buildPlan(const ProjectResult &Result, const RuleCatalog &Catalog,
                      const Checklist &List, const PlanOptions &O,
                      SourceCache &Sources) {
  CutoverPlan Plan;
  Plan.result = &Result;
  Plan.traffic = O.traffic;
  Plan.project = llvm::sys::path::filename(Result.root).str();
  Plan.gaDay = O.gaDay;
  Plan.today = O.today;
  Plan.afterGa = O.today >= O.gaDay;
  Plan.incompleteUnits =
      Result.units.size() - Result.count(UnitStatus::Complete);

  std::map<std::string, std::vector<const Finding *>> ByRule;
  for (const Finding &F : Result.findings)
    ByRule[F.ruleId].push_back(&F);
  for (const Rule &R : Catalog.rules())
    if (ByRule.count(R.id))
      Plan.byRule.emplace_back(R.id, ByRule[R.id].size());

  for (int Week = 4; Week >= 0; --Week) {
    PlanWeek W;
    W.week = Week;
    W.title = Catalog.weekTitle(Week);
    // Week N is the N-th week before GA; the GA week starts on GA day.
    W.firstDay = O.gaDay - 7L * Week;
    W.lastDay = W.firstDay + 6;
    W.current = O.today >= W.firstDay && O.today <= W.lastDay;
    W.over = O.today > W.lastDay;
    for (const ChecklistItem &Item : List.items()) {
      if (Item.week != Week)
        continue;
      PlanItem P;
      P.item = &Item;
      bool AllRan = true;
      for (const std::string &Rule : Item.rules) {
        AllRan = AllRan && std::count(Result.rulesRun.begin(),
                                      Result.rulesRun.end(), Rule);
        for (const Finding *F : ByRule[Rule])
          P.findings.push_back(place(*F, Result, Catalog, O, Sources));
      }
      std::stable_sort(P.findings.begin(), P.findings.end(),
                       [](const PlanFinding &A, const PlanFinding &B) {
                         return A.finding->span < B.finding->span;
                       });
      // What a probe saw on running instances: its findings after the
      // code's, in the order it made them.
      for (const std::string &Rule : Item.probeRules)
        for (const Finding *F : ByRule[Rule])
          P.findings.push_back(place(*F, Result, Catalog, O, Sources));
      if (Result.probe)
        for (const std::string &Rule : Item.probeRules)
          for (const RuntimeCheck &C : Result.probe->checks)
            if (C.rule == Rule)
              P.runtime.push_back(&C);
      bool Verified = !Item.probeRules.empty() &&
                      P.runtime.size() == Item.probeRules.size() &&
                      llvm::all_of(P.runtime, [](const RuntimeCheck *C) {
                        return C->status == "passed";
                      });
      // No input for its rules (no proxy configuration was read): the item
      // still needs the check its `verify` text describes.
      bool NoInput = llvm::any_of(Item.rules, [&](const std::string &Rule) {
        return llvm::is_contained(Result.rulesWithoutInput, Rule);
      });
      if (!P.findings.empty())
        P.status = ItemStatus::Open;
      else if (Item.rules.empty() || NoInput)
        // The probe verifies what only running instances show.
        P.status = Verified ? ItemStatus::Done : ItemStatus::Manual;
      else
        P.status = AllRan ? ItemStatus::Done : ItemStatus::NotChecked;
      P.verifiedAtRuntime = Verified && P.status == ItemStatus::Done;
      // What only production decides: the access logs, when given.
      if (O.traffic && !Item.traffic.empty() && P.findings.empty()) {
        TrafficVerdict V =
            judgeTraffic(*O.traffic, *trafficQuestion(Item.traffic));
        P.traffic = std::move(V.lines);
        P.status = V.done ? ItemStatus::Done : ItemStatus::Open;
        P.verifiedByTraffic = V.done;
      }
      P.pastDue = P.status == ItemStatus::Open && W.over;
      W.open += P.findings.size();
      W.items.push_back(std::move(P));
    }
    Plan.byWeek.emplace_back(Week, W.open);
    Plan.weeks.push_back(std::move(W));
  }

  long Start = O.gaDay - 28;
  if (O.today < Start)
    Plan.now = "The plan starts on " + formatDate(Start) + ", " +
               plural(Start - O.today, "day") + " from today; GA is " +
               formatDate(O.gaDay) + ".";
  else if (O.today < O.gaDay) {
    for (const PlanWeek &W : Plan.weeks)
      if (W.current)
        Plan.now = "Today is in Week " + std::to_string(W.week) +
                   " of the plan: " + plural(O.gaDay - O.today, "day") +
                   " to GA (" + formatDate(O.gaDay) + ").";
  } else if (O.today <= O.gaDay + 6)
    Plan.now = "This is GA week: MCP 2026-07-28 went final on " +
               formatDate(O.gaDay) + ".";
  else
    Plan.now = "GA was " + plural(O.today - O.gaDay, "day") + " ago (" +
               formatDate(O.gaDay) +
               "): every open item is past due; open work is listed by risk "
               "first.";

  if (Plan.afterGa) {
    for (const PlanWeek &W : Plan.weeks)
      for (const PlanItem &I : W.items)
        for (const PlanFinding &F : I.findings)
          Plan.byRisk.push_back(&F);
    // Errors first; then the earliest weeks' work, which the rest builds on
    // and which fails in production first (stateful assumptions).
    std::stable_sort(Plan.byRisk.begin(), Plan.byRisk.end(),
                     [](const PlanFinding *A, const PlanFinding *B) {
                       int WA = A->rule ? A->rule->week : 0;
                       int WB = B->rule ? B->rule->week : 0;
                       return std::tuple(levelRank(A->finding->level), -WA) <
                              std::tuple(levelRank(B->finding->level), -WB);
                     });
  }
  return Plan;
}

} // namespace mcp_cutover
