//===- CompilationDatabaseLoader.h - From CLI paths to compile jobs -------===//
#pragma once

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// One translation unit to analyse: its main file and the command that
/// compiles it, run from `directory`.
struct CompileJob {
  std::string file; ///< Absolute, canonical.
  std::string directory;
  std::vector<std::string> commandLine;
};

struct JobPlan {
  std::vector<CompileJob> jobs;
  std::string databasePath; ///< compile_commands.json used; empty if none.
  std::vector<std::string> notes; ///< Said on stderr: how jobs were chosen.
};

struct PlanRequest {
  std::vector<std::string> paths; ///< Files or folders; empty = everything.
  std::optional<std::string> buildDir; ///< -p
  std::vector<std::string> extraArgs;  ///< After `--`.
  bool hasDashDash = false;
};

/// Finds the compilation database (-p, else upward from the first path and
/// in its build*/ folders) and selects the TUs under the given paths. With
/// no database, the paths' C++ sources are compiled with the flags after
/// `--` (default -std=c++20), as clang-tidy does. Errors are one line that
/// names the file and the problem.
llvm::Expected<JobPlan> planJobs(const PlanRequest &Request);

/// True for the file endings that are C++ translation units.
bool isCxxSource(llvm::StringRef Path);

} // namespace mcp_cutover
