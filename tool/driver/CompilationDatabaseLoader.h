//===- CompilationDatabaseLoader.h - From CLI paths to compile jobs -------===//
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"

#include <functional>
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
  bool standaloneHeader = false; ///< A header analysed as its own TU.
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
  /// --follow-symlinks: sources keep the path they were named by (made
  /// absolute), not their real path, so that a symlinked source under the
  /// root is analysed under that name.
  bool followSymlinks = false;
};

/// Finds the compilation database (-p, else upward from the first path and
/// in its build*/ folders) and selects the TUs under the given paths. With
/// no database, the paths' C++ sources are compiled with the flags after
/// `--` (default -std=c++20), as clang-tidy does. Errors are one line that
/// names the file and the problem.
llvm::Expected<JobPlan> planJobs(const PlanRequest &Request);

/// Folders a walk for sources skips: hidden ones, build trees, vendored
/// code (`third_party`, `vendor`, `node_modules`, `_deps`).
bool isSkippedFolder(llvm::StringRef Name);

/// Calls `Visit` with the path and type of every entry under `Dir` that is
/// not a folder, skipping the folders isSkippedFolder names, until `Visit`
/// returns false.
void walkProjectTree(
    llvm::StringRef Dir,
    llvm::function_ref<bool(llvm::StringRef, llvm::sys::fs::file_type)> Visit);

/// Whether a compile_commands.json is found from `Start` upward (in a
/// folder or its build*/ folders), as planJobs looks for one.
bool hasDatabaseUpward(const std::string &Start);

/// Whether `Path` is a C++ file or a folder with a C++ source below it
/// (skipped folders aside).
bool holdsCxxSource(const std::string &Path);

/// True for the file endings that are C++ translation units.
bool isCxxSource(llvm::StringRef Path);
bool isCxxHeader(llvm::StringRef Path);

/// Headers of the user's that no analysed TU included, yet sit in a folder
/// beside a header that one did (so they are part of the project's include
/// tree, not stray files): each becomes a job with the flags of the TU that
/// included its neighbour, so that header-only code (a middleware class, a
/// session map in an unused header) is not missed. `Paths`, when not empty,
/// limits them as it limits TUs. `Owned` says which files are the user's.
std::vector<CompileJob> planStandaloneHeaderJobs(
    const std::vector<CompileJob> &Jobs,
    const std::vector<std::vector<std::string>> &UserFilesPerJob,
    const std::vector<std::string> &Paths,
    const std::function<bool(llvm::StringRef)> &Owned);

} // namespace mcp_cutover
