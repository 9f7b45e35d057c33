//===- WriteGuard.h - Never edit a file outside the project root ----------===//
//
// mcp-cutover runs on pull requests from people a team does not control. A
// file reached through a path under the root can live anywhere (a symlink,
// a `..` in a compile database); what decides whether it may be edited, or
// quoted into an output, is where its bytes really are.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mcp_cutover {

/// True when `Path`, with every symlink resolved, is `Root` or under it
/// (`Root` resolved the same way). A path that cannot be resolved (missing,
/// unreadable folder) is not inside.
bool isInsideRoot(llvm::StringRef Path, llvm::StringRef Root);

/// Why `Path` must not be rewritten in place, or "" when it may be: its
/// real path is outside `Root`, it cannot be resolved, or it is itself a
/// symlink (replacing it would turn the link into a copy). The reason reads
/// after "FILE: ", e.g. "its real path /x/y.cpp is outside the project root
/// /r".
std::string refuseWriteOutsideRoot(const std::string &Path,
                                   const std::string &Root);

} // namespace mcp_cutover
