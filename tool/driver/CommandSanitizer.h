//===- CommandSanitizer.h - Compile commands are arguments, not programs --===//
//
// The compilation database comes with the repository under review: it is
// as untrusted as the code. mcp-cutover parses with clang in its own
// process, so a flag that loads a plugin would run the project's code
// inside it, and a flag that tells the driver where programs live would let
// the repository supply the programs. This removes such flags, each with one
// note naming it, before any command reaches clang. docs/security.md lists
// every flag and why.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/driver/CompilationDatabaseLoader.h"

#include <string>
#include <vector>

namespace mcp_cutover {

struct SanitizedCommand {
  std::vector<std::string> commandLine;
  /// One line per removed flag: "FLAG: removed from the compile commands
  /// (why)"; the caller prints each distinct line once.
  std::vector<std::string> notes;
};

/// The command with code-loading and program-naming flags removed, and
/// response files (`@FILE`) inside `Root` expanded in place (their contents
/// sanitised the same way); response files outside `Root` are removed.
/// Relative paths resolve against `Directory`, the compile directory.
/// `ClangDir` is the folder of the trusted clang: a compiler named without
/// a folder, or in a folder inside `Root`, is renamed into it, because the
/// driver looks for programs and configuration files beside argv[0].
SanitizedCommand sanitizeCommandLine(const std::vector<std::string> &Command,
                                     const std::string &Directory,
                                     const std::string &Root,
                                     const std::string &ClangDir);

/// Sanitises every job in place; returns the distinct notes, in the order
/// they first came up.
std::vector<std::string> sanitizeJobs(std::vector<CompileJob> &Jobs,
                                      const std::string &Root,
                                      const std::string &ClangDir);

} // namespace mcp_cutover
