//===- JsonLiteralEvaluator.h - C++ JSON literals to JSON, statically -----===//
//
// Tool schemas in C++ servers are mostly nlohmann::json literals:
//   json{{"type", "object"}, {"properties", {{"sku", {{"type", "string"}}}}}}
//   json::parse(R"({"type": "object"})"),  R"({...})"_json
// This evaluates such an expression from the AST, following nlohmann's own
// initializer-list rule, and says "unknown" (nullopt) for anything it cannot
// know statically (a function's result, a variable changed later): a schema
// is never guessed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace clang {
class Expr;
}

namespace mcp_cutover {

/// The JSON value `E` denotes, with object keys in source order, or nullopt.
std::optional<nlohmann::ordered_json> evaluateJsonLiteral(const clang::Expr *E);

/// The objects and arrays a JSON literal writes in place, by JSON Pointer
/// ("" is the literal itself): braced lists, and empty `json::object()` /
/// `json::array()` calls. This is where a fix-it can add a member or an
/// element. Values reached through variables or parsed text are left out,
/// since editing them would change other uses.
std::map<std::string, const clang::Expr *>
jsonLiteralLists(const clang::Expr *E);

} // namespace mcp_cutover
