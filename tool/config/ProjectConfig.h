//===- ProjectConfig.h - .mcp-cutover.yaml, found like .clang-tidy --------===//
//
// A team writes down once which rules it runs, at which level, what is not
// its code and which SDK profiles describe it, instead of repeating flags in
// every CI job. The file is `.mcp-cutover.yaml`:
//
// - The root configuration is the nearest one from the project root upward,
//   or `--config FILE`. It holds the run-wide keys (fail-on, handle
//   patterns, SDK profiles, include and exclude globs, GA date, link base).
// - A configuration in a folder under the root applies to the files below
//   it: `rules`, `levels` and `exclude` for that folder. The nearest wins;
//   `inherit: true` merges it with its parent's, as .clang-tidy does.
// - Command-line options win over the files.
//
// Every problem is one line naming the file, line and column; the run
// stops with exit 2 before writing anything.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mcp_cutover {

/// The file name looked for in each folder.
constexpr const char *ConfigFileName = ".mcp-cutover.yaml";

/// One configuration file as written.
struct ConfigFile {
  std::string path;   ///< Absolute.
  std::string folder; ///< Absolute: where its globs are relative to.
  bool inherit = false;
  /// Rule globs in order; "-glob" turns rules off. Unset: all rules.
  std::optional<std::vector<std::string>> rules;
  /// Rule glob -> level, in the order written (later entries win).
  std::vector<std::pair<std::string, Level>> levels;
  std::vector<std::string> exclude; ///< Path globs, relative to `folder`.
  // Run-wide: only in the root configuration.
  std::vector<std::string> include;
  std::optional<Level> failOn;
  std::vector<std::string> handlePatterns;
  std::vector<std::string> sdkProfiles; ///< Absolute.
  std::string gaDate;
  std::string linkBase;
};

/// Parses `Text` as the configuration at `Path`. Returns "" or one line,
/// "PATH:LINE:COL: problem". `Nested`: a folder's file under the root,
/// where run-wide keys are refused.
std::string parseConfigFile(const std::string &Path, llvm::StringRef Text,
                            const RuleCatalog &Catalog, bool Nested,
                            ConfigFile &Out);

/// Whether `Path` (relative, '/' separators) matches `Glob`: `**` any
/// characters, `*` and `?` any within one folder name.
bool matchPathGlob(llvm::StringRef Glob, llvm::StringRef Path);

/// What applies to one file once the chain of configurations is merged.
struct EffectiveConfig {
  std::vector<const ConfigFile *> chain; ///< Nearest first.
  std::set<std::string> enabledRules;
  std::map<std::string, Level> levels; ///< Rule id -> level override.
  bool excluded = false;               ///< By a folder's exclude glob.
};

class ProjectConfig {
public:
  /// `--config FILE` when `Explicit` is set (no discovery), else the
  /// nearest configuration from `Root` upward, plus the folders' files
  /// under `Root` as they are needed. Returns "" or the first problem.
  std::string load(const std::string &ProjectRootPath,
                   const std::string &Explicit, const RuleCatalog &Rules);

  /// --rules was given: it replaces the files' `rules` everywhere.
  void setRulesFromCommandLine(bool Given) { RulesFromCommandLine = Given; }

  /// The root configuration; none when there is no file.
  const ConfigFile *root() const { return Root.get(); }
  /// The rules the root configuration enables (all when it has none).
  std::set<std::string> rootRules() const;

  /// What applies to `AbsoluteFile`; "" or a problem of a folder's file.
  std::string effectiveFor(const std::string &AbsoluteFile,
                           EffectiveConfig &Out) const;

  /// Drops the findings (listed and suppressed) that the folders' files
  /// turn off or exclude, and sets their levels. Returns "" or a problem.
  std::string apply(ProjectResult &Result) const;

  /// `config --dump`: the effective configuration for `AbsolutePath` (a
  /// file, or a folder: what its files get) as YAML in `Out`, with where
  /// each part came from. Returns "" or a problem.
  std::string dump(const std::string &AbsolutePath, std::string &Out) const;

  /// The root configuration's include and exclude globs as a test of a
  /// root-relative path (OwnershipPolicy::setPathFilter); none when it has
  /// neither.
  std::function<bool(llvm::StringRef)> rootPathFilter() const;

private:
  const RuleCatalog *Catalog = nullptr;
  std::string ProjectRoot;
  bool Discover = true;
  bool RulesFromCommandLine = false;
  std::unique_ptr<ConfigFile> Root;
  /// Folder under the root -> its file (null when it has none).
  /// Filled as findings ask (linking is single-threaded).
  mutable std::map<std::string, std::shared_ptr<ConfigFile>> Folders;

  std::string folderConfig(const std::string &Folder,
                           std::shared_ptr<ConfigFile> &Out) const;
};

} // namespace mcp_cutover
