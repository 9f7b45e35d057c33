//===- LocationUtil.h - Which code is the user's, and where it is ---------===//
#pragma once

#include "checks/Finding.h"

#include "clang/Basic/FileEntry.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
class LangOptions;
} // namespace clang

namespace mcp_cutover {

/// Decides which files the user owns: under the project root, not a system
/// header, not in a third-party folder or a well-known vendored single-header
/// library, not matched by an --exclude pattern. Findings are only reported in
/// such files, and function bodies elsewhere are not parsed at all.
class OwnershipPolicy {
public:
  /// `Root` must be absolute; `Excludes` are matched against root-relative
  /// paths.
  OwnershipPolicy(std::string Root, std::vector<std::string> ExcludePatterns);

  const std::string &root() const { return Root; }
  /// For an absolute, canonical path.
  bool ownsPath(llvm::StringRef AbsolutePath) const;
  /// Root-relative path with '/' separators; absolute when outside the root.
  std::string relativize(llvm::StringRef AbsolutePath) const;
  /// Returns an error message for a bad pattern, else empty.
  std::string validate() const;
  /// --follow-symlinks: a file reached through a path under the root is the
  /// user's even when its real path is elsewhere (it is reported under the
  /// path it was reached by; --fix still never edits it).
  void setFollowSymlinks(bool Follow) { FollowSymlinks = Follow; }
  /// The configuration's include and exclude globs: a root-relative path
  /// is the user's only when `Filter` says so too.
  void setPathFilter(std::function<bool(llvm::StringRef)> Filter) {
    PathFilter = std::move(Filter);
  }
  bool followSymlinks() const { return FollowSymlinks; }

private:
  std::string Root;
  bool FollowSymlinks = false;
  std::vector<std::string> ExcludeSources;
  std::vector<std::shared_ptr<llvm::Regex>> Excludes;
  std::function<bool(llvm::StringRef)> PathFilter;
};

/// Per-TU, cached view of the OwnershipPolicy over a SourceManager.
class LocationUtil {
public:
  LocationUtil(const OwnershipPolicy &Policy, const clang::SourceManager &SM,
               const clang::LangOptions &LangOpts);

  /// True when the expansion location of `Loc` is in a file the user owns.
  bool isUserLocation(clang::SourceLocation Loc) const;
  /// Canonical absolute path of the file holding the expansion of `Loc`.
  std::string filePath(clang::SourceLocation Loc) const;
  /// Canonical absolute path of a file the TU read: its real path, so that a
  /// symlink or a `..` under the root does not make a file elsewhere the
  /// user's. With --follow-symlinks, the path it was reached by instead when
  /// only that one is under the root.
  std::string filePath(clang::FileEntryRef File) const;
  /// The span of a token range, at its expansion in a file.
  SourceSpan span(clang::SourceRange Range) const;
  SourceSpan span(clang::SourceLocation Loc) const { return span({Loc, Loc}); }
  /// An empty span at `Loc` (where a fix-it inserts), or just after the
  /// token at `Loc` when `AfterToken`.
  SourceSpan point(clang::SourceLocation Loc, bool AfterToken = false) const;
  /// The source text of a range as written (expansion), trimmed.
  std::string text(clang::SourceRange Range) const;

  const clang::SourceManager &sourceManager() const { return SM; }
  const clang::LangOptions &langOptions() const { return LangOpts; }

private:
  const OwnershipPolicy &Policy;
  const clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  mutable llvm::DenseMap<clang::FileID, bool> OwnedCache;
  mutable llvm::DenseMap<clang::FileID, std::string> PathCache;
};

/// The indentation (spaces and tabs) before `Offset` when `Offset` starts
/// its line's text and that line begins after `From`; nullopt otherwise.
/// Edits use it to put what they insert on a line of its own, as the code
/// around it is laid out.
std::optional<std::string> indentationAt(llvm::StringRef Text, size_t Offset,
                                         size_t From = 0);

/// Makes `Path` absolute against `Base` (or the process cwd) and removes
/// "." and ".." lexically; resolves symlinks when the file exists.
std::string canonicalPath(llvm::StringRef Path, llvm::StringRef Base = "");

/// Makes `Path` absolute against `Base` (or the process cwd) and removes
/// "." and ".." lexically, without resolving symlinks: the name the user or
/// the compile database gave, which is not where the bytes may be.
std::string lexicalPath(llvm::StringRef Path, llvm::StringRef Base = "");

} // namespace mcp_cutover
