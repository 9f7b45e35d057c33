#include "tool/files/SourceCache.h"
#include "tool/output/Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <array>
#include <map>

namespace mcp_cutover {

namespace {
struct Palette {
  bool on;
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
  std::string green() const { return on ? "\x1b[1;32m" : ""; }
  std::string level(Level L) const {
    if (!on)
      return "";
    switch (L) {
    case Level::Error:
      return "\x1b[1;31m";
    case Level::Warning:
      return "\x1b[1;35m";
    case Level::Note:
      return "\x1b[1;36m";
    }
    return "";
  }
};

std::string displayPath(const std::string &RootRelative, const ProjectResult &R,
                        const TextOptions &Options) {
  std::string Abs = R.absolutePath(RootRelative);
  const std::string &Cwd = Options.workingDirectory;
  if (!Cwd.empty() && Abs.size() > Cwd.size() &&
      Abs.compare(0, Cwd.size(), Cwd) == 0 && Abs[Cwd.size()] == '/')
    return Abs.substr(Cwd.size() + 1);
  return Abs;
}

void excerpt(std::string &Out, SourceCache &Sources, const std::string &Abs,
             const SourceSpan &S, const Palette &P) {
  if (S.line == 0)
    return;
  const std::string &Line = Sources.line(Abs, S.line);
  if (Line.empty())
    return;
  Out += Line + "\n";
  std::string Marker;
  for (unsigned I = 1; I < S.column && I - 1 < Line.size(); ++I)
    Marker += Line[I - 1] == '\t' ? '\t' : ' ';
  Marker += '^';
  unsigned End = S.endLine == S.line ? S.endColumn : Line.size() + 1;
  for (unsigned I = S.column + 1; I < End; ++I)
    Marker += '~';
  Out += P.green() + Marker + P.reset() + "\n";
}
} // namespace

std::array<std::string, 4> scopeCells(const ToolScopeRow &T,
                                      const std::string &File) {
  std::string Name = T.kind == "tool" ? T.name : T.kind + " " + T.name;
  std::string Where = File + ":" + std::to_string(T.site.line);
  std::string State = T.state.empty() ? "-" : llvm::join(T.state, "; ");
  if (T.handler.empty() && T.schema != "json-file")
    State = (T.state.empty() ? "" : State + "; ") + "handler not resolved";
  std::string Handle = T.handleStatus.empty() ? "n.a." : T.handleStatus;
  if (!T.handle.empty())
    Handle += " (" + T.handle + ")";
  if (T.schema == "unknown")
    Handle += ", schema not static";
  return {Name, Where, State, Handle};
}

std::string renderScopeTable(const ProjectResult &Result,
                             const TextOptions &Options) {
  std::vector<std::array<std::string, 4>> Rows = {
      {"tool", "where", "state touched", "handle"}};
  for (const ToolScopeRow &T : Result.tools)
    Rows.push_back(scopeCells(T, displayPath(T.site.file, Result, Options)));
  std::array<size_t, 4> Width{};
  for (const auto &R : Rows)
    for (size_t I = 0; I < 3; ++I)
      Width[I] = std::max(Width[I], R[I].size());
  std::string Out =
      "\nMigration scope: " + std::to_string(Result.tools.size()) +
      (Result.tools.size() == 1 ? " entry" : " entries") +
      " (tools, resources, prompts)\n";
  for (const auto &R : Rows) {
    std::string Line;
    for (size_t I = 0; I < 3; ++I)
      Line += R[I] + std::string(Width[I] - R[I].size() + 2, ' ');
    Out += "  " + Line + R[3] + "\n";
  }
  return Out + "\n";
}

std::string renderText(const ProjectResult &Result, const RuleCatalog &Catalog,
                       const TextOptions &Options) {
  (void)Catalog;
  Palette P{Options.color};
  SourceCache Sources;
  std::string Out;
  std::map<Level, size_t> ByLevel;
  size_t Listed = 0;
  size_t Unchanged = 0;
  for (const Finding &F : Result.findings) {
    // What the baseline already had is accepted: counted, not listed.
    if (F.baselineState == "unchanged") {
      ++Unchanged;
      continue;
    }
    ++Listed;
    ++ByLevel[F.level];
    // A probe's finding is at the URL that answered (line 0).
    std::string Where = F.span.line == 0
                            ? F.span.file
                            : displayPath(F.span.file, Result, Options) + ":" +
                                  std::to_string(F.span.line) + ":" +
                                  std::to_string(F.span.column);
    Out += P.bold() + Where + ": " + P.reset() + P.level(F.level) +
           levelName(F.level) + ": " + P.reset() + P.bold() + F.message + " [" +
           F.ruleId + "]" + P.reset() + "\n";
    excerpt(Out, Sources, Result.absolutePath(F.span.file), F.span, P);
    if (!F.fixes.empty())
      Out += std::string("  fix-it (") + fixTierName(F.fixTier) +
             "): " + (F.fixTier == FixTier::Safe ? "--fix" : "--fix=all") +
             " applies it, --fix-dry-run" +
             (F.fixTier == FixTier::Safe ? "" : "=all") + " shows it\n";
    for (const RelatedLocation &R : F.related) {
      Out += P.bold() + displayPath(R.span.file, Result, Options) + ":" +
             std::to_string(R.span.line) + ":" + std::to_string(R.span.column) +
             ": " + P.reset() + P.level(Level::Note) + "note: " + P.reset() +
             R.message + "\n";
      excerpt(Out, Sources, Result.absolutePath(R.span.file), R.span, P);
    }
  }
  if (!Result.tools.empty())
    Out += renderScopeTable(Result, Options);
  size_t Units = Result.units.size();
  size_t Incomplete = Result.count(UnitStatus::Incomplete);
  size_t Failed = Result.count(UnitStatus::Failed);
  std::string Summary =
      std::to_string(Listed) +
      (Result.hasBaseline ? (Listed == 1 ? " new finding" : " new findings")
                          : (Listed == 1 ? " finding" : " findings"));
  if (Listed) {
    std::vector<std::string> Parts;
    for (Level L : {Level::Error, Level::Warning, Level::Note})
      if (ByLevel[L])
        Parts.push_back(std::to_string(ByLevel[L]) + " " + levelName(L) +
                        (ByLevel[L] == 1 ? "" : "s"));
    Summary += " (";
    for (size_t I = 0; I < Parts.size(); ++I)
      Summary += (I ? ", " : "") + Parts[I];
    Summary += ")";
  }
  if (Result.probe && Result.probe->side == "client")
    Summary += " from the client's " +
               std::to_string(Result.probe->requestsRecorded) + " request" +
               (Result.probe->requestsRecorded == 1 ? "" : "s");
  else if (Result.probe)
    Summary += " from " + std::to_string(Result.probe->urls.size()) +
               (Result.probe->urls.size() == 1 ? " instance" : " instances");
  // Configuration alone (`check deploy/`) has no translation unit to count.
  else if (Units || Result.configFiles.empty())
    Summary += " in " + std::to_string(Units) + " translation unit" +
               (Units == 1 ? "" : "s");
  if (Incomplete || Failed)
    Summary += " (" + std::to_string(Incomplete) + " incomplete, " +
               std::to_string(Failed) + " not analysed)";
  if (size_t Configs = Result.configFiles.size()) {
    size_t Unread = Configs - Result.countConfigs(UnitStatus::Complete);
    Summary += std::string(Units ? " and " : " in ") + std::to_string(Configs) +
               " configuration file" + (Configs == 1 ? "" : "s");
    if (Unread)
      Summary += " (" + std::to_string(Unread) + " not read)";
  }
  if (Result.hasBaseline)
    Summary += "; " + std::to_string(Unchanged) + " unchanged and " +
               std::to_string(Result.fixed.size()) + " fixed since the " +
               "baseline";
  if (!Result.suppressed.empty())
    Summary += "; " + std::to_string(Result.suppressed.size()) +
               " suppressed in the source";
  if (!Result.diffBase.empty())
    Summary += "; " + std::to_string(Result.outsideDiff) +
               " on lines not changed since " + Result.diffBase;
  if (Result.probe) {
    // What each runtime check concluded: a skipped one says why, so that
    // "no finding" is never read as "verified".
    Out += "Runtime checks:\n";
    for (const RuntimeCheck &C : Result.probe->checks)
      Out += "  " + C.status +
             std::string(8 - std::min<size_t>(7, C.status.size()), ' ') +
             C.rule + (C.status == "skipped" ? ": " + C.detail : "") + "\n";
  }
  Out += Summary + "\n";
  return Out;
}

std::string renderRulesText(const RuleCatalog &Catalog) {
  std::string Out;
  for (const Rule &R : Catalog.rules()) {
    Out += R.id + "  [week " + std::to_string(R.week) + ", " +
           levelName(R.level) + "]\n  " + R.summary + "\n  spec: ";
    for (size_t I = 0; I < R.spec.size(); ++I)
      Out += (I ? "; " : "") + R.spec[I];
    Out += "\n";
  }
  return Out;
}

} // namespace mcp_cutover
