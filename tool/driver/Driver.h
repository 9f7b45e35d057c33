//===- Driver.h - Parse each translation unit once, run every check -------===//
#pragma once

#include "checks/Finding.h"
#include "checks/SdkProfile.h"
#include "checks/utils/LocationUtil.h"
#include "tool/driver/CompilationDatabaseLoader.h"

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

class FactCache;

struct AnalysisOptions {
  std::string resourceDir = MCP_CUTOVER_RESOURCE_DIR;
  std::set<std::string> enabledRules; ///< Empty: all.
  unsigned jobs = 0;                  ///< 0: one per core.
  /// How SDKs register tools: the built-in profiles, and --sdk-profile ones.
  std::shared_ptr<const SdkProfileSet> profiles = SdkProfileSet::builtin();
  /// Parse and record errors only, no check (fix verification).
  bool parseOnly = false;
  /// Facts of earlier runs (--cache-dir); none: every unit is parsed.
  FactCache *cache = nullptr;
};

/// The file system one unit is parsed on: a fresh one per unit, since a
/// file system's working directory is its own and units run in parallel.
using FileSystemFactory =
    std::function<llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>()>;

/// The command line a job is parsed with: outputs and dependency files
/// dropped, -fsyntax-only, no warnings, the resource dir.
std::vector<std::string> analysisCommandLine(const CompileJob &Job,
                                             const AnalysisOptions &Options);

/// Parses one TU (function bodies outside the user's files are skipped) and
/// runs all enabled checks in that single pass. Never throws: failures are
/// recorded in the returned facts' status.
TranslationUnitFacts analyzeTranslationUnit(
    const CompileJob &Job, const OwnershipPolicy &Policy,
    const AnalysisOptions &Options,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = nullptr);

/// Analyses the jobs on `Options.jobs` threads; results are in job order.
/// `Progress` (optional) is called after each TU from the worker thread.
/// `MakeFileSystem` (optional) gives each unit its file system; by default
/// the real one.
std::vector<TranslationUnitFacts>
analyzeAll(const std::vector<CompileJob> &Jobs, const OwnershipPolicy &Policy,
           const AnalysisOptions &Options,
           std::function<void(const TranslationUnitFacts &)> Progress = {},
           const FileSystemFactory &MakeFileSystem = {});

/// For tests: analyses `MainFile` among in-memory `Files` (overlaid on the
/// real file system, so system headers resolve) with `Args`.
TranslationUnitFacts
analyzeInMemory(const std::map<std::string, std::string> &Files,
                const std::string &MainFile,
                const std::vector<std::string> &Args,
                const OwnershipPolicy &Policy, const AnalysisOptions &Options);

} // namespace mcp_cutover
