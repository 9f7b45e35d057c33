//===- ChangedLines.h - What a change adds, for --diff-base ---------------===//
//
// A pre-merge check asks about the lines a pull request adds or rewrites,
// not about the whole code base. The change is what git says differs
// between the merge base of a ref and the work tree as it is: commits,
// staged and unstaged edits, and untracked files (every line new). Renames
// are followed: a moved file's unchanged lines are not new.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mcp_cutover {

struct ChangedLines {
  /// Absolute canonical path -> sorted [first, last] line ranges of the
  /// file's new text that were added or rewritten.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> files;

  /// The file has an added or rewritten line.
  bool touchesFile(const std::string &Path) const {
    return files.count(Path) != 0;
  }
  /// Any of lines First..Last of the file was added or rewritten.
  bool touches(const std::string &Path, unsigned First, unsigned Last) const;
};

/// Reads `git diff --unified=0` output into `Out`, paths joined to
/// `TopLevel`. Returns "" or what was wrong with the text.
std::string parseUnifiedDiff(llvm::StringRef Diff, const std::string &TopLevel,
                             ChangedLines &Out);

/// The lines changed since the merge base of `Ref` and HEAD in the git work
/// tree holding `Directory`. Returns "" or the problem, naming `Ref`.
std::string changedSince(const std::string &Ref, const std::string &Directory,
                         ChangedLines &Out);

} // namespace mcp_cutover
