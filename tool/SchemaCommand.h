//===- SchemaCommand.h - What `schema` runs, shared with `check` ----------===//
//
// `mcp-cutover schema FILE...` reads files anyone can write; its fuzz target
// (tests/fuzz) must run exactly what the command line runs, so the command
// and the steps it shares with `check` and `report` live here rather than
// in main.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"
#include "checks/tools/ToolSchemaRules.h"
#include "tool/config/ProjectConfig.h"
#include "tool/link/ProjectLinker.h"
#include "tool/link/ToolContractLinker.h"
#include "tool/output/Baseline.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitToolError = 2;

/// Prints "mcp-cutover: error: MESSAGE" on stderr; returns ExitToolError.
int toolError(const std::string &Message);

/// The project root: --root, else the git work tree holding the first path,
/// else the first path's folder (or the current folder).
std::string chooseRoot(const std::string &Explicit,
                       const std::vector<std::string> &Paths);

/// The options of `check`, `schema` and `report`.
struct CheckOptions {
  std::vector<std::string> paths;
  std::string buildDir;
  unsigned jobs = 0;
  std::string format = "text";
  std::string jsonFile;
  std::string sarifFile;
  std::string junitFile;
  std::string gitlabFile;
  std::string sarifCategory;
  std::string failOn; ///< "": the configuration's, else warning.
  std::string baseline;
  std::string diffBase;
  std::string root;
  std::vector<std::string> excludes;
  std::string rules;
  std::string config; ///< --config FILE; "": found from the root upward.
  std::string resourceDir;
  std::string color = "auto";
  std::vector<std::string> extraArgs;
  bool hasDashDash = false;
  bool standaloneHeaders = true;
  bool followSymlinks = false;
  bool quiet = false;
  std::string cacheDir;
  bool noCache = false;
  std::string shard;    ///< --shard K/N
  std::string factsOut; ///< --facts-out FILE
  std::vector<std::string> toolFiles;
  std::vector<std::string> gatewayConfigs; ///< --gateway-config FILE
  std::vector<std::string> handlePatterns;
  std::vector<std::string> sdkProfiles;
  // check: fix-its; "" (not asked), "safe" or "all"
  std::string fix;
  std::string fixDryRun;
  std::string fixTier = "safe";
  std::string exportFixes;
  bool verifyFixes = true;
  // report
  std::string from;
  /// report --probe FILE (repeatable: a fleet's probe and each client's).
  std::vector<std::string> probeResults;
  std::string trafficResult; ///< `report --traffic FILE`.
  std::string reportFormat = "text";
  std::string output;
  std::string linkBase;
  std::string gaDate;
  std::string today;
};

/// What `check` and `schema` validate and read before any analysis.
struct RunInputs {
  Level failOn = Level::Warning;
  std::set<std::string> rules;
  HandleNaming naming;
  std::vector<ToolFile> toolFiles;
  std::optional<Baseline> baseline;
  ProjectConfig config;
};

/// Loads the configuration for the project at `Root` into `In.config` and
/// fills the options the command line left unset from it (the command line
/// wins; lists add up). Returns "" or the problem.
std::string loadConfig(CheckOptions &O, RunInputs &In, const std::string &Root);

/// Fills `In` from the shared options (after loadConfig); returns the first
/// problem, if any.
std::string prepareRun(const CheckOptions &O, RunInputs &In);

/// Writes the result to the requested files and (unless the fixes' diff is
/// stdout) to stdout; returns the exit code findings call for.
int emitResult(const ProjectResult &Result, const CheckOptions &O, Level FailOn,
               bool ToStdout = true);

/// `mcp-cutover schema FILE...`: the schema rules on JSON tool files alone.
/// Returns the exit code; an error is one line on stderr and nothing on
/// stdout.
int runSchema(const CheckOptions &Given);

} // namespace mcp_cutover
