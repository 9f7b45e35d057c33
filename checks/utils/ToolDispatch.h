//===- ToolDispatch.h - Tools served by a hand-written tools/call branch --===//
//
// A hand-written server may serve tools/call with one function that
// compares the requested tool's name with each tool it knows:
// `if (params.name == "read_file") { ... }`. Each such branch is a tool,
// and the branch is its handler. Two checks need the same answer (the
// tool extraction names the tool, the state summary follows the branch),
// so the recognition lives here.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/utils/LocationUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>

namespace mcp_cutover {

struct ToolDispatchBranch {
  std::string kind; ///< tool, prompt or resource
  std::string name;
  const clang::StringLiteral *literal = nullptr; ///< The name as written.
  const clang::Stmt *body = nullptr;             ///< The branch taken.
  const clang::FunctionDecl *function = nullptr; ///< The one holding it.
};

/// When `Comparison` (an `==` of a constant string with the requested
/// tool's or prompt's name or resource's uri, also one kept only as a
/// RecoveryExpr in a unit with errors) is the condition of an if statement
/// in a function of the user's that serves tools/call, prompts/get or
/// resources/read, the branch it selects.
std::optional<ToolDispatchBranch>
toolDispatchBranch(const clang::Expr *Comparison, clang::ASTContext &Context);

/// The function id of a dispatch branch, shared by the tool it serves and
/// the summary of the state its body touches.
std::string dispatchBranchId(const ToolDispatchBranch &Branch,
                             const LocationUtil &Locations);

} // namespace mcp_cutover
