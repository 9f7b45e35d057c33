//===- Shard.h - One run's units split over machines, and joined again ----===//
//
// A large code base is analysed by N CI jobs at once: `check --shard K/N
// --facts-out FILE` analyses shard K's translation units and writes their
// facts; `merge FILE...` puts the facts back in the order one run would
// have them, analyses the standalone headers (which depend on every unit),
// and links. The findings, reports and SARIF are then the bytes one
// unsharded run writes.
//
// Shards are balanced by the size of the units' main files (a rough cost:
// larger first, each to the lightest shard), not by count, and the split is
// a function of the job list alone, so every shard computes the same one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/driver/CompilationDatabaseLoader.h"

#include "checks/Finding.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct ShardSpec {
  unsigned index = 0; ///< 1-based.
  unsigned count = 0;
};

/// Parses "K/N" (1 <= K <= N <= 1024); "" or the problem.
std::string parseShard(const std::string &Text, ShardSpec &Out);

/// The indices of `Jobs` that are shard `Spec`'s, ascending. `Sizes[i]` is
/// job i's cost (its main file's size).
std::vector<size_t> shardJobs(const std::vector<uint64_t> &Sizes,
                              ShardSpec Spec);

/// What one shard writes (`--facts-out`) and `merge` reads.
struct ShardFacts {
  ShardSpec spec;
  std::string tool; ///< The build that wrote it (FactCache::toolIdentity).
  std::string root;
  std::set<std::string> rules; ///< Enabled rules; empty: all.
  /// What else decides the units' facts (root, excludes, symlinks, the
  /// configuration's globs, the SDK profiles): merge must see the same.
  std::string options;
  /// The PATHs the run was limited to (canonical): they limit the
  /// standalone headers `merge` analyses too.
  std::vector<std::string> paths;
  size_t totalJobs = 0;        ///< Units of the whole run.
  std::vector<size_t> indices; ///< Each unit's place in the whole run.
  std::vector<CompileJob> jobs;
  std::vector<TranslationUnitFacts> units;
};

std::string renderShardFacts(const ShardFacts &Facts);

/// Reads a --facts-out file; on failure nullopt and one line naming `Path`.
std::optional<ShardFacts> readShardFacts(const std::string &Path,
                                         std::string &Error);

/// Puts the shards' jobs and units back in the whole run's order. Returns
/// "" or the problem: shards of different builds, roots, rules or splits, a
/// shard missing or given twice.
std::string joinShards(const std::vector<ShardFacts> &Shards,
                       std::vector<CompileJob> &Jobs,
                       std::vector<TranslationUnitFacts> &Units);

} // namespace mcp_cutover
