#include "tool/report/ReportWriters.h"

#include "tool/output/Writers.h"

namespace mcp_cutover {

namespace {
void indented(std::string &Out, const std::string &Text,
              const std::string &Indent) {
  size_t At = 0;
  while (At < Text.size()) {
    size_t End = Text.find('\n', At);
    if (End == std::string::npos)
      End = Text.size();
    Out += Indent + Text.substr(At, End - At) + "\n";
    At = End + 1;
  }
}

std::string findingLine(const PlanFinding &F) {
  const Finding &X = *F.finding;
  return spanText(X.span, true) + ": " + levelName(X.level) + ": " + X.message +
         " [" + X.ruleId + "]";
}
} // namespace

std::string renderTextReport(const CutoverPlan &Plan, bool Color) {
  auto Bold = [&](const std::string &S) {
    return Color ? "\x1b[1m" + S + "\x1b[0m" : S;
  };
  std::string Out = Bold("MCP 2026-07-28 cutover checklist: " + Plan.project) +
                    "\n" + Plan.now + "\n" + findingsText(Plan) + "; " +
                    itemsDoneText(Plan) + ".\n";
  Out += "\nOpen findings by week:";
  for (const auto &[Week, N] : Plan.byWeek)
    Out += (Week == 4 ? " " : ", ") +
           (Week ? "Week " + std::to_string(Week) : std::string("GA week")) +
           " " + std::to_string(N);
  Out += "\nBy rule:";
  if (Plan.byRule.empty())
    Out += " none";
  for (size_t I = 0; I < Plan.byRule.size(); ++I)
    Out += (I ? ", " : " ") + Plan.byRule[I].first + " " +
           std::to_string(Plan.byRule[I].second);
  Out += "\n";
  if (Plan.incompleteUnits)
    Out += "Warning: " + std::to_string(Plan.incompleteUnits) +
           " translation unit(s) were not fully analysed; \"done\" covers "
           "only the code that was.\n";
  Out += renderScopeTable(*Plan.result, TextOptions{false, Plan.result->root});

  if (!Plan.byRisk.empty()) {
    Out += Bold("Open work by risk (GA has passed)") + "\n";
    for (const PlanFinding *F : Plan.byRisk)
      Out += "  " + findingLine(*F) + "\n";
    Out += "\n";
  }
  for (const PlanWeek &W : Plan.weeks) {
    Out += Bold(W.title) + " (" + weekWhen(W) + ")\n";
    for (const PlanItem &I : W.items) {
      Out += "  " + std::string(spelling(I.status).textBox) + " " +
             I.item->title + ": " + itemStatusText(I) + "\n";
      if (I.status == ItemStatus::Manual)
        Out += "      How to verify: " + I.item->verify + "\n";
      for (const RuntimeCheck *C : I.runtime)
        Out += "      Probe: " + runtimeCheckText(*C) + "\n";
      for (const std::string &Line : I.traffic)
        Out += "      Access logs: " + Line + "\n";
      for (const PlanFinding &F : I.findings) {
        Out += "      " + findingLine(F) + "\n";
        for (const std::string &L : F.excerpt)
          Out += "      " + L + "\n";
        for (const PlanRelated &Rel : F.related)
          Out += "      related: " + Rel.location->span.file + ":" +
                 std::to_string(Rel.location->span.line) + ": " +
                 Rel.location->message + "\n";
        if (!F.diff.empty()) {
          Out += std::string("      Fix (") + fixTierName(F.finding->fixTier) +
                 "):\n";
          indented(Out, F.diff, "        ");
        } else if (F.rule) {
          Out += "      Guidance: " + F.rule->help + "\n";
        }
      }
    }
    Out += "\n";
  }
  return Out;
}

} // namespace mcp_cutover
