//===- IdFlow.h - Where one function's values go
//---------------------------===//
//
// A flow-insensitive, field-based labelling of one function's values, for
// handle-weak-entropy's question "does this id reach a client and come
// back?". Every value is labelled by what it is made of: a field or global
// ("decl key"), a parameter ("param:<function id>#i"), a user function's
// return value (its function id), or a predictable source the caller
// recognises ("src:..."). Locals only carry labels within the function;
// everything else is an entity the project-wide linker follows across
// translation units through IdFlowEdge facts.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"
#include "checks/utils/LocationUtil.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// Recognises a predictable source: given an expression or a local
/// variable's declaration, returns the label it starts (after recording
/// the source), or nullopt.
using WeakSourceOracle = llvm::function_ref<std::optional<std::string>(
    const clang::Stmt *, const clang::VarDecl *)>;

/// Records into `Out` where the values of `Function` (its body, lambdas in
/// it included) flow: edges to fields, globals, parameters and return
/// values; ids written to headers, SSE event ids, URLs and JSON; keys
/// stored in and looked up in containers; request headers read.
void collectIdFlow(const clang::FunctionDecl *Function,
                   const LocationUtil &Locations, WeakSourceOracle Oracle,
                   IdFlowFacts &Out);

/// Whether `Text` is spelled like an HTTP header name (Mcp-Session-Id,
/// last-event-id, X-Request-Id): words joined by hyphens.
bool looksLikeHeaderName(llvm::StringRef Text);

} // namespace mcp_cutover
