#include "tool/SchemaCommand.h"

#include "checks/RuleCatalog.h"
#include "checks/utils/LocationUtil.h"
#include "tool/files/AtomicFile.h"
#include "tool/link/ToolContractLinker.h"
#include "tool/output/GitProvenance.h"
#include "tool/output/Writers.h"

#include <algorithm>

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdio>
#include <unistd.h>

namespace mcp_cutover {

int toolError(const std::string &Message) {
  std::fprintf(stderr, "mcp-cutover: error: %s\n", Message.c_str());
  return ExitToolError;
}

/// The project root: --root, else the git work tree holding the first path,
/// else the first path's folder (or the current folder).
///
/// The search starts from the path as given, not from its real path: a
/// symlink `server.cpp -> ../outside/victim.cpp` must not carry the root to
/// the folder it points into (that made the target the user's own code,
/// reported and rewritten by --fix). A path that is itself a symlink starts
/// the search at the folder holding the link.
std::string chooseRoot(const std::string &Explicit,
                       const std::vector<std::string> &Paths) {
  if (!Explicit.empty())
    return canonicalPath(Explicit);
  std::string Start = lexicalPath(Paths.empty() ? "." : Paths.front());
  if (llvm::sys::fs::is_symlink_file(Start) ||
      !llvm::sys::fs::is_directory(Start))
    Start = std::string(llvm::sys::path::parent_path(Start));
  for (llvm::StringRef Dir = Start; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return canonicalPath(Dir);
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return canonicalPath(Start);
}

namespace {
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
} // namespace

int emitResult(const ProjectResult &Result, const CheckOptions &O, Level FailOn,
               bool ToStdout) {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  SarifOptions Sarif{O.sarifCategory, std::nullopt};
  if (!O.sarifFile.empty() || O.format == "sarif")
    Sarif.provenance = gitProvenance(Result.root);
  std::string Problem;
  if (!O.jsonFile.empty())
    Problem = writeFileAtomically(O.jsonFile, renderJson(Result, Catalog));
  if (Problem.empty() && !O.sarifFile.empty())
    Problem =
        writeFileAtomically(O.sarifFile, renderSarif(Result, Catalog, Sarif));
  if (Problem.empty() && !O.junitFile.empty())
    Problem =
        writeFileAtomically(O.junitFile, renderJunit(Result, Catalog, FailOn));
  if (Problem.empty() && !O.gitlabFile.empty())
    Problem =
        writeFileAtomically(O.gitlabFile, renderGitlabCodeQuality(Result));
  if (!Problem.empty())
    return toolError(Problem);

  if (ToStdout) {
    std::string Stdout;
    if (O.format == "json") {
      Stdout = renderJson(Result, Catalog);
    } else if (O.format == "sarif") {
      Stdout = renderSarif(Result, Catalog, Sarif);
    } else {
      TextOptions Text;
      Text.color = O.color == "always" || (O.color == "auto" && isatty(1));
      llvm::SmallString<256> Cwd;
      // Without a working directory, paths are shown from the root.
      (void)llvm::sys::fs::current_path(Cwd);
      Text.workingDirectory = canonicalPath(Cwd);
      Stdout = renderText(Result, Catalog, Text);
    }
    std::fwrite(Stdout.data(), 1, Stdout.size(), stdout);
    std::fflush(stdout);
  }
  // A directive that could not be honoured is the user's to fix, like a
  // finding: a region that is opened and never closed suppresses nothing.
  for (const SuppressionProblem &P : Result.suppressionProblems)
    std::fprintf(stderr, "%s:%u:%u: %s: %s\n",
                 Result.absolutePath(P.span.file).c_str(), P.span.line,
                 P.span.column, levelName(P.level), P.message.c_str());
  // With a baseline, what it already had is accepted.
  for (const Finding &F : Result.findings)
    if (F.level >= FailOn && F.baselineState != "unchanged")
      return ExitFindings;
  for (const SuppressionProblem &P : Result.suppressionProblems)
    if (P.level >= FailOn)
      return ExitFindings;
  return ExitClean;
}

namespace {
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
} // namespace

std::string loadConfig(CheckOptions &O, RunInputs &In,
                       const std::string &Root) {
  if (std::string Problem =
          In.config.load(Root, O.config, RuleCatalog::builtin());
      !Problem.empty())
    return Problem;
  In.config.setRulesFromCommandLine(!O.rules.empty());
  if (const ConfigFile *C = In.config.root()) {
    if (O.failOn.empty() && C->failOn)
      O.failOn = levelName(*C->failOn);
    O.handlePatterns.insert(O.handlePatterns.end(), C->handlePatterns.begin(),
                            C->handlePatterns.end());
    O.sdkProfiles.insert(O.sdkProfiles.end(), C->sdkProfiles.begin(),
                         C->sdkProfiles.end());
    if (O.gaDate.empty())
      O.gaDate = C->gaDate;
    if (O.linkBase.empty())
      O.linkBase = C->linkBase;
  }
  if (O.failOn.empty())
    O.failOn = "warning";
  return "";
}

std::string prepareRun(const CheckOptions &O, RunInputs &In) {
  if (!parseLevel(O.failOn, In.failOn))
    return "--fail-on takes note, warning or error, not '" + O.failOn + "'";
  if (std::string Problem = parseRules(O.rules, In.rules); !Problem.empty())
    return Problem;
  // --rules wins; else the root configuration's rules.
  const ConfigFile *C = In.config.root();
  if (O.rules.empty() && C && C->rules) {
    In.rules = In.config.rootRules();
    if (In.rules.empty())
      return C->path + ": 'rules' turns every rule off";
  }
  In.naming = HandleNaming(O.handlePatterns);
  if (std::string Problem = In.naming.validate(); !Problem.empty())
    return Problem;
  for (const std::string *File :
       {&O.jsonFile, &O.sarifFile, &O.junitFile, &O.gitlabFile, &O.exportFixes})
    if (!File->empty())
      if (std::string Problem = checkWritable(*File); !Problem.empty())
        return Problem;
  if (!O.baseline.empty()) {
    std::string Error;
    In.baseline = loadBaseline(O.baseline, Error);
    if (!In.baseline)
      return Error;
  }
  return loadToolFiles(O.toolFiles, In.toolFiles);
}

int runSchema(const CheckOptions &Given) {
  CheckOptions O = Given;
  RunInputs In;
  std::string Root = chooseRoot(O.root, O.toolFiles);
  if (std::string Problem = loadConfig(O, In, Root); !Problem.empty())
    return toolError(Problem);
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  OwnershipPolicy Policy(Root, {});
  ProjectResult Result = linkProject({}, RuleCatalog::builtin(), Policy,
                                     In.rules, In.toolFiles, In.naming);
  if (std::string Problem = In.config.apply(Result); !Problem.empty())
    return toolError(Problem);
  if (In.baseline)
    applyBaseline(Result, *In.baseline);
  return emitResult(Result, O, In.failOn);
}

} // namespace mcp_cutover
