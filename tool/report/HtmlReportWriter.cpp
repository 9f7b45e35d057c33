#include "tool/report/ReportWriters.h"

#include "tool/output/Writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mcp_cutover {

namespace {
std::string escape(const std::string &S) { return escapeXml(S, true); }

/// Diff lines coloured by their first character.
std::string diffHtml(const std::string &Diff) {
  std::string Out;
  size_t At = 0;
  while (At < Diff.size()) {
    size_t End = Diff.find('\n', At);
    if (End == std::string::npos)
      End = Diff.size();
    std::string Line = Diff.substr(At, End - At);
    const char *Class = Line.starts_with("+++") || Line.starts_with("---")
                            ? "file"
                        : Line.starts_with("@@") ? "hunk"
                        : Line.starts_with("+")  ? "add"
                        : Line.starts_with("-")  ? "del"
                                                 : "ctx";
    Out += "<span class=\"" + std::string(Class) + "\">" + escape(Line) +
           "</span>\n";
    At = End + 1;
  }
  return Out;
}

const char *Style = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1f2328}
h1{font-size:1.6em}h2{display:inline;font-size:1.25em}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left}
td.n{text-align:right}
section.week>details>summary{margin:1.2em 0 .4em;cursor:pointer}
.when{color:#59636e;margin-left:.6em}
ul.items{list-style:none;padding-left:0}
li.item>details>summary{cursor:pointer;padding:.2em 0}
.status{display:inline-block;min-width:10em;font-weight:600}
.done .status{color:#1a7f37}.open .status{color:#cf222e}.manual .status{color:#9a6700}.unchecked .status{color:#59636e}
.plain{padding-left:1.15em}
ul.related{margin:.2em 0;padding-left:1.2em;color:#59636e}
.verify{margin:.2em 0 .6em 10em;color:#59636e}
.finding{margin:.6em 0 1em 2em;border-left:3px solid #d0d7de;padding-left:.8em}
.level{font-weight:600}.level.error{color:#cf222e}.level.warning{color:#9a6700}.level.note{color:#0969da}
pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:13px}
.add{color:#1a7f37}.del{color:#cf222e}.hunk{color:#8250df}.file{color:#59636e}
svg.traffic{display:block;margin:.5em 0 1em}svg.traffic text{font-size:11px;fill:#59636e}
.bar-legacy{fill:#9a6700}.bar-4xx{fill:#cf222e}.axis{stroke:#d0d7de}
)";

/// Legacy requests per day (or hour) as bars, their 4xx in front: an
/// inline SVG, no script and nothing fetched, so the report stays one
/// file that any mail client or wiki shows.
std::string trafficChart(const TrafficSummary &S) {
  constexpr int Width = 720, Height = 160, Top = 12, Bottom = 22, Left = 44;
  uint64_t Max = 1;
  for (const TrafficBucket &B : S.buckets)
    Max = std::max(Max, B.legacy);
  const int Plot = Height - Top - Bottom;
  const double Step =
      double(Width - Left) / double(std::max<size_t>(S.buckets.size(), 1));
  auto heightOf = [&](uint64_t N) {
    return static_cast<int>(std::lround(double(N) * Plot / double(Max)));
  };
  // Inline in HTML: no xmlns needed, nothing that names another site.
  std::string Out = "<svg class=\"traffic\" width=\"" + std::to_string(Width) +
                    "\" height=\"" + std::to_string(Height) +
                    "\" role=\"img\" aria-label=\"Legacy requests per " +
                    escape(S.by) + "\">\n";
  char Buffer[256];
  for (size_t I = 0; I < S.buckets.size(); ++I) {
    const TrafficBucket &B = S.buckets[I];
    double X = Left + Step * double(I);
    double W = std::max(Step - 1, 1.0);
    std::snprintf(Buffer, sizeof Buffer,
                  "<g><title>%s: %llu legacy, %llu 4xx, %llu requests</title>",
                  formatUtc(B.start).c_str(), (unsigned long long)B.legacy,
                  (unsigned long long)B.legacy4xx,
                  (unsigned long long)B.requests);
    Out += Buffer;
    for (auto [Class, N] :
         {std::pair<const char *, uint64_t>{"bar-legacy", B.legacy},
          {"bar-4xx", B.legacy4xx}}) {
      int H = heightOf(N);
      std::snprintf(Buffer, sizeof Buffer,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                    "height=\"%d\"/>",
                    Class, X, Top + Plot - H, W, H);
      Out += Buffer;
    }
    Out += "</g>\n";
  }
  std::snprintf(
      Buffer, sizeof Buffer,
      "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
      "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%llu</text>\n"
      "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
      Left, Top + Plot, Width, Top + Plot, Left - 4, Top + 8,
      (unsigned long long)Max, Left - 4, Top + Plot);
  Out += Buffer;
  if (!S.buckets.empty()) {
    Out += "<text x=\"" + std::to_string(Left) + "\" y=\"" +
           std::to_string(Height - 6) + "\">" +
           escape(formatUtc(S.buckets.front().start).substr(0, 10)) +
           "</text>\n<text x=\"" + std::to_string(Width) + "\" y=\"" +
           std::to_string(Height - 6) + "\" text-anchor=\"end\">" +
           escape(formatUtc(S.buckets.back().start).substr(0, 10)) +
           "</text>\n";
  }
  return Out + "</svg>\n";
}
} // namespace

std::string renderHtmlReport(const CutoverPlan &Plan) {
  std::string Title = "MCP 2026-07-28 cutover checklist: " + Plan.project;
  std::string Out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                    "charset=\"utf-8\">\n<title>" +
                    escape(Title) + "</title>\n<style>" + Style +
                    "</style>\n</head>\n<body>\n<h1>" + escape(Title) +
                    "</h1>\n<p class=\"now\">" + escape(Plan.now) +
                    "</p>\n<p class=\"totals\"><strong>" +
                    escape(findingsText(Plan)) + "</strong>; " +
                    escape(itemsDoneText(Plan)) + ".</p>\n";
  if (Plan.incompleteUnits)
    Out += "<p class=\"warning\"><strong>Warning:</strong> " +
           std::to_string(Plan.incompleteUnits) +
           " translation unit(s) were not fully analysed; &quot;done&quot; "
           "covers only the code that was.</p>\n";
  Out += "<table class=\"by-week\"><tr><th>Week</th><th>Open "
         "findings</th></tr>\n";
  for (const auto &[Week, N] : Plan.byWeek)
    Out += "<tr><td><a href=\"#week-" + std::to_string(Week) + "\">" +
           (Week ? "Week " + std::to_string(Week) : std::string("GA week")) +
           "</a></td><td class=\"n\">" + std::to_string(N) + "</td></tr>\n";
  Out += "</table>\n<table class=\"by-rule\"><tr><th>Rule</th><th>Findings</"
         "th></tr>\n";
  for (const auto &[Rule, N] : Plan.byRule)
    Out += "<tr><td><code>" + escape(Rule) + "</code></td><td class=\"n\">" +
           std::to_string(N) + "</td></tr>\n";
  Out += "</table>\n<h2 id=\"scope\">Migration scope</h2>\n";
  if (Plan.result->tools.empty())
    Out += "<p>No tools, resources or prompts were found.</p>\n";
  else {
    Out += "<table class=\"scope\"><tr><th>Tool</th><th>Where</th><th>State "
           "touched</th><th>Handle</th></tr>\n";
    for (const ToolScopeRow &T : Plan.result->tools) {
      auto Cells = scopeCells(T, T.site.file);
      Out += "<tr>";
      for (const std::string &C : Cells)
        Out += "<td>" + escape(C) + "</td>";
      Out += "</tr>\n";
    }
    Out += "</table>\n";
  }

  if (Plan.traffic && !Plan.traffic->buckets.empty()) {
    const TrafficSummary &S = *Plan.traffic;
    Out += "<h2 id=\"traffic\">Legacy traffic</h2>\n<p>Legacy requests per " +
           escape(S.by) + " in the access logs (" + std::to_string(S.legacy) +
           " of " + std::to_string(S.requests) + "), the 4xx they got in red" +
           (S.lastLegacy ? "; the last on " + escape(formatUtc(*S.lastLegacy))
                         : std::string()) +
           ".</p>\n" + trafficChart(S);
  }

  auto FindingHtml = [&](const PlanFinding &F) {
    const Finding &X = *F.finding;
    std::string H = "<div class=\"finding\"><a class=\"location\" href=\"" +
                    escape(F.link) + "\">" + escape(spanText(X.span, false)) +
                    "</a> <span class=\"level " + levelName(X.level) + "\">" +
                    levelName(X.level) + "</span> " + escape(X.message) +
                    " <code>" + escape(X.ruleId) + "</code>\n";
    if (!F.excerpt.empty()) {
      H += "<pre class=\"excerpt\">";
      for (const std::string &L : F.excerpt)
        H += escape(L) + "\n";
      H += "</pre>\n";
    }
    if (!F.related.empty()) {
      H += "<ul class=\"related\">\n";
      for (const PlanRelated &Rel : F.related)
        H += "<li><a href=\"" + escape(Rel.link) + "\">" +
             escape(Rel.location->span.file) + ":" +
             std::to_string(Rel.location->span.line) + "</a> " +
             escape(Rel.location->message) + "</li>\n";
      H += "</ul>\n";
    }
    if (!F.diff.empty())
      H += std::string("<p>Fix (") + fixTierName(F.finding->fixTier) +
           "):</p>\n<pre class=\"diff\">" + diffHtml(F.diff) + "</pre>\n";
    else if (F.rule)
      H += "<p class=\"guidance\">Guidance: " + escape(F.rule->help) + "</p>\n";
    return H + "</div>\n";
  };

  if (!Plan.byRisk.empty()) {
    Out += "<h2 id=\"by-risk\">Open work by risk</h2>\n<p>GA has passed: most "
           "dangerous first.</p>\n";
    for (const PlanFinding *F : Plan.byRisk)
      Out += FindingHtml(*F);
  }
  for (const PlanWeek &W : Plan.weeks) {
    Out += "<section class=\"week\" id=\"week-" + std::to_string(W.week) +
           "\"><details open><summary><h2>" + escape(W.title) +
           "</h2><span class=\"when\">" + escape(weekWhen(W)) +
           "</span></summary>\n<ul class=\"items\">\n";
    for (const PlanItem &I : W.items) {
      std::string Head = "<span class=\"status\">" + escape(itemStatusText(I)) +
                         "</span> " + escape(I.item->title);
      Out += "<li class=\"item " + std::string(spelling(I.status).htmlClass) +
             "\" id=\"" + escape(I.item->id) + "\">";
      if (I.findings.empty()) {
        // Lined up with the items that open (their marker's width).
        Out += "<div class=\"plain\">" + Head;
        if (I.status == ItemStatus::Manual)
          Out +=
              "<div class=\"verify\">How to verify: " + escape(I.item->verify) +
              "</div>";
        for (const RuntimeCheck *C : I.runtime)
          Out +=
              "<div class=\"verify\">Probe: " + escape(runtimeCheckText(*C)) +
              "</div>";
        for (const std::string &Line : I.traffic)
          Out +=
              "<div class=\"verify\">Access logs: " + escape(Line) + "</div>";
        Out += "</div></li>\n";
        continue;
      }
      Out += "<details><summary>" + Head + "</summary>\n";
      for (const PlanFinding &F : I.findings)
        Out += FindingHtml(F);
      Out += "</details></li>\n";
    }
    Out += "</ul>\n</details></section>\n";
  }
  return Out + "</body>\n</html>\n";
}

} // namespace mcp_cutover
