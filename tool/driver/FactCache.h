//===- FactCache.h - A unit's facts from an earlier run, when still true --===//
//
// A re-run on an unchanged tree should parse nothing. Each analysed unit's
// facts are stored under a key made of everything that decides them besides
// the files (the tool's own binary, the rules, the profiles and ownership
// settings, the compile command and folder), with the content hash of every
// file the unit read. A lookup hashes those files again (each once per run)
// and hits only when all are unchanged, so an edited header re-analyses
// exactly the units that read it.
//
// Entries are written whole (temporary file, rename) under names that are
// their keys, so concurrent runs on one cache at worst write the same entry
// twice; an entry that cannot be read or does not match is a miss.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/driver/Driver.h"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace mcp_cutover {

/// The hash a cache entry keeps of a file's bytes (xxh3 and the size).
std::string fileContentHash(llvm::StringRef Bytes);

class FactCache {
public:
  /// A cache in `Folder` (created when first written); `RunKey` holds what
  /// decides every unit's facts besides its command and files.
  FactCache(std::string Folder, std::string RunKey);

  /// The facts of `Job` stored by an earlier run, when every file they
  /// depend on is unchanged. Thread-safe.
  std::optional<TranslationUnitFacts> lookup(const CompileJob &Job,
                                             const AnalysisOptions &Options);
  /// Stores the facts of a completely analysed unit (others are not kept:
  /// a missing header may appear). Failures to write are counted, not
  /// reported per unit. Thread-safe.
  /// `Absent`: the paths the unit looked for in vain (include folders
  /// searched before the one that had the header, __has_include); a file
  /// created at one of them makes the entry a miss.
  void store(const CompileJob &Job, const AnalysisOptions &Options,
             const TranslationUnitFacts &Facts,
             const std::set<std::string> &Absent);

  size_t hits() const { return Hits; }
  size_t writeFailures() const { return WriteFailures; }
  const std::string &folder() const { return Folder; }

  /// A hash of the running binary: a rebuilt tool never reads facts an
  /// older build stored, whatever its version string says.
  static std::string toolIdentity();

private:
  std::string Folder;
  std::string RunKey;
  std::mutex HashMutex;
  /// Path -> fileContentHash of its bytes now ("" when unreadable), each
  /// file read once per run.
  std::map<std::string, std::string> FileHashes;
  std::atomic<size_t> Hits{0};
  std::atomic<size_t> WriteFailures{0};

  std::string entryPath(const CompileJob &Job, const AnalysisOptions &Options);
  std::string fileHash(const std::string &Path);
  bool existsNow(const std::string &Path);
  std::map<std::string, bool> Exists; ///< Guarded by HashMutex.
};

} // namespace mcp_cutover
