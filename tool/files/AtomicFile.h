//===- AtomicFile.h - Write an output file whole or not at all ------------===//
#pragma once

#include <string>

namespace mcp_cutover {

/// Writes `Contents` to a temporary file beside `Path` and renames it over
/// `Path`, so readers never see a partial file. Returns an error message
/// naming the file, or "" on success.
std::string writeFileAtomically(const std::string &Path,
                                const std::string &Contents);

/// Checks early, before any analysis, that `Path` can be written: its folder
/// exists and it is not a folder itself. Returns an error message or "".
std::string checkWritable(const std::string &Path);

} // namespace mcp_cutover
