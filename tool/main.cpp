//===- main.cpp - The mcp-cutover command line ----------------------------===//
#include "checks/CheckRegistry.h"
#include "checks/RuleCatalog.h"
#include "tool/ProbeCommand.h"
#include "tool/SchemaCommand.h"
#include "tool/TrafficCommand.h"
#include "tool/driver/CommandSanitizer.h"
#include "tool/driver/Driver.h"
#include "tool/driver/FactCache.h"
#include "tool/driver/GatewayFiles.h"
#include "tool/driver/IncludeScan.h"
#include "tool/driver/Progress.h"
#include "tool/driver/Shard.h"
#include "tool/files/AtomicFile.h"
#include "tool/files/ChangedLines.h"
#include "tool/files/SourceCache.h"
#include "tool/fix/FixExport.h"
#include "tool/fix/FixVerifier.h"
#include "tool/link/ProjectLinker.h"
#include "tool/output/DiffScope.h"
#include "tool/output/ResultReader.h"
#include "tool/output/Writers.h"
#include "tool/report/Checklist.h"
#include "tool/report/CutoverPlan.h"
#include "tool/report/ReportWriters.h"
#include "tool/traffic/TrafficSummary.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
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
  Cmd.add_option("--junit", O.junitFile,
                 "Also write JUnit XML to FILE (a test case per rule and "
                 "file; it fails when a finding there fails the run)");
  Cmd.add_option("--gitlab", O.gitlabFile,
                 "Also write a GitLab Code Quality report to FILE");
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
  Cmd.add_option("--config", O.config,
                 "Configuration file (default: .mcp-cutover.yaml found from "
                 "the root upward, and in folders below it; docs/config.md)");
  Cmd.add_option("--color", O.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  Cmd.add_option("--handle-pattern", O.handlePatterns,
                 "Regex of property names that are handles, besides *_id, "
                 "*_handle, *_token, *_ref (repeatable)")
      ->allow_extra_args(false);
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
                 "(repeatable)")
      ->allow_extra_args(false);
  Cmd.add_option("--cache-dir", O.cacheDir,
                 "Keep each unit's facts here and reuse them while the unit's "
                 "command and every file it reads are unchanged (default: "
                 ".mcp-cutover-cache beside compile_commands.json)");
  Cmd.add_flag("--no-cache", O.noCache, "Parse every unit, keep nothing");
  Cmd.add_flag("-q,--quiet", O.quiet,
               "No progress, summary or notes on stderr; warnings and errors "
               "stay");
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
                 "tools; checked with the C++ facts (repeatable)")
      ->allow_extra_args(false);
  Cmd.add_option("--sdk-profile", O.sdkProfiles,
                 "SDK profile JSON saying how your SDK registers tools "
                 "(docs/sdk-profiles.md; repeatable)")
      ->allow_extra_args(false);
  Cmd.add_option("--gateway-config", O.gatewayConfigs,
                 "Proxy or load-balancer configuration to check (nginx, "
                 "HAProxy; YAML, JSON, TOML and Terraform by extension), "
                 "whatever its name (repeatable); files under the paths (or "
                 "the root) are found by name and content")
      ->allow_extra_args(false);
}

/// What the analysis parsed, kept for verifying fixes by parsing again.
struct AnalysisRun {
  std::vector<CompileJob> jobs; ///< jobs[i] made units[i].
  std::vector<TranslationUnitFacts> units;
  AnalysisOptions options;
  std::optional<OwnershipPolicy> policy;
  std::unique_ptr<FactCache> cache; ///< options.cache points here.
};

/// What decides every unit's facts besides its command and the files it
/// reads: whose code is whose, and how SDKs register tools.
std::string cacheRunKey(const CheckOptions &O, const OwnershipPolicy &Policy,
                        const RunInputs &In) {
  std::string Key = "root=" + Policy.root() + "\n";
  for (const std::string &E : O.excludes)
    Key += "exclude=" + E + "\n";
  Key += O.followSymlinks ? "follow-symlinks\n" : "";
  if (const ConfigFile *C = In.config.root()) {
    for (const std::string &G : C->include)
      Key += "config-include=" + C->folder + "/" + G + "\n";
    for (const std::string &G : C->exclude)
      Key += "config-exclude=" + C->folder + "/" + G + "\n";
  }
  for (const std::string &Profile : O.sdkProfiles) {
    auto Buffer = llvm::MemoryBuffer::getFile(Profile);
    Key += "profile=" + Profile + ":" +
           (Buffer ? fileContentHash((*Buffer)->getBuffer()) : "") + "\n";
  }
  return Key;
}

