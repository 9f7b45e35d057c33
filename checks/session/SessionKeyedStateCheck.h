//===- SessionKeyedStateCheck.h - session-keyed-state ---------------------===//
#pragma once

#include "checks/Check.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>

namespace mcp_cutover {

/// Finds long-lived associative containers (fields, globals, statics) keyed
/// by a session id: per-instance state that a load balancer breaks.
///
/// Per TU it records every such container and every keyed access to it as
/// facts; ProjectLinker decides, across all TUs, which are session-keyed.
class SessionKeyedStateCheck : public Check {
public:
  using Check::Check;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

  struct ContainerType {
    std::string name;    ///< e.g. "std::unordered_map"
    std::string keyType; ///< as written, e.g. "SessionId"
  };
  /// Recognises std, Abseil, Boost, Qt, TBB, folly, tsl, phmap and
  /// cache-like containers, through aliases and in templates.
  static std::optional<ContainerType>
  associativeContainer(clang::QualType Type, const clang::ASTContext &Context);

private:
  void recordContainer(const clang::DeclaratorDecl *Decl,
                       const clang::ASTContext &ASTCtx);
  void recordAccess(const clang::Expr *Object, const clang::Expr *Key,
                    const clang::Expr *Site, const clang::ASTContext &ASTCtx);
  bool isContainer(const clang::ValueDecl *Decl,
                   const clang::ASTContext &Context);

  llvm::DenseMap<const clang::ValueDecl *, bool> ContainerCache;
};

/// Whether an expression used as a map key holds a session id: a variable,
/// member or getter named like one, or a read of the session header.
bool isSessionKeyExpr(const clang::Expr *Key);

} // namespace mcp_cutover
