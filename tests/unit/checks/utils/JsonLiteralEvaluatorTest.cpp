#include "checks/utils/JsonLiteralEvaluator.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <catch2/catch.hpp>

#include <map>

using namespace mcp_cutover;

namespace {
/// Every namespace-scope variable's initializer, evaluated; "unknown" when
/// the evaluator declines.
std::map<std::string, std::string> evaluateAll(const std::string &Code) {
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(
          Code, {"-std=c++20", "-resource-dir=" MCP_CUTOVER_RESOURCE_DIR},
          "input.cpp");
  REQUIRE(AST);
  REQUIRE_FALSE(AST->getDiagnostics().hasErrorOccurred());
  std::map<std::string, std::string> Out;
  for (const clang::Decl *D :
       AST->getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *Var = llvm::dyn_cast<clang::VarDecl>(D))
      if (Var->getInit() && Var->getName().starts_with("t_")) {
        auto Value = evaluateJsonLiteral(Var->getInit());
        Out[Var->getName().str()] = Value ? Value->dump() : "unknown";
      }
  return Out;
}
} // namespace

TEST_CASE("JSON literals evaluate as nlohmann builds them, keys in source "
          "order, and anything not static is unknown",
          "[json-literal]") {
  auto Values = evaluateAll(R"cpp(
#include <nlohmann/json.hpp>
#include <string>
using json = nlohmann::json;
using namespace nlohmann::literals;
const json t_schema = json{{"type", "object"},
                           {"properties", {{"sku", {{"type", "string"}}},
                                           {"quantity", {{"type", "integer"}, {"minimum", 1}}}}},
                           {"required", {"sku", "quantity"}}};
const json t_forced_array = json::array({"a", "b"});
const json t_array_of_pairs = json::array({{"k", 1}});
const json t_forced_object = json::object({{"z", 1}, {"a", 2}});
const json t_empty_object = json::object();
const json t_empty_array = json::array();
const json t_null = json();
const json t_not_pairs = json{"type", "object"};
const json t_scalars = json{{"n", -3}, {"f", 2.5}, {"b", false}, {"s", std::string("x")}, {"z", nullptr}};
const json t_parsed = json::parse(R"({"type": "object", "properties": {}})");
const json t_udl = R"({"a": [1, true]})"_json;
const json t_through_constant = json{{"properties", {{"basket_id", t_forced_object}}}};
json mutable_schema = json{{"type", "object"}};
const json t_through_mutable = json{{"x", mutable_schema}};
std::string name();
const json t_through_call = json{{"name", name()}};
const json t_bad_text = json::parse("{not json");
)cpp");
  CHECK(
      Values.at("t_schema") ==
      R"({"type":"object","properties":{"sku":{"type":"string"},"quantity":{"type":"integer","minimum":1}},"required":["sku","quantity"]})");
  CHECK(Values.at("t_forced_array") == R"(["a","b"])");
  CHECK(Values.at("t_array_of_pairs") == R"([["k",1]])");
  CHECK(Values.at("t_forced_object") == R"({"z":1,"a":2})");
  CHECK(Values.at("t_empty_object") == "{}");
  CHECK(Values.at("t_empty_array") == "[]");
  CHECK(Values.at("t_null") == "null");
  CHECK(Values.at("t_not_pairs") == R"(["type","object"])");
  CHECK(Values.at("t_scalars") ==
        R"({"n":-3,"f":2.5,"b":false,"s":"x","z":null})");
  CHECK(Values.at("t_parsed") == R"({"type":"object","properties":{}})");
  CHECK(Values.at("t_udl") == R"({"a":[1,true]})");
  CHECK(Values.at("t_through_constant") ==
        R"({"properties":{"basket_id":{"z":1,"a":2}}})");
  CHECK(Values.at("t_through_mutable") == "unknown");
  CHECK(Values.at("t_through_call") == "unknown");
  CHECK(Values.at("t_bad_text") == "unknown");
}

TEST_CASE("literal operator templates and unsigned 64-bit numbers",
          "[json-literal][robustness]") {
  // A `_json` literal operator template receives its digits as template
  // arguments: there is no cooked literal to parse, so it is unknown.
  auto Values = evaluateAll(R"cpp(
#include <nlohmann/json.hpp>
using json = nlohmann::json;
namespace digits {
template <char... D> json operator""_json() { return json(sizeof...(D)); }
} // namespace digits
using namespace digits;
const json t_digits = 12_json;
const json t_max = json{{"n", 18446744073709551615u}};
const json t_min = json{{"n", -9223372036854775807}};
)cpp");
  CHECK(Values == std::map<std::string, std::string>{
                      {"t_digits", "unknown"},
                      {"t_max", R"({"n":18446744073709551615})"},
                      {"t_min", R"({"n":-9223372036854775807})"}});
}
