//===- HandleEntropyCheck.h - Handles minted from predictable sources -----===//
#pragma once

#include "checks/Check.h"

#include <set>
#include <string>

namespace mcp_cutover {

/// Records the predictable sources (rand, a <random> engine, a clock, a
/// counter, fewer than 128 random bits) and where values flow, so that the
/// linker reports the ids that reach a client and come back as keys.
class HandleEntropyCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::set<std::string> Walked;   ///< Function ids already walked.
  std::set<std::string> Recorded; ///< Source labels already recorded.
};

/// A predictable source: what it is for the message ("" when the node is
/// none) and the counter it increments, if any.
struct WeakSource {
  std::string what;
  const clang::ValueDecl *counter = nullptr;
};
WeakSource weakSourceOf(const clang::Stmt *S, clang::ASTContext &Ctx);

/// "std::mt19937, a predictable engine" for a <random> engine variable,
/// else "".
std::string weakEngineOf(const clang::VarDecl *Var);

/// True for a function or variable named as minting or holding a handle or
/// session id: generate_session_id, new_basket_id, make_handle, session_id.
bool namesMintedHandle(llvm::StringRef Identifier, bool IsFunction);

/// request, message, event, sequence, ...: ids that are counters by design
/// (JSON-RPC request ids, event numbers), never handles.
bool namesSequenceNumber(llvm::StringRef Identifier);

/// id, uuid, handle, token, index, sequence, session, ...: a name that says
/// it holds an identifier of some kind.
bool namesIdentifier(llvm::StringRef Identifier);

/// generate, make, new, create, mint, ...: a name that says it produces.
bool namesMintingVerb(llvm::StringRef Identifier);

} // namespace mcp_cutover