/// --cache-dir, else beside the database; none with --no-cache or without
/// a database (a one-off run on sources has no build folder to keep it in).
std::string cacheFolder(const CheckOptions &O, const JobPlan &Plan) {
  if (O.noCache)
    return "";
  if (!O.cacheDir.empty())
    return O.cacheDir;
  if (Plan.databasePath.empty())
    return "";
  llvm::SmallString<256> Folder(
      llvm::sys::path::parent_path(Plan.databasePath));
  llvm::sys::path::append(Folder, ".mcp-cutover-cache");
  return std::string(Folder);
}

/// The units --diff-base leaves out, and the user's files each reads.
struct SkippedUnits {
  std::vector<CompileJob> jobs;
  std::vector<std::vector<std::string>> userFiles;
};

/// With --diff-base and only rules decided within a unit: moves the jobs
/// that read no changed file from `Jobs` to the result.
SkippedUnits skipUnchangedUnits(std::vector<CompileJob> &Jobs,
                                const ChangedLines &Changed,
                                const OwnershipPolicy &Policy,
                                const AnalysisOptions &Options,
                                const CheckOptions &O) {
  std::vector<std::optional<std::vector<std::string>>> Scanned =
      scanIncludedFiles(Jobs, Options);
  std::vector<CompileJob> Kept;
  SkippedUnits Skipped;
  size_t Total = Jobs.size();
  for (size_t I = 0; I < Total; ++I) {
    // A unit the scanner could not read may read anything: analysed.
    const auto &Files = Scanned[I];
    if (!Files ||
        std::any_of(Files->begin(), Files->end(), [&](const std::string &F) {
          return Changed.touchesFile(F);
        })) {
      Kept.push_back(std::move(Jobs[I]));
      continue;
    }
    Skipped.jobs.push_back(std::move(Jobs[I]));
    std::vector<std::string> &Own = Skipped.userFiles.emplace_back();
    for (const std::string &F : *Files)
      if (Policy.ownsPath(F))
        Own.push_back(F);
  }
  if (!O.quiet && !Skipped.jobs.empty())
    std::fprintf(stderr,
                 "mcp-cutover: note: --diff-base %s: %zu of %zu translation "
                 "unit%s read no changed file; not analysed\n",
                 O.diffBase.c_str(), Skipped.jobs.size(), Total,
                 Total == 1 ? "" : "s");
  Jobs = std::move(Kept);
  return Skipped;
}

/// The shards' units put back in the whole run's order, for `merge`.
struct JoinedShards {
  std::vector<CompileJob> jobs;
  std::vector<TranslationUnitFacts> units;
  std::vector<std::string> paths;
  size_t shards = 0;
};

/// Plans the database's units and analyses them; with --shard, only this
/// shard's share, written to --facts-out, and the run ends (ExitClean).
/// Returns an exit code when the run cannot go on or is done.
std::optional<int> analyzeUnits(
    const CheckOptions &O, const RunInputs &In, AnalysisRun &Run,
    const ChangedLines *Changed,
    const std::function<void(const std::string &)> &Note, Progress &Shown,
    const std::function<void(const TranslationUnitFacts &)> &UnitDone,
    const OwnershipPolicy &Policy, SkippedUnits &Skipped, bool &SkipUnchanged) {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  AnalysisOptions &Analysis = Run.options;
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
  for (const std::string &Text : Plan->notes)
    Note(Text);
  // A source named under the root that really lives elsewhere (a symlink, a
  // `..` in the database) is read for context only: say so, once.
  std::vector<const CompileJob *> Outside;
  for (const CompileJob &Job : Plan->jobs)
    if (llvm::sys::path::is_absolute(Policy.relativize(Job.file)))
      Outside.push_back(&Job);
  if (!Outside.empty())
    Note(Outside.front()->file +
         (Outside.size() == 1 ? ""
                              : " and " + std::to_string(Outside.size() - 1) +
                                    " more translation unit" +
                                    (Outside.size() == 2 ? "" : "s")) +
         ": outside the project root " + Policy.root() +
         " (its real path); analysed as context only: nothing in it is "
         "reported or fixed" +
         (O.followSymlinks ? ""
                           : " (--follow-symlinks reports files reached "
                             "through symlinks under the root)"));
  // The database is the repository's: its commands are compiler arguments,
  // never a way to run the project's code (docs/security.md).
  for (const std::string &Text :
       sanitizeJobs(Plan->jobs, Policy.root(), MCP_CUTOVER_CLANG_DIR))
    Note(Text);

  SkipUnchanged = Changed && !needsEveryUnit(Catalog, Analysis.enabledRules);
  if (SkipUnchanged)
    Skipped = skipUnchangedUnits(Plan->jobs, *Changed, Policy, Analysis, O);

  if (std::string Folder = cacheFolder(O, *Plan); !Folder.empty()) {
    Run.cache = std::make_unique<FactCache>(Folder, cacheRunKey(O, Policy, In));
    Analysis.cache = Run.cache.get();
  }

  if (!O.shard.empty()) {
    ShardSpec Spec;
    if (std::string Problem = parseShard(O.shard, Spec); !Problem.empty())
      return toolError(Problem);
    std::vector<uint64_t> Sizes;
    for (const CompileJob &Job : Plan->jobs) {
      uint64_t Size = 0;
      (void)llvm::sys::fs::file_size(Job.file, Size); // 0: still a parse
      Sizes.push_back(Size);
    }
    ShardFacts Share;
    Share.spec = Spec;
    Share.tool = FactCache::toolIdentity();
    Share.root = Policy.root();
    Share.rules = Analysis.enabledRules;
    Share.options = cacheRunKey(O, Policy, In);
    for (const std::string &P : O.paths)
      Share.paths.push_back(canonicalPath(P));
    Share.totalJobs = Plan->jobs.size();
    Share.indices = shardJobs(Sizes, Spec);
    for (size_t I : Share.indices)
      Share.jobs.push_back(Plan->jobs[I]);
    Shown.addUnits(Share.jobs.size());
    Share.units = analyzeAll(Share.jobs, Policy, Analysis, UnitDone);
    Shown.finish("shard " + O.shard + " of " +
                 std::to_string(Plan->jobs.size()) + " units");
    if (std::string Problem =
            writeFileAtomically(O.factsOut, renderShardFacts(Share));
        !Problem.empty())
      return toolError(Problem);
    return ExitClean;
  }
  Shown.addUnits(Plan->jobs.size());
  Run.units = analyzeAll(Plan->jobs, Policy, Analysis, UnitDone);
  Run.jobs = Plan->jobs;
  return std::nullopt;
}

