//===- CodeReach.h - The code a handler runs, into the project's functions ===//
#pragma once

#include "checks/utils/LocationUtil.h"

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace mcp_cutover {

/// `Code` and the bodies of the user's functions it calls, `Depth` calls
/// deep, each function once, `Code` first: the statements a handler runs,
/// for a check that walks them.
std::vector<const clang::Stmt *> reachableBodies(const clang::Stmt *Code,
                                                 int Depth,
                                                 const LocationUtil &Locations);

/// The source range of `Code` and those of the bodies of the user's
/// functions it calls, `Depth` calls deep, each function once: what a
/// handler runs (`if (method == "tools/list") r = list_tools();` reaches
/// list_tools's body).
std::vector<clang::SourceRange> reachableCode(const clang::Stmt *Code,
                                              int Depth,
                                              const LocationUtil &Locations);

/// Whether `Loc` lies in one of `Ranges` (compared as file locations).
bool withinAny(clang::SourceLocation Loc,
               llvm::ArrayRef<clang::SourceRange> Ranges,
               const clang::SourceManager &SM);

/// Whether any of `Locs` lies in one of `Ranges`.
bool anyWithin(llvm::ArrayRef<clang::SourceLocation> Locs,
               llvm::ArrayRef<clang::SourceRange> Ranges,
               const clang::SourceManager &SM);

} // namespace mcp_cutover
