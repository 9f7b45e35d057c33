//===- HandleEntropyCheck.h - Handles minted from predictable sources -----===//
#pragma once

#include "checks/Check.h"

namespace mcp_cutover {

/// Flags session ids and handles minted from a predictable source (rand,
/// a <random> engine, a clock, a counter) or from fewer than 128 bits.
class HandleEntropyCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void inspect(const clang::Stmt *Body, const std::string &What,
               clang::ASTContext &ASTCtx);
};

/// True for a function or variable named as minting or holding a handle or
/// session id: generate_session_id, new_basket_id, make_handle, session_id.
bool namesMintedHandle(llvm::StringRef Identifier, bool IsFunction);

/// request, message, event, sequence, ...: ids that are counters by design
/// (JSON-RPC request ids, event numbers), never handles.
bool namesSequenceNumber(llvm::StringRef Identifier);

/// generate, make, new, create, mint, ...: a name that says it produces.
bool namesMintingVerb(llvm::StringRef Identifier);

} // namespace mcp_cutover
