//===- Capabilities.h - Where code advertises an MCP capability -----------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace mcp_cutover {

/// Whether `Key`, a string literal naming `Capability` ("logging", "roots",
/// "sampling"), is written as a member of a capabilities object:
/// `{"capabilities", {{"logging", {}}}}`, `caps["logging"] = ...`,
/// `j["capabilities"]["roots"] = ...`.
bool isCapabilityMember(const clang::StringLiteral *Key,
                        llvm::StringRef Capability, clang::ASTContext &Context);

/// Whether `Member` is a field named `Capability` of a record named for
/// capabilities (`ServerCapabilities::logging`) that is assigned or
/// initialised here: a typed SDK's advertisement.
bool isCapabilityField(const clang::MemberExpr *Member,
                       llvm::StringRef Capability, clang::ASTContext &Context);

} // namespace mcp_cutover
