//===- SessionIdUse.h - Whether an expression is computed from a session id
//-===//
//
// Stores keyed by a session id are what the GA week deletes: the resume
// path (resume-from-session) and MCP-only Redis (mcp-only-redis) both ask
// whether a key or path is made from one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/Expr.h"

namespace mcp_cutover {

/// Whether `E` is, or is computed from, a session id: a name for one
/// (session_id, sid, get_session_id()), the Mcp-Session-Id header read in
/// place, or a local initialised from either ("session:" + sid), followed
/// `Depth` initialisers deep.
bool involvesSessionId(const clang::Expr *E, int Depth = 2);

} // namespace mcp_cutover
