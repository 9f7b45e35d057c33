#include "tool/report/ReportWriters.h"

#include "tool/output/Writers.h"

namespace mcp_cutover {

namespace {
/// Text that GitHub must show as written, in a table cell or a paragraph.
std::string escape(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '|' || C == '*' || C == '_' || C == '`' || C == '[' || C == ']' ||
        C == '\\')
      Out += '\\';
    if (C == '<')
      Out += "&lt;";
    else if (C == '>')
      Out += "&gt;";
    else
      Out += C;
  }
  return Out;
}

/// A fence longer than any backtick run inside the block.
std::string fence(const std::string &Body) {
  size_t Longest = 0, Run = 0;
  for (char C : Body) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  return std::string(std::max<size_t>(3, Longest + 1), '`');
}

void block(std::string &Out, const std::string &Language,
           const std::string &Body) {
  std::string F = fence(Body);
  Out += F + Language + "\n" + Body + (Body.ends_with("\n") ? "" : "\n") + F +
         "\n\n";
}

std::string weekName(int Week) {
  return Week ? "Week " + std::to_string(Week) : "GA week";
}

std::string location(const PlanFinding &F) {
  const Finding &X = *F.finding;
  return "[" + escape(spanText(X.span, false)) + "](" + F.link + ")";
}
} // namespace

std::string renderMarkdownReport(const CutoverPlan &Plan) {
  std::string Out =
      "# MCP 2026-07-28 cutover checklist: " + escape(Plan.project) + "\n\n" +
      escape(Plan.now) + "\n\n**" + findingsText(Plan) + "**; " +
      itemsDoneText(Plan) + ".\n\n";
  if (Plan.incompleteUnits)
    Out += "> **Warning:** " + std::to_string(Plan.incompleteUnits) +
           " translation unit(s) were not fully analysed; \"done\" covers "
           "only the code that was.\n\n";
  Out += "| Week | Open findings |\n| --- | ---: |\n";
  for (const auto &[Week, N] : Plan.byWeek)
    Out += "| " + weekName(Week) + " | " + std::to_string(N) + " |\n";
  Out += "\n| Rule | Findings |\n| --- | ---: |\n";
  for (const auto &[Rule, N] : Plan.byRule)
    Out += "| `" + Rule + "` | " + std::to_string(N) + " |\n";
  if (Plan.byRule.empty())
    Out += "| (none) | 0 |\n";

  Out += "\n## Migration scope\n\n";
  if (Plan.result->tools.empty())
    Out += "No tools, resources or prompts were found.\n\n";
  else {
    Out += "| Tool | Where | State touched | Handle |\n| --- | --- | --- | --- "
           "|\n";
    for (const ToolScopeRow &T : Plan.result->tools) {
      auto Cells = scopeCells(T, T.site.file);
      Out += "| " + escape(Cells[0]) + " | " + escape(Cells[1]) + " | " +
             escape(Cells[2]) + " | " + escape(Cells[3]) + " |\n";
    }
    Out += "\n";
  }

  if (!Plan.byRisk.empty()) {
    Out += "## Open work by risk\n\nGA has passed: most dangerous first.\n\n";
    for (const PlanFinding *F : Plan.byRisk)
      Out += "1. " + location(*F) + " " + levelName(F->finding->level) + ": " +
             escape(F->finding->message) + " (`" + F->finding->ruleId + "`)\n";
    Out += "\n";
  }

  for (const PlanWeek &W : Plan.weeks) {
    Out += "## " + escape(W.title) + "\n\n_" + weekWhen(W) + "_\n\n";
    for (const PlanItem &I : W.items) {
      Out += std::string(I.status == ItemStatus::Done ? "- [x] " : "- [ ] ") +
             escape(I.item->title) + ": **" + itemStatusText(I) + "**";
      if (I.status == ItemStatus::Manual)
        Out += "<br>How to verify: " + escape(I.item->verify);
      for (const RuntimeCheck *C : I.runtime)
        Out += "<br>Probe: " + escape(runtimeCheckText(*C));
      for (const std::string &Line : I.traffic)
        Out += "<br>Access logs: " + escape(Line);
      Out += "\n";
    }
    Out += "\n";
    for (const PlanItem &I : W.items) {
      if (I.findings.empty())
        continue;
      Out += "<details><summary>" + escape(I.item->title) + ": " +
             itemStatusText(I) + "</summary>\n\n";
      for (const PlanFinding &F : I.findings) {
        Out += "#### " + location(F) + " " + levelName(F.finding->level) +
               " `" + F.finding->ruleId + "`\n\n" + escape(F.finding->message) +
               "\n\n";
        std::string Excerpt;
        for (const std::string &L : F.excerpt)
          Excerpt += L + "\n";
        if (!Excerpt.empty())
          block(Out, "cpp", Excerpt);
        for (const PlanRelated &Rel : F.related)
          Out += "- related: [" + escape(Rel.location->span.file) + ":" +
                 std::to_string(Rel.location->span.line) + "](" + Rel.link +
                 ") " + escape(Rel.location->message) + "\n";
        if (!F.related.empty())
          Out += "\n";
        if (!F.diff.empty()) {
          Out +=
              std::string("Fix (") + fixTierName(F.finding->fixTier) + "):\n\n";
          block(Out, "diff", F.diff);
        } else if (F.rule) {
          Out += "Guidance: " + escape(F.rule->help) + "\n\n";
        }
      }
      Out += "</details>\n\n";
    }
  }
  return Out;
}

} // namespace mcp_cutover