/// Analyses the C++ inputs and links the project; returns an exit code
/// when the run cannot go on (the error is printed). `Changed` (with
/// --diff-base) lets units that read no changed file be skipped when no
/// enabled rule is decided project-wide.
std::optional<int> analyze(const CheckOptions &O, const RunInputs &In,
                           ProjectResult &Result, AnalysisRun &Run,
                           const ChangedLines *Changed = nullptr,
                           const JoinedShards *Joined = nullptr) {
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

  auto Note = [&](const std::string &Text) {
    if (!O.quiet)
      std::fprintf(stderr, "mcp-cutover: note: %s\n", Text.c_str());
  };
  OwnershipPolicy &Policy =
      Run.policy.emplace(chooseRoot(O.root, O.paths), O.excludes);
  Policy.setFollowSymlinks(O.followSymlinks);
  Policy.setPathFilter(In.config.rootPathFilter());
  if (std::string Problem = Policy.validate(); !Problem.empty())
    return toolError(Problem);
  Progress Shown(stderr, isatty(2) != 0, !O.quiet);
  auto UnitDone = [&](const TranslationUnitFacts &U) {
    Shown.unitDone(U.file);
  };
  std::vector<TranslationUnitFacts> &Units = Run.units;
  SkippedUnits Skipped;
  bool SkipUnchanged = false;
  // Proxy configuration beside the code (checks/gateway): `check deploy/`
  // names folders with configuration and no C++, and needs no database.
  // `check --gateway-config nginx.conf` where no database is found: the
  // named files alone.
  bool NamedOnly = !Joined && O.paths.empty() && O.buildDir.empty() &&
                   O.shard.empty() && !O.gatewayConfigs.empty() &&
                   !hasDatabaseUpward(canonicalPath("."));
  std::vector<std::string> GatewayProblems;
  std::vector<GatewayFile> Gateway =
      findGatewayFiles(O.gatewayConfigs, Joined ? Joined->paths : O.paths,
                       /*WalkRoot=*/!NamedOnly, Policy, GatewayProblems);
  if (!GatewayProblems.empty())
    return toolError(GatewayProblems.front());
  bool ConfigOnly =
      NamedOnly || (!Joined && !O.paths.empty() && O.shard.empty() &&
                    llvm::all_of(O.paths,
                                 [](const std::string &P) {
                                   return llvm::sys::fs::exists(P);
                                 }) &&
                    llvm::none_of(O.paths, holdsCxxSource));
  if (ConfigOnly && Gateway.empty())
    return toolError(O.paths.front() +
                     ": no C++ source files and no proxy, load-balancer or "
                     "gateway configuration here");
  if (Joined) {
    // merge: the shards analysed the units, in the whole run's order.
    Run.jobs = Joined->jobs;
    Units = Joined->units;
  } else if (NamedOnly) {
    Note("no compile_commands.json found and no path named: only proxy "
         "configuration is checked");
  } else if (ConfigOnly) {
    Note("no C++ under " + O.paths.front() +
         (O.paths.size() > 1 ? " and the other paths" : "") +
         ": only proxy configuration is checked");
  } else if (std::optional<int> Exit =
                 analyzeUnits(O, In, Run, Changed, Note, Shown, UnitDone,
                              Policy, Skipped, SkipUnchanged)) {
    return Exit;
  }
  std::vector<std::string> GatewayNotes;
  std::vector<TranslationUnitFacts> Configs =
      analyzeGatewayFiles(Gateway, Analysis.enabledRules, GatewayNotes);
  for (const std::string &Text : GatewayNotes)
    Note(Text);
  std::vector<CompileJob> UnitJobs = Run.jobs;
  if (O.standaloneHeaders && !ConfigOnly) {
    std::vector<std::vector<std::string>> Seen;
    Seen.reserve(Units.size());
    for (const TranslationUnitFacts &U : Units)
      Seen.push_back(U.userFiles);
    // The skipped units' headers are covered too: not standalone.
    std::vector<CompileJob> Covering = UnitJobs;
    Covering.insert(Covering.end(), Skipped.jobs.begin(), Skipped.jobs.end());
    Seen.insert(Seen.end(), Skipped.userFiles.begin(), Skipped.userFiles.end());
    std::vector<std::string> Paths;
    Paths.reserve(O.paths.size());
    for (const std::string &P : O.paths)
      Paths.push_back(canonicalPath(P));
    if (Joined)
      Paths = Joined->paths;
    std::vector<CompileJob> Headers =
        planStandaloneHeaderJobs(Covering, Seen, Paths, [&](llvm::StringRef P) {
          return Policy.ownsPath(P) &&
                 (!SkipUnchanged || Changed->touchesFile(P.str()));
        });
    Shown.addUnits(Headers.size());
    for (TranslationUnitFacts &U :
         analyzeAll(Headers, Policy, Analysis, UnitDone))
      Units.push_back(std::move(U));
    Run.jobs.insert(Run.jobs.end(), Headers.begin(), Headers.end());
  }
  Result = linkProject(Units, Catalog, Policy, Analysis.enabledRules,
                       In.toolFiles, In.naming, Configs);
  if (std::string Problem = In.config.apply(Result); !Problem.empty())
    return toolError(Problem);
  size_t Incomplete = Result.count(UnitStatus::Incomplete),
         Failed = Result.count(UnitStatus::Failed);
  std::string Trouble;
  if (Incomplete > 0)
    Trouble = std::to_string(Incomplete) + " incomplete";
  if (Failed > 0)
    Trouble += (Trouble.empty() ? "" : ", ") + std::to_string(Failed) +
               " not analysed";
  if (Run.cache)
    Trouble += (Trouble.empty() ? "" : ", ") +
               std::to_string(Run.cache->hits()) + " from the cache";
  if (!Configs.empty())
    Trouble += (Trouble.empty() ? "" : ", ") + std::to_string(Configs.size()) +
               " configuration file" + (Configs.size() == 1 ? "" : "s");
  if (Joined)
    Trouble += (Trouble.empty() ? "" : ", ") +
               std::to_string(Joined->units.size()) + " more from " +
               std::to_string(Joined->shards) + " shard" +
               (Joined->shards == 1 ? "" : "s");
  Shown.finish(Trouble);
  if (Run.cache && Run.cache->writeFailures() > 0 && !O.quiet)
    std::fprintf(stderr,
                 "mcp-cutover: note: %s: %zu cache entr%s could not be "
                 "written; the next run parses those units again\n",
                 Run.cache->folder().c_str(), Run.cache->writeFailures(),
                 Run.cache->writeFailures() == 1 ? "y" : "ies");

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

  for (const UnitSummary &U : Result.configFiles)
    if (U.status != UnitStatus::Complete)
      std::fprintf(stderr, "mcp-cutover: error: %s; not checked\n",
                   U.firstError.c_str());

  if (Result.units.empty() && !Result.configFiles.empty() &&
      Result.countConfigs(UnitStatus::Complete) == 0)
    return toolError("no configuration file could be read");
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

int runCheck(const CheckOptions &Given) {
  if (!Given.fix.empty() && !Given.fixDryRun.empty())
    return toolError("--fix and --fix-dry-run exclude each other");
  if (Given.shard.empty() != Given.factsOut.empty())
    return toolError("--shard K/N and --facts-out FILE go together");
  if (!Given.shard.empty()) {
    ShardSpec Spec;
    if (std::string Problem = parseShard(Given.shard, Spec); !Problem.empty())
      return toolError(Problem);
    for (const std::string *Option :
         {&Given.jsonFile, &Given.sarifFile, &Given.junitFile,
          &Given.gitlabFile, &Given.baseline, &Given.diffBase, &Given.fix,
          &Given.fixDryRun, &Given.exportFixes})
      if (!Option->empty())
        return toolError("--shard writes facts for merge: outputs, "
                         "--baseline, --diff-base and fixes belong to "
                         "'mcp-cutover merge'");
    if (std::string Problem = checkWritable(Given.factsOut); !Problem.empty())
      return toolError(Problem);
  }
  CheckOptions O = Given;
  RunInputs In;
  if (std::string Problem = loadConfig(O, In, chooseRoot(O.root, O.paths));
      !Problem.empty())
    return toolError(Problem);
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  std::optional<ChangedLines> Changed;
  if (!O.diffBase.empty()) {
    std::string Where = O.root.empty() ? chooseRoot("", O.paths) : O.root;
    if (std::string Problem =
            changedSince(O.diffBase, Where, Changed.emplace());
        !Problem.empty())
      return toolError(Problem);
  }
  ProjectResult Result;
  AnalysisRun Run;
  if (auto Exit = analyze(O, In, Result, Run, Changed ? &*Changed : nullptr))
    return *Exit;
  // Before the fixes: --fix with --diff-base touches only the change.
  if (Changed)
    applyDiffScope(Result, *Changed, O.diffBase);
  if (auto Exit = handleFixes(O, In, Run, Result))
    return *Exit;
  if (In.baseline)
    applyBaseline(Result, *In.baseline);
  // With --fix-dry-run the diff is stdout; --json and --sarif still write.
  return emitResult(Result, O, In.failOn, O.fixDryRun.empty());
}

/// `mcp-cutover report`: the week-by-week checklist.
/// One check from two results (two clients, say): failed if either
/// failed, passed if either passed and none failed.
void mergeCheck(RuntimeCheck &Into, RuntimeCheck &&C) {
  auto Rank = [](const std::string &Status) {
    return Status == "failed" ? 2 : Status == "passed" ? 1 : 0;
  };
  if (Rank(C.status) > Rank(Into.status)) {
    Into.status = C.status;
    Into.detail = std::move(C.detail);
    Into.evidence = std::move(C.evidence);
  } else if (C.status == Into.status) {
    for (std::string &E : C.evidence)
      if (Into.evidence.size() < 5)
        Into.evidence.push_back(std::move(E));
  }
}

/// Reads `report --probe` results into one: the runtime rules' findings
/// (the served tools/list's schema findings repeat what the code's
/// analysis reports) and every check, a rule checked in two results
/// merged. Returns "" or the problem.
std::string readProbeResults(const std::vector<std::string> &Files,
                             const std::string &Root,
                             std::optional<ProjectResult> &Probed) {
  for (const std::string &File : Files) {
    std::string Error;
    std::optional<ProjectResult> One = readJsonResult(File, Root, Error);
    if (!One)
      return Error;
    if (!One->probe)
      return File + ": not a probe result (it has no 'probe' section; "
                    "write one with 'mcp-cutover probe --json FILE')";
    if (!Probed) {
      Probed.emplace();
      Probed->probe.emplace();
      Probed->probe->side = One->probe->side;
    }
    ProbeSummary &All = *Probed->probe;
    for (RuntimeCheck &C : One->probe->checks) {
      auto Same = llvm::find_if(All.checks, [&](const RuntimeCheck &Seen) {
        return Seen.rule == C.rule;
      });
      if (Same == All.checks.end())
        All.checks.push_back(std::move(C));
      else
        mergeCheck(*Same, std::move(C));
    }
    for (std::string &Url : One->probe->urls)
      All.urls.push_back(std::move(Url));
    for (Finding &F : One->findings)
      if (const Rule *R = RuleCatalog::builtin().find(F.ruleId);
          R && R->runtime)
        Probed->findings.push_back(std::move(F));
  }
  return "";
}

int runReport(const CheckOptions &Given) {
  CheckOptions O = Given;
  RunInputs In;
  std::string Root = chooseRoot(
      O.root, O.from.empty() ? O.paths : std::vector<std::string>{O.from});
  if (std::string Problem = loadConfig(O, In, Root); !Problem.empty())
    return toolError(Problem);
  auto Ga =
      parseDate(O.gaDate.empty() ? Checklist::builtin().gaDate() : O.gaDate);
  if (!Ga)
    return toolError(std::string(Given.gaDate.empty() && In.config.root()
                                     ? In.config.root()->path + ": ga-date"
                                     : "--ga-date") +
                     " takes a date as YYYY-MM-DD, not '" + O.gaDate + "'");
  auto Today =
      O.today.empty() ? std::optional<long>(todayUtc()) : parseDate(O.today);
  if (!Today)
    return toolError("--today takes a date as YYYY-MM-DD, not '" + O.today +
                     "'");
  if (!O.output.empty())
    if (std::string Problem = checkWritable(O.output); !Problem.empty())
      return toolError(Problem);
  // Probe results are read first: a bad one stops the run before any
  // analysis.
  std::optional<ProjectResult> Probed;
  if (std::string Problem = readProbeResults(O.probeResults, Root, Probed);
      !Problem.empty())
    return toolError(Problem);
  std::optional<TrafficSummary> Traffic;
  if (!O.trafficResult.empty()) {
    std::string Error;
    Traffic = readTrafficResult(O.trafficResult, Error);
    if (!Traffic)
      return toolError(Error);
  }
  ProjectResult Result;
  if (!O.from.empty()) {
    if (!O.paths.empty() || !O.buildDir.empty() || !O.toolFiles.empty())
      return toolError("--from renders a saved result: it takes no sources, "
                       "-p or --tools");
    std::string Error;
    auto Saved = readJsonResult(O.from, Root, Error);
    if (!Saved)
      return toolError(Error);
    Result = std::move(*Saved);
  } else {
    if (std::string Problem = prepareRun(O, In); !Problem.empty())
      return toolError(Problem);
    AnalysisRun Run;
    if (auto Exit = analyze(O, In, Result, Run))
      return *Exit;
  }
  if (Probed) {
    for (Finding &F : Probed->findings)
      Result.findings.push_back(std::move(F));
    Result.probe = std::move(Probed->probe);
  }
  PlanOptions Options;
  Options.gaDay = *Ga;
  Options.today = *Today;
  Options.linkBase = llvm::StringRef(O.linkBase).rtrim('/').str();
  Options.traffic = Traffic ? &*Traffic : nullptr;
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
/// `mcp-cutover merge FACTS...`: the shards' units linked as one run.
int runMerge(const CheckOptions &Given,
             const std::vector<std::string> &FactsFiles) {
  std::vector<ShardFacts> Shards;
  for (const std::string &File : FactsFiles) {
    std::string Error;
    auto Shard = readShardFacts(File, Error);
    if (!Shard)
      return toolError(Error);
    Shards.push_back(std::move(*Shard));
  }
  JoinedShards Joined;
  if (std::string Problem = joinShards(Shards, Joined.jobs, Joined.units);
      !Problem.empty())
    return toolError(Problem);
  Joined.shards = Shards.size();
  Joined.paths = Shards.front().paths;
  CheckOptions O = Given;
  const std::string &ShardRoot = Shards.front().root;
  if (O.root.empty())
    O.root = ShardRoot;
  else if (canonicalPath(O.root) != ShardRoot)
    return toolError("--root " + O.root + " is not the shards' root " +
                     ShardRoot);
  RunInputs In;
  if (std::string Problem = loadConfig(O, In, ShardRoot); !Problem.empty())
    return toolError(Problem);
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  if (In.rules != Shards.front().rules)
    return toolError("the shards ran other rules than this merge would: "
                     "give merge the same --rules and configuration");
  OwnershipPolicy Policy(ShardRoot, O.excludes);
  if (cacheRunKey(O, Policy, In) != Shards.front().options)
    return toolError("the shards ran with other options than this merge "
                     "would: give merge the same --exclude, "
                     "--follow-symlinks, --sdk-profile and configuration");
  ProjectResult Result;
  AnalysisRun Run;
  if (auto Exit = analyze(O, In, Result, Run, nullptr, &Joined))
    return *Exit;
  if (In.baseline)
    applyBaseline(Result, *In.baseline);
  return emitResult(Result, O, In.failOn);
}

/// `mcp-cutover config --dump [PATH]`: the effective configuration.
int runConfig(const CheckOptions &O, const std::string &Given) {
  std::string Path = Given.empty() ? "." : Given;
  if (!llvm::sys::fs::exists(Path))
    return toolError(Path + ": no such file or folder");
  CheckOptions Effective = O;
  RunInputs In;
  if (std::string Problem =
          loadConfig(Effective, In, chooseRoot(O.root, {Path}));
      !Problem.empty())
    return toolError(Problem);
  std::string Out;
  if (std::string Problem = In.config.dump(canonicalPath(Path), Out);
      !Problem.empty())
    return toolError(Problem);
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
  App.footer("Exit codes: 0 no finding at or above --fail-on; 1 such "
             "findings (or a suppression directive that could not be "
             "honoured); 2 usage or tool error (bad arguments, configuration "
             "or database, no unit analysed). Docs: README.md, docs/.");
  App.require_subcommand(0, 1);
  bool ListRules = false;
  App.add_flag("--list-rules", ListRules, "List every rule and exit");

  CLI::App *CheckCmd = App.add_subcommand(
      "check", "Analyse C++ sources through their compilation database");
  addAnalysisOptions(*CheckCmd, Check);
  addScopeOptions(*CheckCmd, Check);
  addOutputOptions(*CheckCmd, Check);
  CheckCmd->add_option("--shard", Check.shard,
                       "Analyse shard K of N (balanced by file size) and "
                       "write its facts to --facts-out, for 'merge'");
  CheckCmd->add_option("--facts-out", Check.factsOut,
                       "Where --shard writes its facts");
  CheckCmd->add_option(
      "--diff-base", Check.diffBase,
      "Only findings on lines added or changed since the merge base of "
      "this git ref and HEAD (work tree, staged and untracked files "
      "included) are listed and fail the run");
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
      ->add_option("--probe", Report.probeResults,
                   "A result saved with 'probe --json FILE' (repeatable: "
                   "the fleet's and each client's): the runtime items are "
                   "marked verified or failed")
      ->allow_extra_args(false);
  ReportCmd->add_option("--traffic", Report.trafficResult,
                        "A result saved with 'traffic LOG... --json FILE': "
                        "the GA items that wait on production are marked "
                        "done or open from the access logs");
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

  CheckOptions Probe;
  ProbeCommandOptions ProbeOpts;
  CLI::App *ProbeCmd = App.add_subcommand(
      "probe", "Check running Streamable HTTP instances against MCP "
               "2026-07-28 (a fleet of --url, or --spawn instances), or a "
               "client (--client-cmd, --serve)");
  ProbeCmd
      ->add_option("--url", ProbeOpts.urls,
                   "An instance's MCP endpoint (repeat for each; loopback "
                   "unless --allow-remote)")
      ->allow_extra_args(false);
  ProbeCmd->add_option("--spawn", ProbeOpts.spawn,
                       "Start instances of this command, {port} replaced by "
                       "a free loopback port; always stopped at the end");
  ProbeCmd->add_option("--stdio", ProbeOpts.stdio,
                       "Start this stdio server (one JSON-RPC message a line "
                       "on its stdin and stdout); always stopped at the end");
  ProbeCmd
      ->add_option("--instances", ProbeOpts.instances,
                   "How many instances --spawn (default 3) or --stdio "
                   "(default 1) starts")
      ->check(CLI::Range(1u, 1024u));
  ProbeCmd->add_option("--path", ProbeOpts.path,
                       "The endpoint's path on a spawned instance (default "
                       "/mcp)");
  ProbeCmd->add_option("--scenario", ProbeOpts.scenario,
                       "A handle flow to run across the instances (YAML: "
                       "docs/probe.md); it may call tools");
  ProbeCmd->add_flag("--allow-calls", ProbeOpts.allowCalls,
                     "Call tools without a scenario: a flow is inferred from "
                     "tools/list");
  ProbeCmd->add_flag("--kill-between", ProbeOpts.killBetween,
                     "Run the flow again with the instance that created the "
                     "handle killed (spawned) or restarted (--restart-cmd)");
  ProbeCmd->add_option("--restart-cmd", ProbeOpts.restartCommand,
                       "Restart one --url instance: {index} and {url} are "
                       "replaced");
  ProbeCmd->add_flag("--expect-legacy", ProbeOpts.expectLegacy,
                     "A transition window: also check that 2025-11-25 "
                     "clients still work (probe-legacy-window)");
  ProbeCmd->add_flag("--allow-remote", ProbeOpts.allowRemote,
                     "Probe URLs that are not loopback addresses");
  ProbeCmd->add_option("--timeout", ProbeOpts.timeout,
                       "Seconds each request may take (default 5)");
  ProbeCmd->add_option("--client-cmd", ProbeOpts.clientCommand,
                       "Check a client instead: run this command, {url} "
                       "replaced by a recording 2026-07-28 server's endpoint");
  ProbeCmd->add_option("--serve", ProbeOpts.servePort,
                       "Check a client instead: record what clients send to "
                       "127.0.0.1:PORT until Ctrl-C or --duration");
  ProbeCmd->add_option("--duration", ProbeOpts.duration,
                       "Seconds the client may run, or --serve records "
                       "(default 30)");
  ProbeCmd->add_flag("-q,--quiet", Probe.quiet, "No summary on stderr");
  addScopeOptions(*ProbeCmd, Probe);
  addOutputOptions(*ProbeCmd, Probe);

  TrafficCommandOptions TrafficOpts;
  CLI::App *TrafficCmd = App.add_subcommand(
      "traffic", "Read the access logs of the MCP endpoint: legacy requests "
                 "per day, the clients behind them, the last one seen, and "
                 "4xx spikes");
  TrafficCmd->add_option(
      "logs", TrafficOpts.logs,
      "Access logs: nginx or Apache combined with extra fields, "
      "JSON lines (nginx escape=json, Envoy), HAProxy; .gz too; "
      "- for standard input");
  TrafficCmd->add_option("--print-log-format", TrafficOpts.printLogFormat,
                         "Print what to add to nginx, envoy or haproxy so "
                         "its log has every field read here");
  TrafficCmd->add_option("--by", TrafficOpts.by, "day (default) or hour")
      ->check(CLI::IsMember({"day", "hour"}));
  TrafficCmd->add_option("--spike-factor", TrafficOpts.spikeFactor,
                         "A day is a spike when its legacy 4xx exceed this "
                         "many times the daily mean of the week before "
                         "(default 3)");
  TrafficCmd->add_option("--path", TrafficOpts.path,
                         "Count only requests whose path starts with this "
                         "(default: every request of the log)");
  TrafficCmd->add_option("--format", TrafficOpts.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  TrafficCmd->add_option("--json", TrafficOpts.json,
                         "Also write the JSON result to FILE (atomically), "
                         "for 'report --traffic'");
  TrafficCmd->add_flag("-q,--quiet", TrafficOpts.quiet,
                       "No notes or summary on stderr");

  CheckOptions Merge;
  std::vector<std::string> FactsFiles;
  CLI::App *MergeCmd = App.add_subcommand(
      "merge", "Link the facts of 'check --shard K/N --facts-out FILE' runs "
               "into the findings of one run");
  MergeCmd->add_option("facts", FactsFiles, "Every shard's --facts-out file")
      ->required();
  addScopeOptions(*MergeCmd, Merge);
  addOutputOptions(*MergeCmd, Merge);
  MergeCmd
      ->add_option("-j,--jobs", Merge.jobs,
                   "Standalone headers analysed in parallel")
      ->check(CLI::Range(1u, 1024u));
  MergeCmd->add_flag("!--no-standalone-headers", Merge.standaloneHeaders,
                     "Do not analyse headers that no unit includes");
  MergeCmd
      ->add_option("--exclude", Merge.excludes,
                   "As given to the shards (repeatable)")
      ->allow_extra_args(false);
  MergeCmd->add_flag("--follow-symlinks", Merge.followSymlinks,
                     "As given to the shards");
  MergeCmd
      ->add_option("--tools", Merge.toolFiles,
                   "tools/list JSON, as for check (repeatable)")
      ->allow_extra_args(false);
  MergeCmd
      ->add_option("--sdk-profile", Merge.sdkProfiles,
                   "As given to the shards (repeatable)")
      ->allow_extra_args(false);
  MergeCmd->add_option("--resource-dir", Merge.resourceDir,
                       "Clang resource dir for builtin headers");
  MergeCmd->add_flag("-q,--quiet", Merge.quiet,
                     "No progress, summary or notes on stderr");

  CheckOptions ConfigOptions;
  std::string ConfigPath;
  bool Dump = false;
  CLI::App *ConfigCmd = App.add_subcommand(
      "config", "The configuration (.mcp-cutover.yaml) in effect for a path");
  ConfigCmd
      ->add_flag("--dump", Dump,
                 "Print the effective configuration for PATH as YAML, with "
                 "the files it comes from")
      ->required();
  ConfigCmd->add_option("path", ConfigPath,
                        "A file or folder (default: the current folder)");
  ConfigCmd->add_option("--config", ConfigOptions.config,
                        "Configuration file instead of the ones found");
  ConfigCmd->add_option("--root", ConfigOptions.root,
                        "Project root (default: the git work tree)");

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
  if (ConfigCmd->parsed())
    return runConfig(ConfigOptions, ConfigPath);
  if (MergeCmd->parsed())
    return runMerge(Merge, FactsFiles);
  if (TrafficCmd->parsed())
    return runTrafficCommand(TrafficOpts);
  if (ProbeCmd->parsed())
    return runProbeCommand(Probe, ProbeOpts);
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
