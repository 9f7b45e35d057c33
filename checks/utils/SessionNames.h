//===- SessionNames.h - How session ids, headers and stores are spelled ---===//
//
// The naming knowledge that several checks share. Kept in one place so that
// "what counts as a session id" means the same thing in every rule.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/utils/HttpHeaders.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mcp_cutover {

/// Recognises the legacy `Mcp-Session-Id` header, in any letter case, in the
/// decoded contents of a string literal.
HeaderLiteralMatch matchSessionHeaderLiteral(llvm::StringRef Text);

/// Lower-case words of an identifier: "m_sessionIdMap" -> m, session, id, map.
std::vector<std::string> identifierWords(llvm::StringRef Identifier);

/// Whether `Words` (as identifierWords gives them) holds one of `Set`.
bool hasWord(const std::vector<std::string> &Words,
             llvm::ArrayRef<llvm::StringRef> Set);

/// A variable, member, parameter or getter that holds a session id:
/// session_id, sessionId, SessionID, sid, session_key, get_session_id.
bool namesSessionId(llvm::StringRef Identifier);

/// A container (or its type alias) named as a store of sessions: sessions_,
/// session_map, by_session, m_sessionTable, per_session_state, SessionMap.
bool namesSessionStore(llvm::StringRef Identifier);

/// A key type spelled as a session: SessionId, session_id_t, Session*.
bool namesSessionType(llvm::StringRef TypeSpelling);

} // namespace mcp_cutover
