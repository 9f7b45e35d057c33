//===- main.cpp - The mcp-cutover command line ----------------------------===//
#include "checks/CheckRegistry.h"
#include "checks/RuleCatalog.h"
#include "tool/SchemaCommand.h"
#include "tool/driver/CommandSanitizer.h"
#include "tool/driver/Driver.h"
#include "tool/files/AtomicFile.h"
#include "tool/files/SourceCache.h"
#include "tool/fix/FixExport.h"
#include "tool/fix/FixVerifier.h"
#include "tool/link/ProjectLinker.h"
#include "tool/output/ResultReader.h"
#include "tool/output/Writers.h"
#include "tool/report/Checklist.h"
#include "tool/report/CutoverPlan.h"
#include "tool/report/ReportWriters.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

using namespace mcp_cutover;

namespace {
/// The findings' formats and exit level (`check` and `schema`).
void addOutputOptions(CLI::App &Cmd, CheckOptions &O) {
  Cmd.add_option("--format", O.format, "Format on stdout")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  Cmd.add_option("--json", O.jsonFile, "Also write JSON to FILE");
  Cmd.add_option("--sarif", O.sarifFile, "Also write SARIF to FILE");
  Cmd.add_option("--sarif-category", O.sarifCategory,
                 "SARIF automationDetails.id");
  Cmd.add_option("--fail-on", O.failOn,
                 "Exit 1 on findings at or above this level")
      ->check(CLI::IsMember({"note", "warning", "error"}));
  Cmd.add_option("--baseline", O.baseline,
                 "A previous --json or --sarif output: only findings not in "
                 "it are listed and fail the run; those gone are listed as "
                 "fixed");
}

/// What is analysed and how it is named (`check`, `schema`, `report`).
void addScopeOptions(CLI::App &Cmd, CheckOptions &O) {
  Cmd.add_option("--root", O.root,
                 "Project root: findings are reported under it and paths are "
                 "relative to it (default: the git work tree)");
  Cmd.add_option("--rules", O.rules,
                 "Comma-separated rule ids to run (default: all)");
  Cmd.add_option("--color", O.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  Cmd.add_option("--handle-pattern", O.handlePatterns,
                 "Regex of property names that are handles, besides *_id, "
                 "*_handle, *_token, *_ref (repeatable)");
}

/// The C++ inputs (`check` and `report`).
void addAnalysisOptions(CLI::App &Cmd, CheckOptions &O) {
  Cmd.add_option("paths", O.paths,
                 "Files or folders to analyse (default: every TU of the "
                 "database)");
  Cmd.add_option("-p,--build-dir", O.buildDir,
                 "Folder with compile_commands.json (or the file)");
  Cmd.add_option("-j,--jobs", O.jobs,
                 "Translation units analysed in parallel (default: all "
                 "cores)")
      ->check(CLI::Range(1u, 1024u));
  Cmd.add_option("--exclude", O.excludes,
                 "Regex of root-relative paths that are not your code "
                 "(repeatable)");
  Cmd.add_option("--resource-dir", O.resourceDir,
                 "Clang resource dir for builtin headers");
  Cmd.add_flag("!--no-standalone-headers", O.standaloneHeaders,
               "Do not analyse headers that no translation unit includes");
  Cmd.add_flag("--follow-symlinks", O.followSymlinks,
               "Report files reached through symlinks under the root as your "
               "code even when their real path is outside it (--fix still "
               "never edits them; docs/security.md)");
  Cmd.add_option("--tools", O.toolFiles,
                 "tools/list JSON (file or folder) describing the served "
                 "tools; checked with the C++ facts (repeatable)");
  Cmd.add_option("--sdk-profile", O.sdkProfiles,
                 "SDK profile JSON saying how your SDK registers tools "
                 "(docs/sdk-profiles.md; repeatable)");
}

/// What the analysis parsed, kept for verifying fixes by parsing again.
struct AnalysisRun {
  std::vector<CompileJob> jobs; ///< jobs[i] made units[i].
  std::vector<TranslationUnitFacts> units;
  AnalysisOptions options;
  std::optional<OwnershipPolicy> policy;
};

/// Analyses the C++ inputs and links the project; returns an exit code
/// when the run cannot go on (the error is printed).
std::optional<int> analyze(const CheckOptions &O, const RunInputs &In,
                           ProjectResult &Result, AnalysisRun &Run) {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  AnalysisOptions &Analysis = Run.options;
  Analysis.enabledRules = In.rules;
  Analysis.jobs = O.jobs;
  if (!O.resourceDir.empty()) {
    if (!llvm::sys::fs::is_directory(O.resourceDir + "/include"))
      return toolError(O.resourceDir +
                       ": not a clang resource dir (no include/ folder)");
    Analysis.resourceDir = O.resourceDir;
  }
  if (!O.sdkProfiles.empty()) {
    // The user's profiles first: they win over the built-in ones.
    auto Profiles = std::make_shared<SdkProfileSet>();
    try {
      for (const std::string &Path : O.sdkProfiles)
        Profiles->add(SdkProfileSet::load(Path));
    } catch (const std::exception &E) {
      return toolError(E.what());
    }
    for (const SdkProfile &P : SdkProfileSet::builtin()->profiles())
      Profiles->add(P);
    Analysis.profiles = Profiles;
  }

  PlanRequest Request;
  Request.paths = O.paths;
  if (!O.buildDir.empty())
    Request.buildDir = O.buildDir;
  Request.extraArgs = O.extraArgs;
  Request.hasDashDash = O.hasDashDash;
  Request.followSymlinks = O.followSymlinks;
  auto Plan = planJobs(Request);
  if (!Plan)
    return toolError(llvm::toString(Plan.takeError()));
  for (const std::string &Note : Plan->notes)
    std::fprintf(stderr, "mcp-cutover: note: %s\n", Note.c_str());

  OwnershipPolicy &Policy =
      Run.policy.emplace(chooseRoot(O.root, O.paths), O.excludes);
  Policy.setFollowSymlinks(O.followSymlinks);
  if (std::string Problem = Policy.validate(); !Problem.empty())
    return toolError(Problem);
  // A source named under the root that really lives elsewhere (a symlink, a
  // `..` in the database) is read for context only: say so, once.
  std::vector<const CompileJob *> Outside;
  for (const CompileJob &Job : Plan->jobs)
    if (llvm::sys::path::is_absolute(Policy.relativize(Job.file)))
      Outside.push_back(&Job);
  if (!Outside.empty())
    std::fprintf(stderr,
                 "mcp-cutover: note: %s%s: outside the project root %s (its "
                 "real path); analysed as context only: nothing in it is "
                 "reported or fixed%s\n",
                 Outside.front()->file.c_str(),
                 Outside.size() == 1
                     ? ""
                     : (" and " + std::to_string(Outside.size() - 1) +
                        " more translation unit" +
                        (Outside.size() == 2 ? "" : "s"))
                           .c_str(),
                 Policy.root().c_str(),
                 O.followSymlinks ? ""
                                  : " (--follow-symlinks reports files "
                                    "reached through symlinks under the "
                                    "root)");
  // The database is the repository's: its commands are compiler arguments,
  // never a way to run the project's code (docs/security.md).
  for (const std::string &Note :
       sanitizeJobs(Plan->jobs, Policy.root(), MCP_CUTOVER_CLANG_DIR))
    std::fprintf(stderr, "mcp-cutover: note: %s\n", Note.c_str());

  std::vector<TranslationUnitFacts> &Units = Run.units;
  Units = analyzeAll(Plan->jobs, Policy, Analysis);
  Run.jobs = Plan->jobs;
  if (O.standaloneHeaders) {
    std::vector<std::vector<std::string>> Seen;
    Seen.reserve(Units.size());
    for (const TranslationUnitFacts &U : Units)
      Seen.push_back(U.userFiles);
    std::vector<std::string> Paths;
    Paths.reserve(O.paths.size());
    for (const std::string &P : O.paths)
      Paths.push_back(canonicalPath(P));
    std::vector<CompileJob> Headers = planStandaloneHeaderJobs(
        Plan->jobs, Seen, Paths,
        [&](llvm::StringRef P) { return Policy.ownsPath(P); });
    for (TranslationUnitFacts &U : analyzeAll(Headers, Policy, Analysis))
      Units.push_back(std::move(U));
    Run.jobs.insert(Run.jobs.end(), Headers.begin(), Headers.end());
  }
  Result = linkProject(Units, Catalog, Policy, Analysis.enabledRules,
                       In.toolFiles, In.naming);

  for (const UnitSummary &U : Result.units)
    if (U.status != UnitStatus::Complete)
      std::fprintf(stderr, "mcp-cutover: %s: %s%s: %s\n",
                   U.status == UnitStatus::Failed ? "error" : "warning",
                   U.file.c_str(),
                   U.standaloneHeader ? " (a header no TU includes)" : "",
                   (std::string(U.status == UnitStatus::Failed
                                    ? "not analysed: "
                                    : "incomplete analysis, first error: ") +
                    U.firstError)
                       .c_str());

  if (!Result.units.empty() &&
      Result.count(UnitStatus::Failed) == Result.units.size())
    return toolError("no translation unit could be analysed");
  return std::nullopt;
}

/// --fix, --fix-dry-run and --export-fixes; returns an exit code on error.
/// The fixes they take are verified first, so the outputs written after
/// (--json, --sarif) show only fixes that compile.
std::optional<int> handleFixes(const CheckOptions &O, const RunInputs &In,
                               const AnalysisRun &Run, ProjectResult &Result) {
  if (O.fix.empty() && O.fixDryRun.empty() && O.exportFixes.empty())
    return std::nullopt;
  if (!Run.policy) // analyze() sets it before any finding, so any fix, exists
    return toolError("fixes need an analysed project");
  bool All = O.fix == "all" || O.fixDryRun == "all" || O.fixTier == "all";
  SourceCache Sources;
  FixSelection Selection = selectFixes(Result, Sources, All);
  for (const std::string &Line : Selection.skipped)
    std::fprintf(stderr, "mcp-cutover: note: %s\n", Line.c_str());
  if (O.verifyFixes && Selection.size() > 0) {
    VerificationOutcome Verified =
        verifyFixes(Result, Selection, Sources,
                    {Run.jobs, Run.units, *Run.policy, Run.options,
                     In.toolFiles, In.rules, In.naming});
    for (const std::string &Line : Verified.dropped)
      std::fprintf(stderr, "mcp-cutover: warning: %s\n", Line.c_str());
  }
  if (Selection.heldForReview > 0)
    std::fprintf(stderr,
                 "mcp-cutover: note: %zu fix%s of the review tier left out: "
                 "read them with --fix-dry-run=all, apply them with "
                 "--fix=all\n",
                 Selection.heldForReview,
                 Selection.heldForReview == 1 ? "" : "es");
  if (!O.exportFixes.empty())
    if (std::string Problem = writeFileAtomically(
            O.exportFixes, renderReplacementsYaml(Result, Selection, Sources));
        !Problem.empty())
      return toolError(Problem);
  if (!O.fixDryRun.empty()) {
    std::string Diff = renderFixDiff(Result, Selection, Sources);
    std::fwrite(Diff.data(), 1, Diff.size(), stdout);
  }
  if (!O.fix.empty()) {
    FixOutcome Outcome = applyFixesInPlace(Result, Selection);
    for (const std::string &Line : Outcome.messages)
      std::fprintf(stderr, "mcp-cutover: warning: %s\n", Line.c_str());
    std::fprintf(stderr, "mcp-cutover: applied %zu fix%s in %zu file%s\n",
                 Outcome.fixes, Outcome.fixes == 1 ? "" : "es", Outcome.files,
                 Outcome.files == 1 ? "" : "s");
    if (!Outcome.messages.empty())
      return ExitToolError;
  }
  return std::nullopt;
}

int runCheck(const CheckOptions &O) {
  if (!O.fix.empty() && !O.fixDryRun.empty())
    return toolError("--fix and --fix-dry-run exclude each other");
  RunInputs In;
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  ProjectResult Result;
  AnalysisRun Run;
  if (auto Exit = analyze(O, In, Result, Run))
    return *Exit;
  if (auto Exit = handleFixes(O, In, Run, Result))
    return *Exit;
  if (In.baseline)
    applyBaseline(Result, *In.baseline);
  // With --fix-dry-run the diff is stdout; --json and --sarif still write.
  return emitResult(Result, O, In.failOn, O.fixDryRun.empty());
}

/// `mcp-cutover report`: the week-by-week checklist.
int runReport(const CheckOptions &O) {
  auto Ga =
      parseDate(O.gaDate.empty() ? Checklist::builtin().gaDate() : O.gaDate);
  if (!Ga)
    return toolError("--ga-date takes a date as YYYY-MM-DD, not '" + O.gaDate +
                     "'");
  auto Today =
      O.today.empty() ? std::optional<long>(todayUtc()) : parseDate(O.today);
  if (!Today)
    return toolError("--today takes a date as YYYY-MM-DD, not '" + O.today +
                     "'");
  if (!O.output.empty())
    if (std::string Problem = checkWritable(O.output); !Problem.empty())
      return toolError(Problem);
  ProjectResult Result;
  if (!O.from.empty()) {
    if (!O.paths.empty() || !O.buildDir.empty() || !O.toolFiles.empty())
      return toolError("--from renders a saved result: it takes no sources, "
                       "-p or --tools");
    std::string Error;
    std::string Root =
        O.root.empty() ? chooseRoot("", {O.from}) : canonicalPath(O.root);
    auto Saved = readJsonResult(O.from, Root, Error);
    if (!Saved)
      return toolError(Error);
    Result = std::move(*Saved);
  } else {
    RunInputs In;
    if (std::string Problem = prepareRun(O, In); !Problem.empty())
      return toolError(Problem);
    AnalysisRun Run;
    if (auto Exit = analyze(O, In, Result, Run))
      return *Exit;
  }
  PlanOptions Options;
  Options.gaDay = *Ga;
  Options.today = *Today;
  Options.linkBase = llvm::StringRef(O.linkBase).rtrim('/').str();
  SourceCache Sources;
  CutoverPlan Plan = buildPlan(Result, RuleCatalog::builtin(),
                               Checklist::builtin(), Options, Sources);
  std::string Out;
  if (O.reportFormat == "markdown")
    Out = renderMarkdownReport(Plan);
  else if (O.reportFormat == "html")
    Out = renderHtmlReport(Plan);
  else
    Out = renderTextReport(
        Plan, O.output.empty() &&
                  (O.color == "always" || (O.color == "auto" && isatty(1))));
  if (!O.output.empty()) {
    if (std::string Problem = writeFileAtomically(O.output, Out);
        !Problem.empty())
      return toolError(Problem);
    return ExitClean;
  }
  std::fwrite(Out.data(), 1, Out.size(), stdout);
  return ExitClean;
}
} // namespace

namespace {
int run(int argc, char **argv) {
  // Everything after the first "--" is compiler arguments, as in clang-tidy.
  std::vector<std::string> Args(argv + 1, argv + argc);
  CheckOptions Check;
  auto DashDash = std::find(Args.begin(), Args.end(), "--");
  if (DashDash != Args.end()) {
    Check.hasDashDash = true;
    Check.extraArgs.assign(DashDash + 1, Args.end());
    Args.erase(DashDash, Args.end());
  }

  CLI::App App{"mcp-cutover: find what breaks when an MCP server goes "
               "stateless (MCP 2026-07-28)",
               "mcp-cutover"};
  App.set_version_flag("--version", MCP_CUTOVER_VERSION);
  App.require_subcommand(0, 1);
  bool ListRules = false;
  App.add_flag("--list-rules", ListRules, "List every rule and exit");

  CLI::App *CheckCmd = App.add_subcommand(
      "check", "Analyse C++ sources through their compilation database");
  addAnalysisOptions(*CheckCmd, Check);
  addScopeOptions(*CheckCmd, Check);
  addOutputOptions(*CheckCmd, Check);
  CheckCmd
      ->add_flag("--fix{safe}", Check.fix,
                 "Apply the safe fix-its in place, --fix=all the review "
                 "ones too; each is verified by parsing again first, each "
                 "file written atomically, files changed since analysis "
                 "left alone")
      ->check(CLI::IsMember({"safe", "all"}));
  CheckCmd
      ->add_flag("--fix-dry-run{safe}", Check.fixDryRun,
                 "Print the verified fix-its (--fix-dry-run=all: of both "
                 "tiers) as a unified diff instead of the findings")
      ->check(CLI::IsMember({"safe", "all"}));
  CheckCmd
      ->add_option("--fix-tier", Check.fixTier,
                   "Which fixes --fix, --fix-dry-run and --export-fixes "
                   "take: safe (default) or all (review ones too)")
      ->check(CLI::IsMember({"safe", "all"}));
  CheckCmd->add_option("--export-fixes", Check.exportFixes,
                       "Write the verified fix-its to FILE.yaml for "
                       "clang-apply-replacements");
  CheckCmd->add_flag("!--no-fix-verification", Check.verifyFixes,
                     "Take fix-its without parsing the edited units again "
                     "(faster; a fix may then break the build)");

  CheckOptions Schema;
  CLI::App *SchemaCmd = App.add_subcommand(
      "schema", "Check tool contracts in JSON files (tools/list results, "
                "JSON-RPC responses, tools or arrays of tools)");
  SchemaCmd->add_option("files", Schema.toolFiles, "JSON files or folders")
      ->required();
  addScopeOptions(*SchemaCmd, Schema);
  addOutputOptions(*SchemaCmd, Schema);

  CheckOptions Report;
  CLI::App *ReportCmd = App.add_subcommand(
      "report", "The week-by-week cutover checklist (text, Markdown or HTML), "
                "from the sources or from a saved --json result");
  addAnalysisOptions(*ReportCmd, Report);
  addScopeOptions(*ReportCmd, Report);
  ReportCmd->add_option("--from", Report.from,
                        "Render a result saved with 'check --json FILE' "
                        "instead of analysing");
  ReportCmd
      ->add_option("--format", Report.reportFormat, "text, markdown or html")
      ->check(CLI::IsMember({"text", "markdown", "html"}));
  ReportCmd->add_option("-o,--output", Report.output,
                        "Write the report to FILE (atomically)");
  ReportCmd->add_option("--link-base", Report.linkBase,
                        "URL that file paths are appended to for links, e.g. "
                        "https://github.com/ORG/REPO/blob/COMMIT");
  ReportCmd->add_option("--ga-date", Report.gaDate,
                        "GA date of MCP 2026-07-28 (default 2026-07-28)");
  ReportCmd->add_option("--today", Report.today,
                        "The date the plan is read on (default: today, UTC)");

  std::string RulesFormat = "text";
  CLI::App *RulesCmd = App.add_subcommand("rules", "List every rule");
  RulesCmd->add_option("--format", RulesFormat)
      ->check(CLI::IsMember({"text", "json"}));

  std::vector<const char *> Argv = {argv[0]};
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  try {
    App.parse(static_cast<int>(Argv.size()), Argv.data());
  } catch (const CLI::Success &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    App.exit(E);
    return ExitToolError;
  }

  if (ListRules || RulesCmd->parsed()) {
    std::string Out = RulesFormat == "json"
                          ? renderRulesJson(RuleCatalog::builtin())
                          : renderRulesText(RuleCatalog::builtin());
    std::fwrite(Out.data(), 1, Out.size(), stdout);
    return ExitClean;
  }
  if (CheckCmd->parsed())
    return runCheck(Check);
  if (SchemaCmd->parsed())
    return runSchema(Schema);
  if (ReportCmd->parsed())
    return runReport(Report);
  std::fputs(App.help().c_str(), stderr);
  return ExitToolError;
}
} // namespace

int main(int argc, char **argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  // A belt, not the fix: every reader reports its own problems as one line
  // naming the file (tests/fuzz proves it). An exception that still escapes
  // is a bug, but the user gets one line and exit 2, not a stack trace.
  try {
    return run(argc, argv);
  } catch (const std::exception &E) {
    std::fflush(stdout);
    return toolError(std::string("internal error: ") + E.what() +
                     " (please report it)");
  } catch (...) {
    std::fflush(stdout);
    return toolError("internal error: unknown exception (please report it)");
  }
}
