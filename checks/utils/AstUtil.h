//===- AstUtil.h - Small AST questions the checks share -------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include "checks/utils/LocationUtil.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// The literal's characters as UTF-8, for narrow, UTF-8 and wide literals.
std::string literalText(const clang::StringLiteral *Literal);

/// Where the character at `Offset` of literalText(Literal) is written: the
/// string-literal token (the piece of an adjacent-literal concatenation
/// "a" "b") that holds it, at the token's start, or at the character itself
/// when `AtCharacter`. The literal's start when that cannot be told (a
/// wide literal's byte offsets are not its text's: there the first piece
/// whose spelling contains `Spelled`, ignoring case, when it is given).
clang::SourceLocation literalLocationOf(const clang::StringLiteral *Literal,
                                        size_t Offset,
                                        const clang::ASTContext &Context,
                                        bool AtCharacter = false,
                                        llvm::StringRef Spelled = "");

/// Looks through parentheses, implicit conversions, temporaries, cleanups
/// and functional casts.
const clang::Expr *ignoreTemporaries(const clang::Expr *E);

/// The literal a user-defined literal was cooked from (`5` of `5s`, the
/// string of `"..."_json`), or null when its operator receives no argument:
/// a literal operator template (libstdc++'s chrono `s`, `ms`) or a raw one
/// gets the characters as template arguments or as a raw string, and
/// clang's getCookedLiteral() would read past the empty argument list.
const clang::Expr *cookedLiteral(const clang::UserDefinedLiteral *Literal);

/// An integer literal's value, or nullopt when it needs more than 64 bits.
std::optional<int64_t> integerValue(const clang::IntegerLiteral *Literal);

/// ignoreTemporaries, and also single-argument constructions and
/// user-defined literals: to the expression that matters.
const clang::Expr *ignoreWrappers(const clang::Expr *E);

/// The string literal an expression denotes, through wrappers.
const clang::StringLiteral *asStringLiteral(const clang::Expr *E);

/// When `Var` is initialised with nothing but a string constant (a literal,
/// or another such variable), that literal.
const clang::StringLiteral *stringConstantOf(const clang::VarDecl *Var);

/// The node that consumes `E`: its first ancestor that is not a wrapper
/// (conversion, temporary, parentheses, construction, braced init list).
/// `Operand` is set to the child of that ancestor on the path from `E`.
struct ExprUser {
  clang::DynTypedNode node;
  const clang::Expr *operand = nullptr;
  bool throughInitList = false; ///< E is an element of a braced list.
};
ExprUser findUser(const clang::Expr *E, clang::ASTContext &Context);

/// The key of the two-element braced pair or construction `Node` is
/// (`{"protocolVersion", v}`, `json("k", v)`), if any.
const clang::StringLiteral *jsonPairKey(const clang::DynTypedNode &Node);

/// The braced pair `{Key, value}` whose key `Key` is (`Json{{"tools", list}}`),
/// within a few levels of wrappers; null when `Key` is no pair's key.
const clang::InitListExpr *bracedPairOf(const clang::StringLiteral *Key,
                                        clang::ASTContext &Context);

/// The key `Value` is written under in a JSON object: the key of the pair
/// it is the value of, of the subscript it is assigned to
/// (`j["protocolVersion"] = v`), or the field, variable or parameter it
/// initialises or is assigned to; "" when none.
std::string destinationName(const clang::Expr *Value,
                            clang::ASTContext &Context);

/// Whether `Key` (a literal or a constant) is written as a JSON member's
/// key, not read: the key of a braced pair, or of a subscript that is
/// assigned (`j["k"] = v`).
bool isWrittenJsonKey(const clang::Expr *Key, clang::ASTContext &Context);

/// Calls `Visit` with each ancestor of `Start`, its first parent first, at
/// most `MaxDepth` of them, until `Visit` returns false.
void walkParents(const clang::DynTypedNode &Start, clang::ASTContext &Context,
                 unsigned MaxDepth,
                 llvm::function_ref<bool(const clang::DynTypedNode &)> Visit);

/// Whether the source text between `Left`'s last token and `Right`'s first
/// (parentheses and blanks aside) is one of `Operators`: how a comparison
/// kept only as a RecoveryExpr in a unit with errors is recognised.
bool operatorBetween(const clang::Expr *Left, const clang::Expr *Right,
                     const clang::ASTContext &Context,
                     llvm::ArrayRef<llvm::StringRef> Operators);

/// The called function's or method's name; "" for operators and indirect
/// calls.
std::string calleeName(const clang::CallExpr *Call);

/// Lower-case name with underscores removed: set_header -> setheader.
std::string foldName(llvm::StringRef Name);

/// True when `D` is declared inside a namespace named `Name`, at any depth
/// (nlohmann::json_abi_v3_11_2::basic_json is in "nlohmann").
bool isInNamespace(const clang::Decl *D, llvm::StringRef Name);

/// The declaration of what `E` names (variable, field, function), or null.
const clang::NamedDecl *referencedDecl(const clang::Expr *E);

/// The identifier of what `E` names (`tokens_`, `redis_`), or "" when it
/// names nothing or an operator.
llvm::StringRef referencedName(const clang::Expr *E);

/// The name a member call's receiver goes by, through `->` on a smart
/// pointer (`redis_->get(k)`: "redis_"); "" when it has none.
std::string receiverName(const clang::CXXMemberCallExpr *Call);

/// A function's identity across translation units: the USR of its canonical
/// declaration (of the template pattern for instantiations), or
/// "lambda@file:line:col" for a lambda's call operator.
std::string functionId(const clang::FunctionDecl *FD,
                       const LocationUtil &Locations);

/// The declaration key (SourceSpan::key() of its canonical declaration) of
/// a variable or field, shared by every fact that names it.
std::string declKey(const clang::ValueDecl *D, const LocationUtil &Locations);

} // namespace mcp_cutover
