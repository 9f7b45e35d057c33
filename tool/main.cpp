//===- main.cpp - The mcp-cutover command line ----------------------------===//
#include "checks/CheckRegistry.h"
#include "tool/AtomicFile.h"
#include "tool/Driver.h"
#include "tool/ProjectLinker.h"
#include "tool/RuleCatalog.h"
#include "tool/Writers.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

using namespace mcp_cutover;

namespace {
constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitToolError = 2;

int toolError(const std::string &Message) {
  std::fprintf(stderr, "mcp-cutover: error: %s\n", Message.c_str());
  return ExitToolError;
}

/// The project root: --root, else the git work tree holding the first path,
/// else the first path's folder (or the current folder).
std::string chooseRoot(const std::string &Explicit,
                       const std::vector<std::string> &Paths) {
  if (!Explicit.empty())
    return canonicalPath(Explicit);
  std::string Start = canonicalPath(Paths.empty() ? "." : Paths.front());
  if (!llvm::sys::fs::is_directory(Start))
    Start = std::string(llvm::sys::path::parent_path(Start));
  for (llvm::StringRef Dir = Start; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return Start;
}

struct CheckOptions {
  std::vector<std::string> paths;
  std::string buildDir;
  unsigned jobs = 0;
  std::string format = "text";
  std::string jsonFile;
  std::string sarifFile;
  std::string sarifCategory;
  std::string failOn = "warning";
  std::string root;
  std::vector<std::string> excludes;
  std::string rules;
  std::string resourceDir;
  std::string color = "auto";
  std::vector<std::string> extraArgs;
  bool hasDashDash = false;
  bool standaloneHeaders = true;
  std::vector<std::string> toolFiles;
  std::vector<std::string> handlePatterns;
  std::vector<std::string> sdkProfiles;
};

/// The options `check` and `schema` share: outputs, rules, root, handles.
void addSharedOptions(CLI::App &Cmd, CheckOptions &O) {
  Cmd.add_option("--format", O.format, "Format on stdout")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  Cmd.add_option("--json", O.jsonFile, "Also write JSON to FILE");
  Cmd.add_option("--sarif", O.sarifFile, "Also write SARIF to FILE");
  Cmd.add_option("--sarif-category", O.sarifCategory,
                 "SARIF automationDetails.id");
  Cmd.add_option("--fail-on", O.failOn,
                 "Exit 1 on findings at or above this level")
      ->check(CLI::IsMember({"note", "warning", "error"}));
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

/// The tools files named by --tools (files, or folders searched for *.json)
/// or by `schema`'s arguments, parsed; an error names the file.
std::string loadToolFiles(const std::vector<std::string> &Paths,
                          std::vector<ToolFile> &Out) {
  std::vector<std::string> Files;
  for (const std::string &P : Paths) {
    if (!llvm::sys::fs::exists(P))
      return P + ": no such file or folder";
    if (!llvm::sys::fs::is_directory(P)) {
      Files.push_back(canonicalPath(P));
      continue;
    }
    std::error_code EC;
    std::vector<std::string> Found;
    for (llvm::sys::fs::recursive_directory_iterator It(P, EC), End;
         It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".json" &&
          !llvm::sys::fs::is_directory(It->path()))
        Found.push_back(canonicalPath(It->path()));
    if (EC)
      return P + ": cannot list: " + EC.message();
    if (Found.empty())
      return P + ": no .json files in this folder";
    std::sort(Found.begin(), Found.end());
    Files.insert(Files.end(), Found.begin(), Found.end());
  }
  for (const std::string &F : Files) {
    std::string Error;
    auto File = loadToolFile(F, Error);
    if (!File)
      return Error;
    Out.push_back(std::move(*File));
  }
  return "";
}

/// Writes the result to the requested files and stdout; returns the exit
/// code findings call for.
int emitResult(const ProjectResult &Result, const CheckOptions &O,
               Level FailOn) {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  SarifOptions Sarif{O.sarifCategory};
  std::string Problem;
  if (!O.jsonFile.empty())
    Problem = writeFileAtomically(O.jsonFile, renderJson(Result, Catalog));
  if (Problem.empty() && !O.sarifFile.empty())
    Problem =
        writeFileAtomically(O.sarifFile, renderSarif(Result, Catalog, Sarif));
  if (!Problem.empty())
    return toolError(Problem);

  std::string Stdout;
  if (O.format == "json") {
    Stdout = renderJson(Result, Catalog);
  } else if (O.format == "sarif") {
    Stdout = renderSarif(Result, Catalog, Sarif);
  } else {
    TextOptions Text;
    Text.color = O.color == "always" || (O.color == "auto" && isatty(1));
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    Text.workingDirectory = canonicalPath(Cwd);
    Stdout = renderText(Result, Catalog, Text);
  }
  std::fwrite(Stdout.data(), 1, Stdout.size(), stdout);
  std::fflush(stdout);
  for (const Finding &F : Result.findings)
    if (F.level >= FailOn)
      return ExitFindings;
  return ExitClean;
}

/// --rules, checked against the catalog.
std::string parseRules(const std::string &Rules, std::set<std::string> &Out) {
  llvm::SmallVector<llvm::StringRef, 8> Ids;
  llvm::StringRef(Rules).split(Ids, ',', -1, false);
  for (llvm::StringRef Id : Ids) {
    std::string Rule = Id.trim().str();
    if (!RuleCatalog::builtin().find(Rule))
      return "unknown rule '" + Rule + "' (mcp-cutover rules lists them)";
    Out.insert(Rule);
  }
  return "";
}

/// What `check` and `schema` validate and read before any analysis.
struct RunInputs {
  Level failOn = Level::Warning;
  std::set<std::string> rules;
  HandleNaming naming;
  std::vector<ToolFile> toolFiles;
};

/// Fills `In` from the shared options; returns the first problem, if any.
std::string prepareRun(const CheckOptions &O, RunInputs &In) {
  if (!parseLevel(O.failOn, In.failOn))
    return "--fail-on takes note, warning or error, not '" + O.failOn + "'";
  if (std::string Problem = parseRules(O.rules, In.rules); !Problem.empty())
    return Problem;
  In.naming = HandleNaming(O.handlePatterns);
  if (std::string Problem = In.naming.validate(); !Problem.empty())
    return Problem;
  for (const std::string *File : {&O.jsonFile, &O.sarifFile})
    if (!File->empty())
      if (std::string Problem = checkWritable(*File); !Problem.empty())
        return Problem;
  return loadToolFiles(O.toolFiles, In.toolFiles);
}

/// `mcp-cutover schema FILE...`: the schema rules on JSON tool files alone.
int runSchema(const CheckOptions &O) {
  RunInputs In;
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  OwnershipPolicy Policy(chooseRoot(O.root, O.toolFiles), {});
  ProjectResult Result = linkProject({}, RuleCatalog::builtin(), Policy,
                                     In.rules, In.toolFiles, In.naming);
  return emitResult(Result, O, In.failOn);
}

int runCheck(const CheckOptions &O) {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  RunInputs In;
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  AnalysisOptions Analysis;
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
  auto Plan = planJobs(Request);
  if (!Plan)
    return toolError(llvm::toString(Plan.takeError()));
  for (const std::string &Note : Plan->notes)
    std::fprintf(stderr, "mcp-cutover: note: %s\n", Note.c_str());

  OwnershipPolicy Policy(chooseRoot(O.root, O.paths), O.excludes);
  if (std::string Problem = Policy.validate(); !Problem.empty())
    return toolError(Problem);

  std::vector<TranslationUnitFacts> Units =
      analyzeAll(Plan->jobs, Policy, Analysis);
  if (O.standaloneHeaders) {
    std::vector<std::vector<std::string>> Seen;
    for (const TranslationUnitFacts &U : Units)
      Seen.push_back(U.userFiles);
    std::vector<std::string> Paths;
    for (const std::string &P : O.paths)
      Paths.push_back(canonicalPath(P));
    std::vector<CompileJob> Headers = planStandaloneHeaderJobs(
        Plan->jobs, Seen, Paths,
        [&](llvm::StringRef P) { return Policy.ownsPath(P); });
    for (TranslationUnitFacts &U : analyzeAll(Headers, Policy, Analysis))
      Units.push_back(std::move(U));
  }
  ProjectResult Result = linkProject(
      Units, Catalog, Policy, Analysis.enabledRules, In.toolFiles, In.naming);

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

  int Exit = emitResult(Result, O, In.failOn);
  if (!Result.units.empty() &&
      Result.count(UnitStatus::Failed) == Result.units.size())
    return toolError("no translation unit could be analysed");
  return Exit;
}
} // namespace

int main(int argc, char **argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
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
  CheckCmd->add_option("paths", Check.paths,
                       "Files or folders to analyse (default: every TU of the "
                       "database)");
  CheckCmd->add_option("-p,--build-dir", Check.buildDir,
                       "Folder with compile_commands.json (or the file)");
  CheckCmd
      ->add_option("-j,--jobs", Check.jobs,
                   "Translation units analysed in parallel (default: all "
                   "cores)")
      ->check(CLI::Range(1u, 1024u));
  addSharedOptions(*CheckCmd, Check);
  CheckCmd->add_option("--exclude", Check.excludes,
                       "Regex of root-relative paths that are not your code "
                       "(repeatable)");
  CheckCmd->add_option("--resource-dir", Check.resourceDir,
                       "Clang resource dir for builtin headers");
  CheckCmd->add_flag("!--no-standalone-headers", Check.standaloneHeaders,
                     "Do not analyse headers that no translation unit "
                     "includes");
  CheckCmd->add_option("--tools", Check.toolFiles,
                       "tools/list JSON (file or folder) describing the served "
                       "tools; checked with the C++ facts (repeatable)");
  CheckCmd->add_option("--sdk-profile", Check.sdkProfiles,
                       "SDK profile JSON saying how your SDK registers tools "
                       "(docs/sdk-profiles.md; repeatable)");

  CheckOptions Schema;
  CLI::App *SchemaCmd = App.add_subcommand(
      "schema", "Check tool contracts in JSON files (tools/list results, "
                "JSON-RPC responses, tools or arrays of tools)");
  SchemaCmd->add_option("files", Schema.toolFiles, "JSON files or folders")
      ->required();
  addSharedOptions(*SchemaCmd, Schema);

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
  std::fputs(App.help().c_str(), stderr);
  return ExitToolError;
}
