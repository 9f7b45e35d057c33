//===- LogFileReader.h - The lines of a log file, plain or gzip -----------===//
//
// Access logs are big and often rotated into .gz files: they are streamed
// through zlib (which reads plain files as they are), a megabyte at a
// time, and handed on line by line without a copy.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace mcp_cutover {

struct LogFileFacts {
  bool gzip = false;
  uint64_t lines = 0;
  uint64_t bytes = 0; ///< Uncompressed.
};

/// Calls `OnLine(Line, Number)` for each line of `Path` ("-": standard
/// input), without its newline (or "\r\n"); a line longer than 1 MiB is
/// handed on cut there. Returns "" or the one problem that makes the file
/// unreadable as a log: it cannot be opened, it is a folder, it holds NUL
/// bytes (binary), or its gzip data is corrupt or cut short.
std::string
readLogLines(const std::string &Path,
             llvm::function_ref<void(std::string_view, uint64_t)> OnLine,
             LogFileFacts &Facts);

} // namespace mcp_cutover
