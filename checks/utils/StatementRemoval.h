//===- StatementRemoval.h - Fix-its that delete a whole statement ---------===//
#pragma once

#include "checks/Finding.h"
#include "checks/utils/LocationUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <optional>

namespace mcp_cutover {

/// The statement `E` is the whole of, when it stands in a block (so that
/// deleting it leaves valid code); null otherwise.
const clang::Stmt *wholeStatement(const clang::Expr *E,
                                  clang::ASTContext &Context);

/// A fix-it deleting statement `S` and its semicolon: the whole line(s)
/// when nothing else is on them, else just the statement.
std::optional<FixIt> deleteStatement(const clang::Stmt *S,
                                     const LocationUtil &Locations);

} // namespace mcp_cutover
