//===- HttpHeaders.h - How code spells and uses an HTTP header ------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mcp_cutover {

/// How a header name stands inside a string literal.
enum class HeaderLiteralShape {
  None, ///< Absent, or only mentioned in prose ("missing Mcp-Session-Id").
  Name, ///< The literal is exactly the header name.
  List, ///< A comma-separated header list, e.g. a CORS value.
  HeaderLine, ///< A raw header line, "Mcp-Session-Id: %s\r\n".
};

struct HeaderLiteralMatch {
  HeaderLiteralShape shape = HeaderLiteralShape::None;
  std::string spelling; ///< As written, e.g. "mcp-session-id".
  size_t offset = 0;    ///< Where the name starts in the text.
};

/// Finds the header `Needle` (lower case) in any letter case in the decoded
/// contents of a string literal, and how it stands there.
HeaderLiteralMatch matchHeaderLiteral(llvm::StringRef Text,
                                      llvm::StringRef Needle);

/// What code does with a header it names.
enum class HeaderUse { Write, Read, Erase, CorsAllow, CorsExpose, List, Other };

/// How the code around `E` (a header name or line of shape `Shape`, as a
/// literal or a constant) uses it: `res.set_header(E, v)` writes,
/// `req.get_header_value(E)` reads, `headers.erase(E)` erases...
HeaderUse classifyHeaderUse(const clang::Expr *E, HeaderLiteralShape Shape,
                            clang::ASTContext &Context);

} // namespace mcp_cutover
