//===- MethodUse.h - How code uses a JSON-RPC method's name ---------------===//
#pragma once

#include "checks/Finding.h"
#include "checks/utils/LocationUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mcp_cutover {

/// What a registration passes as the handler.
struct Callable {
  bool found = false;
  const clang::NamedDecl *target = nullptr;  ///< Function, method or variable.
  clang::SourceRange range;                  ///< Where the handler is written.
  const clang::LambdaExpr *lambda = nullptr; ///< When it is one.
};

/// A lambda, function, bound member or `std::function` written as `E`.
Callable callableOf(const clang::Expr *E);

/// The handler as a related location ("the handler 'Server::on_ping'"), at
/// where it is written; none when it is unknown or outside the user's files.
std::vector<RelatedLocation> handlerLocation(const Callable &Handler,
                                             const LocationUtil &Locations);

/// What the code does with a method's name where it writes it (a literal, a
/// constant, an enumerator).
enum class MethodUseKind {
  None,     ///< Anything else: a table, a log line, a schema type's name.
  Compare,  ///< `if (method == "ping")`: dispatches on it.
  Register, ///< `handlers["ping"] = fn`, `server.on("ping", fn)`.
  Switch,   ///< `case Method::Ping:`.
  Send,     ///< `client.send_request("ping")`: puts the message on the wire.
  Build,    ///< `req["method"] = "ping"`: builds the message to send.
};

struct MethodUse {
  MethodUseKind kind = MethodUseKind::None;
  Callable handler; ///< The handler a dispatch runs, when known.

  bool dispatches() const {
    return kind == MethodUseKind::Compare || kind == MethodUseKind::Register ||
           kind == MethodUseKind::Switch;
  }
  bool sends() const {
    return kind == MethodUseKind::Send || kind == MethodUseKind::Build;
  }
};

/// How the code around `Use`, an expression naming a method, uses it. A
/// bare notification name ("initialized") counts only when sent as a
/// notification. `HandlerWord` (folded, e.g. "init") names the user
/// function an `if (method == ...)` branch calls as its handler.
MethodUse classifyMethodUse(const clang::Expr *Use, clang::ASTContext &Context,
                            const LocationUtil &Locations,
                            bool BareNotification, llvm::StringRef HandlerWord);

/// "dispatches on", "registers a handler for", "switches on", "sends",
/// "builds a message with".
const char *methodUseVerb(MethodUseKind Kind);

/// The method of `Methods` an enumerator stands for, when its enum
/// enumerates protocol methods (Method::Ping, RequestKind::kResourcesSubscribe,
/// Notification::Initialized); "" otherwise (State::Initialize).
std::string methodOfEnumerator(const clang::EnumConstantDecl &Constant,
                               llvm::ArrayRef<llvm::StringRef> Methods);

/// A JSON-RPC message written out in a literal,
/// R"({"jsonrpc": "2.0", "method": "ping"})", whose method `Wanted` accepts:
/// the offset of the value's opening quote and the method.
std::optional<std::pair<size_t, std::string>>
jsonTextMethod(llvm::StringRef Text,
               llvm::function_ref<bool(llvm::StringRef)> Wanted);

/// Every such method in `Text`, in order: a literal may hold several
/// messages (a stdio script of newline-separated requests).
std::vector<std::pair<size_t, std::string>>
jsonTextMethods(llvm::StringRef Text,
                llvm::function_ref<bool(llvm::StringRef)> Wanted);

/// The function `Use` is written in; a lambda counts as the function
/// around it. Null at namespace scope.
const clang::FunctionDecl *enclosingFunction(const clang::Expr *Use,
                                             clang::ASTContext &Context);

/// Whether `Use` is in a member of a class named for the server side and not
/// the client (Server::Impl::send_initialized).
bool inServerClass(const clang::Expr *Use, clang::ASTContext &Context);

/// Whether `Use` is in a member of a class named for the client side and not
/// the server (McpClient::ping).
bool inClientClass(const clang::Expr *Use, clang::ASTContext &Context);

/// Whether `Loc` is written inside a test assertion macro (EXPECT_EQ,
/// REQUIRE, BOOST_CHECK...) at any depth.
bool inTestAssertion(clang::SourceLocation Loc, const clang::SourceManager &SM,
                     const clang::LangOptions &LangOpts);

/// A comparison: `==`, `!=`, strcmp, compare, equals...
bool isComparison(const clang::DynTypedNode &Node);

/// Whether the message text written at `Literal` is what a test expects
/// rather than one the code sends: it is compared with something, or
/// written inside a test assertion.
bool isExpectedMessageText(const clang::Expr *Literal,
                           clang::ASTContext &Context);

/// A callee that puts a message on the wire: send, notify, write, post,
/// emit, submit, publish, call, invoke.
bool namesTransmit(llvm::StringRef Callee);

/// Where the user's code writes one of a set of method names.
struct MethodSite {
  const clang::Expr *use = nullptr; ///< The literal or reference.
  std::string method;
  std::string through; ///< "'kPing'", "'Method::Ping'"; "" for a literal.
  /// A JSON-RPC message written out in `use` (a string literal): the offset
  /// of the method's value in its text.
  std::optional<size_t> jsonOffset;
};

/// Finds the method names of a set where the user writes them: string
/// literals, string constants (followed through other constants),
/// enumerators of enums that enumerate methods, JSON message texts.
class MethodSiteMatcher {
public:
  explicit MethodSiteMatcher(std::vector<llvm::StringRef> Methods);
  void
  registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                   clang::ast_matchers::MatchFinder::MatchCallback *Callback);
  /// The site a match of these matchers is; nullopt for other names, for
  /// code outside the user's files and for other matches.
  std::optional<MethodSite>
  siteOf(const clang::ast_matchers::MatchFinder::MatchResult &Result,
         const LocationUtil &Locations) const;

private:
  std::vector<llvm::StringRef> Methods;
  std::set<std::string, std::less<>> Names;
};

/// Qualified name without "(anonymous namespace)::" noise.
std::string readableName(const clang::NamedDecl &D);

} // namespace mcp_cutover
