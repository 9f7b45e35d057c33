//===- FixApplier.h - Apply fix-its to a file's bytes ---------------------===//
#pragma once

#include "checks/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Applies replacements (1-based lines, byte columns, exclusive ends) to
/// `Text`. Returns nullopt and sets `Error` when a range is outside the
/// text or two ranges overlap; insertions at one point keep their order.
std::optional<std::string> applyFixIts(const std::string &Text,
                                       std::vector<FixIt> Fixes,
                                       std::string &Error);

/// Where a text's lines start, built once per text, to turn fix-it spans
/// (1-based lines, byte columns) into byte ranges.
class LineIndex {
public:
  explicit LineIndex(const std::string &Text);
  /// The byte range [begin, end) `Fix` replaces, or nullopt when it is
  /// outside the text.
  std::optional<std::pair<size_t, size_t>> range(const FixIt &Fix) const;

private:
  std::optional<size_t> offset(unsigned Line, unsigned Column) const;
  std::vector<size_t> Starts;
  size_t Size;
};

/// The MD5 of a file's bytes as analysed, in hex: `--fix` edits a file only
/// when its bytes still have this digest.
std::string contentDigest(llvm::StringRef Bytes);

} // namespace mcp_cutover
