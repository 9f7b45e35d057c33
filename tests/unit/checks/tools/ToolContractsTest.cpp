//===- ToolContractsTest.cpp - Tool extraction, state and schema rules ---===//
#include "AnnotatedCode.h"

#include "checks/FixApplier.h"
#include "checks/SdkProfile.h"
#include "checks/tools/ToolSchemaRules.h"
#include "checks/utils/InputLimits.h"
#include "checks/utils/JsonDocument.h"
#include "tool/driver/Driver.h"
#include "tool/link/ToolContractLinker.h"

#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

using namespace mcp_cutover;

namespace {
const std::string Fixtures = std::string(MCP_CUTOVER_SOURCE_DIR) + "/fixtures/";

/// Runs an SDK-style fixture as the annotated main file, with the reduced
/// SDK header beside it.
test::AnnotatedRun runStyle(const std::string &Name) {
  return test::runAnnotated(
      test::readFile(Fixtures + "sdk-styles/" + Name),
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}

ToolFile loadFixture(const std::string &Name) {
  std::string Error;
  auto F = loadToolFile(Fixtures + "tool-contracts/" + Name, Error);
  INFO(Error);
  REQUIRE(F);
  return std::move(*F);
}

std::vector<ToolContract> contractsOf(const ToolFile &File) {
  std::vector<ToolContract> Out;
  for (const std::string &P : File.pointers) {
    const auto &J =
        File.document.value().at(nlohmann::ordered_json::json_pointer(P));
    ToolContract C;
    C.name = J["name"];
    C.description = J.value("description", "");
    C.descriptionKnown = J.contains("description");
    C.inputSchema = J["inputSchema"];
    C.inputSchemaKnown = true;
    C.outputSchema = J.value("outputSchema", nlohmann::ordered_json());
    C.outputSchemaKnown = true;
    C.document = &File.document;
    C.file = "tools.json";
    C.pointer = P;
    Out.push_back(std::move(C));
  }
  return Out;
}

std::vector<std::string> describe(const std::vector<Finding> &Findings) {
  std::vector<std::string> Out;
  for (const Finding &F : Findings)
    Out.push_back(std::to_string(F.span.line) + ":" +
                  std::to_string(F.span.column) + " " + F.ruleId + " " +
                  F.message);
  std::sort(Out.begin(), Out.end());
  return Out;
}
} // namespace

// --- Extraction and state, in three SDK styles (annotated fixtures) --------

TEST_CASE("builder chains: a session-keyed handler is session-bound and "
          "misses a handle; registering from a handler is a list mutation",
          "[tools]") {
  auto Run = runStyle("builder-chain-stateful.cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 3);
  CHECK(Run.result.tools[0].name == "add_note");
  CHECK(Run.result.tools[0].schema == "builder");
  CHECK(Run.result.tools[0].handleStatus == "missing");
  CHECK(Run.result.tools[1].name == "load_plugin");
  CHECK(Run.result.tools[1].handleStatus == "n.a.");
  // The builder fix-it inserts the profile's call before .build(), on a
  // line of its own as the chain is written.
  const Finding *Missing = nullptr;
  for (const Finding &F : Run.result.findings)
    if (F.ruleId == "tool-missing-handle")
      Missing = &F;
  REQUIRE(Missing);
  REQUIRE(Missing->fixes.size() == 1);
  CHECK(Missing->fixes[0].span.line == 15);
  CHECK(Missing->fixes[0].span.column == 23);
  CHECK(Missing->fixes[0].replacement ==
        ".with_string_param(\"note_id\", \"Handle returned by the creation "
        "tool.\")\n                      ");
}

TEST_CASE("builder chains: a stateless tool is found, with its schema, and "
          "nothing is reported",
          "[tools]") {
  auto Run = runStyle("builder-chain-stateless.cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 1);
  const ToolScopeRow &T = Run.result.tools[0];
  CHECK(T.name == "get_forecast");
  CHECK(T.schema == "builder");
  CHECK(!T.handler.empty());
  CHECK(T.state.empty());
  CHECK(T.handleStatus == "n.a.");
}

TEST_CASE("prompts built with a prompt builder or added to a prompt "
          "manager are extracted, with their kind and state",
          "[tools]") {
  auto Run = test::runAnnotated(
      R"(#include "mini_sdk.h"
#include <map>
std::map<std::string, int> g_visits; // expect: 28 session-keyed-state 'g_visits' is a std::map keyed by session (indexed by 'session_id'): another instance behind a round-robin load balancer will not see it; move it to shared storage keyed by an explicit handle
void install(mcp::server &server, fastmcpp::prompts::PromptManager &prompt_mgr) {
  mcp::prompt hello = mcp::prompt_builder("hello_prompt")
                          .with_description("Greets")
                          .with_argument("name", "Who", true)
                          .build();
  server.register_prompt(hello, [](const mcp::json &args, const std::string &) {
    return mcp::json{{"text", "Hello " + args.at("name").get<std::string>()}};
  });
  server.register_prompt(mcp::prompt_builder("visits").build(),
                         [](const mcp::json &, const std::string &session_id) {
                           return mcp::json{{"n", ++g_visits[session_id]}};
                         });
  prompt_mgr.add("greeting", fastmcpp::prompts::Prompt("Hello {{name}}!"));
}
)",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
  std::vector<std::string> Rows;
  for (const ToolScopeRow &T : Run.result.tools)
    Rows.push_back(T.kind + " " + T.name + " " + T.site.file + ":" +
                   std::to_string(T.site.line) + " " + T.schema + " " +
                   (T.state.empty() ? "stateless" : T.state.front()));
  CHECK(Rows == std::vector<std::string>{
                    "prompt hello_prompt main.cpp:5 builder stateless",
                    "prompt visits main.cpp:12 builder the session id "
                    "(main.cpp:14)",
                    "prompt greeting main.cpp:16 none stateless"});
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("registrations of an SDK no profile describes are found by "
          "their shape: name, handler, schema or definition object",
          "[tools]") {
  auto Run = test::runAnnotated(
      test::readFile(Fixtures + "sdk-styles/shape-registrations.cpp"),
      {{"unknown_sdk.h",
        test::readFile(Fixtures + "sdk-styles/unknown_sdk.h")}});
  CHECK(Run.actual == Run.expected);
  std::vector<std::string> Tools;
  for (const ToolScopeRow &T : Run.result.tools)
    Tools.push_back(T.kind + " " + T.name + " " +
                    llvm::sys::path::filename(T.site.file).str() + ":" +
                    std::to_string(T.site.line) + ":" +
                    std::to_string(T.site.column) + " " + T.schema +
                    (T.handler.empty() ? " no-handler" : " handler") +
                    (T.state.empty() ? "" : " stateful"));
  CHECK(Tools ==
        std::vector<std::string>{
            "resource mem://template main.cpp:11:39 none handler",
            "tool add_one main.cpp:31:32 none no-handler",
            "tool load_config main.cpp:32:23 none handler stateful",
            "tool visit main.cpp:46:22 none handler stateful",
            "tool fixture_tool main.cpp:97:16 json-literal no-handler",
            "tool add_note main.cpp:107:15 json-literal handler stateful",
            "resource mem://status main.cpp:115:39 none handler",
            "prompt summary main.cpp:118:18 none handler",
            "prompt greet main.cpp:122:16 none handler",
            "tool grep main.cpp:125:10 json-literal handler",
            "tool listed_only main.cpp:127:21 json-literal handler",
            "tool process_start main.cpp:130:10 json-literal handler stateful",
            "tool ping_me main.cpp:132:21 json-literal handler stateful",
            "tool probe_tools main.cpp:137:10 json-literal handler",
            "tool quiet main.cpp:138:10 json-literal handler",
            "tool count_user main.cpp:139:10 json-literal handler stateful",
            "resource memo://welcome main.cpp:144:14 none handler",
            "tool upper main.cpp:151:22 none handler",
            "tool lower main.cpp:152:14 none handler",
            "resource docs/readme.md main.cpp:155:23 none no-handler",
            "resource Root directory main.cpp:157:29 none no-handler",
            "tool echo_macro main.cpp:159:3 json-literal handler",
            "tool listed_only unknown_sdk.h:93:20 none handler",
        });
}

TEST_CASE("a tools/call branch kept only as a recovery expression in a unit "
          "with errors still names its tool",
          "[tools]") {
  // The missing header stops the parse: `params.name == "read_file"`
  // survives as a RecoveryExpr holding both sides.
  auto Run = test::runAnnotated(R"cpp(
#include <string>
#include "missing_header.h"
struct ToolCallParams { std::string name; };
int callTool(const ToolCallParams &params) {
  if (params.name == "read_file") {
    return 1;
  }
  if (params.name != "skip") {
    return 2;
  }
  return 0;
}
)cpp");
  std::vector<std::string> Tools;
  for (const ToolScopeRow &T : Run.result.tools)
    Tools.push_back(T.kind + " " + T.name + " " + std::to_string(T.site.line) +
                    ":" + std::to_string(T.site.column) +
                    (T.handler.empty() ? " no-handler" : " handler"));
  CHECK(Tools == std::vector<std::string>{"tool read_file 6:22 handler"});
}

TEST_CASE("JSON literals: members of a long-lived object and captured "
          "counters are state",
          "[tools]") {
  auto Run = runStyle("json-literal-stateful.cpp");
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("an object handlers share through captures is state once one "
          "changes it; a store's client never",
          "[tools]") {
  auto Run = test::runAnnotated(
      test::readFile(Fixtures + "sdk-styles/shared-captures.cpp"),
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")},
       {"/virtual/sys/debugger_lib.h",
        test::readFile(Fixtures + "sdk-styles/debugger_lib.h")}});
  CHECK(Run.actual == Run.expected);
}

TEST_CASE("a function's memo of its own result in static locals is not "
          "state; look-alikes that accumulate or remember are",
          "[tools]") {
  auto Run = runStyle("memo-caches.cpp");
  CHECK(Run.actual == Run.expected);
  std::vector<std::string> Stateless;
  for (const ToolScopeRow &T : Run.result.tools)
    if (T.state.empty())
      Stateless.push_back(T.name);
  CHECK(Stateless == std::vector<std::string>{"repo_map", "render"});
}

TEST_CASE("JSON literals: the tool-missing-handle fix adds the property and "
          "the required entry inside the literal's own braces (an empty "
          "Json::object() becomes a list); applied, the code compiles and "
          "each tool has its handle",
          "[tools][fixits]") {
  const std::string Code =
      test::readFile(Fixtures + "sdk-styles/json-literal-stateful.cpp");
  auto Run = runStyle("json-literal-stateful.cpp");
  std::vector<const Finding *> Missing;
  for (const Finding &F : Run.result.findings)
    if (F.ruleId == "tool-missing-handle")
      Missing.push_back(&F);
  REQUIRE(Missing.size() == 2);
  // 'remember' (line 10): both lists are braced, so both edits are exact.
  REQUIRE(Missing[0]->span.line == 10);
  REQUIRE(Missing[0]->fixes.size() == 2);
  CHECK(Missing[0]->fixes[0].span.line == 11);
  CHECK(Missing[0]->fixes[0].span.column == 75);
  CHECK(Missing[0]->fixes[0].replacement ==
        ", {\"fact_id\", {{\"type\", \"string\"}, {\"description\", "
        "\"Handle returned by the creation tool.\"}}}");
  CHECK(Missing[0]->fixes[1].span.line == 12);
  CHECK(Missing[0]->fixes[1].span.column == 49);
  CHECK(Missing[0]->fixes[1].replacement == ", \"fact_id\"");
  // 'count' (line 27): its empty Json::object() becomes a braced list.
  REQUIRE(Missing[1]->span.line == 27);
  REQUIRE(Missing[1]->fixes.size() == 2);
  CHECK(Missing[1]->fixes[0].span.column == 62);
  CHECK(Missing[1]->fixes[0].span.endColumn == 86);
  CHECK(Missing[1]->fixes[0].replacement ==
        "{{\"call_id\", {{\"type\", \"string\"}, {\"description\", "
        "\"Handle returned by the creation tool.\"}}}}");
  CHECK(Missing[1]->fixes[1].span.column == 87);
  CHECK(Missing[1]->fixes[1].replacement == ", {\"required\", {\"call_id\"}}");

  std::vector<FixIt> All = Missing[0]->fixes;
  All.insert(All.end(), Missing[1]->fixes.begin(), Missing[1]->fixes.end());
  std::string Error;
  auto Fixed = applyFixIts(Code, All, Error);
  INFO(Error);
  REQUIRE(Fixed);
  auto Again = test::runAnnotated(
      *Fixed,
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
  REQUIRE(Again.result.allUnitsComplete());
  for (const Finding &F : Again.result.findings)
    CHECK(F.ruleId != "tool-missing-handle");
  REQUIRE(Again.result.tools.size() == 2);
  CHECK(Again.result.tools[0].name == "remember");
  CHECK(Again.result.tools[0].handle == "fact_id");
  CHECK(Again.result.tools[0].handleStatus == "ok");
  CHECK(Again.result.tools[1].handle == "call_id");
  CHECK(Again.result.tools[0].handleStatus == "ok");
}

TEST_CASE("JSON literal fix-its follow the literal's layout: one member per "
          "line gets a line of its own; a missing 'required' is added to the "
          "schema; a schema written in a macro gets guidance only",
          "[tools][fixits]") {
  const std::string Code = R"(#include "mini_sdk.h"
#define CART_SCHEMA fastmcpp::Json{{"type", "object"}}
int main() {
  fastmcpp::FastMCP app;
  static int hits = 0;
  app.tool("add_item",
           fastmcpp::Json{
               {"type", "object"},
               {"properties", {
                   {"sku", {{"type", "string"}}},
                   {"quantity", {{"type", "integer"}}}}}},
           [](const fastmcpp::Json &) { return ++hits; });
  app.tool("remove_item", CART_SCHEMA,
           [](const fastmcpp::Json &) { return --hits; });
}
)";
  auto Run = test::runAnnotated(
      Code,
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
  std::vector<const Finding *> Missing;
  for (const Finding &F : Run.result.findings)
    if (F.ruleId == "tool-missing-handle")
      Missing.push_back(&F);
  REQUIRE(Missing.size() == 2);
  REQUIRE(Missing[0]->fixes.size() == 2);
  CHECK(Missing[1]->fixes.empty()); // CART_SCHEMA: editing it edits all uses
  std::string Error;
  auto Fixed = applyFixIts(Code, Missing[0]->fixes, Error);
  INFO(Error);
  REQUIRE(Fixed);
  CHECK(Fixed->substr(Fixed->find("  app.tool(\"add_item\""),
                      Fixed->find("  app.tool(\"remove_item\"") -
                          Fixed->find("  app.tool(\"add_item\"")) ==
        R"(  app.tool("add_item",
           fastmcpp::Json{
               {"type", "object"},
               {"properties", {
                   {"sku", {{"type", "string"}}},
                   {"quantity", {{"type", "integer"}}},
                   {"hit_id", {{"type", "string"}, {"description", "Handle returned by the creation tool."}}}}},
               {"required", {"hit_id"}}},
           [](const fastmcpp::Json &) { return ++hits; });
)");
  auto Again = test::runAnnotated(
      *Fixed,
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
  REQUIRE(Again.result.allUnitsComplete());
  REQUIRE(Again.result.tools.size() == 2);
  CHECK(Again.result.tools[0].handle == "hit_id");
  CHECK(Again.result.tools[0].handleStatus == "ok");
}

TEST_CASE("JSON literals: stateless tools, simple schemas made object "
          "schemas",
          "[tools]") {
  auto Run = runStyle("json-literal-stateless.cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 2);
  CHECK(Run.result.tools[0].name == "echo");
  CHECK(Run.result.tools[0].schema == "json-literal");
  CHECK(Run.result.tools[1].name == "add");
}

TEST_CASE("raw JSON strings: a static cache is state; a predictable id "
          "that never leaves the process is not reported",
          "[tools]") {
  auto Run = runStyle("raw-json-stateful.cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 1);
  CHECK(Run.result.tools[0].schema == "raw-json");
}

TEST_CASE("raw JSON strings: a required, documented handle over shared "
          "storage is clean; CSPRNG ids and request counters are not weak",
          "[tools]") {
  auto Run = runStyle("raw-json-stateless.cpp");
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 1);
  CHECK(Run.result.tools[0].handleStatus == "ok");
  CHECK(Run.result.tools[0].handle == "basket_id");
}

TEST_CASE("a subscript-built JSON schema is evaluated statement by "
          "statement; a handler in another function is followed",
          "[tools]") {
  CHECK_ANNOTATED(
      R"cpp(// clang-format off
#include "mini_sdk.h"
#include <vector>
std::vector<int> g_history;
void record(int v) { g_history.push_back(v); }
fastmcpp::Json remember(const fastmcpp::Json &a) { record(a.at("v")); return {}; }
void install(fastmcpp::FastMCP &app) {
  fastmcpp::Json schema;
  schema["type"] = "object";
  schema["properties"]["v"]["type"] = "integer";
  schema["required"].push_back("v");
  app.tool("remember", schema, remember); // expect: 12 session-bound-tool tool 'remember' writes 'g_history' (main.cpp:5): consecutive calls may land on different instances; state must move behind a handle // expect: 24 tool-missing-handle tool 'remember' depends on 'g_history' across calls but its inputSchema has no handle; add a required string argument such as 'history_id' and keep the state in shared storage under it
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}

TEST_CASE("a schema that is not static is unknown, never guessed", "[tools]") {
  auto Run = test::runAnnotated(
      R"cpp(// clang-format off
#include "mini_sdk.h"
fastmcpp::Json load_schema();
void install(fastmcpp::FastMCP &app, fastmcpp::Json dynamic) {
  app.tool("a", load_schema(), [](const fastmcpp::Json &x) { return x; });
  app.tool("b", dynamic, [](const fastmcpp::Json &x) { return x; });
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
  CHECK(Run.actual == Run.expected);
  REQUIRE(Run.result.tools.size() == 2);
  CHECK(Run.result.tools[0].schema == "unknown");
  CHECK(Run.result.tools[1].schema == "unknown");
}

// --- The schema rules on tools/list dumps ----------------------------------

TEST_CASE("a good tools/list passes every schema rule", "[schema]") {
  ToolFile File = loadFixture("tools-good.json");
  std::vector<ToolContractVerdict> Verdicts;
  auto Findings =
      checkToolContracts(contractsOf(File), HandleNaming(), {}, &Verdicts);
  CHECK(describe(Findings).empty());
  REQUIRE(Verdicts.size() == 2);
  CHECK(Verdicts[0].handleStatus == "returns handle");
  CHECK(Verdicts[1].handleStatus == "ok");
  CHECK(Verdicts[1].handle == "basket_id");
}

TEST_CASE("a bad tools/list (a JSON-RPC response) breaks every handle rule "
          "and every x-mcp-header constraint, at exact positions",
          "[schema]") {
  ToolFile File = loadFixture("tools-bad.json");
  auto Findings = checkToolContracts(contractsOf(File), HandleNaming(), {});
  std::vector<std::string> Expected = {
      "7:17 handle-not-returned tool 'create_cart' creates state but its "
      "outputSchema has no handle property; return 'cart_id' in "
      "structuredContent and declare it in outputSchema so later calls can "
      "name what this one created",
      "8:24 handle-lifetime-undocumented tool 'create_cart': the description "
      "does not say how long what it creates lives; state the durability "
      "policy, e.g. \"expires after 24h idle\"",
      "17:13 handle-not-required tool 'add_to_cart': handle 'cart_id' is not "
      "in 'required'; without it the call cannot find its state on another "
      "instance",
      "17:13 handle-not-string tool 'add_to_cart': handle 'cart_id' has type "
      "\"integer\"; handles are opaque strings minted by the server",
      "17:13 handle-undocumented tool 'add_to_cart': handle 'cart_id' has no "
      "description (it is minted by 'create_cart'); say where the value comes "
      "from, e.g. \"returned by create_cart\"",
      "18:39 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header 'Bad "
      "Header' is not an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~ "
      "only); clients drop a tool whose x-mcp-header annotation breaks the "
      "spec",
      "19:40 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header must be a "
      "non-empty string; clients drop a tool whose x-mcp-header annotation "
      "breaks the spec",
      "20:42 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header must be a "
      "non-empty string; clients drop a tool whose x-mcp-header annotation "
      "breaks the spec",
      "21:41 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header 'Price' is "
      "on a property of type \"number\": only string, integer and boolean "
      "properties may be sent as headers (not number); clients drop a tool "
      "whose x-mcp-header annotation breaks the spec",
      "22:23 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header 'Color' is "
      "on a property of type (none): only string, integer and boolean "
      "properties may be sent as headers (not number); clients drop a tool "
      "whose x-mcp-header annotation breaks the spec",
      "23:67 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header at "
      "/properties/tags/items is not on a property reached from the root "
      "through 'properties' alone (not items, oneOf/anyOf/allOf/not, "
      "if/then/else or $ref); clients drop a tool whose x-mcp-header "
      "annotation breaks the spec",
      "24:51 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header at "
      "/properties/size/oneOf/0 is not on a property reached from the root "
      "through 'properties' alone (not items, oneOf/anyOf/allOf/not, "
      "if/then/else or $ref); clients drop a tool whose x-mcp-header "
      "annotation breaks the spec",
      "26:40 x-mcp-header-invalid tool 'add_to_cart': x-mcp-header 'REGION' "
      "repeats the header of /properties/region (header names are "
      "case-insensitive); clients drop a tool whose x-mcp-header annotation "
      "breaks the spec",
      "35:11 x-mcp-header-invalid tool 'checkout': x-mcp-header at the schema "
      "root is not on a property reached from the root through 'properties' "
      "alone (not items, oneOf/anyOf/allOf/not, if/then/else or $ref); clients "
      "drop a tool whose x-mcp-header annotation breaks the spec",
      "37:13 handle-undocumented tool 'checkout': handle 'cart_id' has a "
      "description that does not say which tool mints it (it is minted by "
      "'create_cart'); say where the value comes from, e.g. \"returned by "
      "create_cart\"",
      "45:33 input-schema-invalid tool 'list_everything': inputSchema must "
      "have \"type\": \"object\" (tool arguments are a JSON object) (at "
      "/type); clients reject tools whose inputSchema is not a valid JSON "
      "Schema 2020-12 object schema",
      "45:54 input-schema-invalid tool 'list_everything': 'required' must be "
      "an array of unique property names (at /required); clients reject tools "
      "whose inputSchema is not a valid JSON Schema 2020-12 object schema",
      "45:93 input-schema-invalid tool 'list_everything': 'type' must be one "
      "of null, boolean, object, array, number, string, integer (or an array "
      "of them) (at /properties/page/type); clients reject tools whose "
      "inputSchema is not a valid JSON Schema 2020-12 object schema",
      "50:93 input-schema-invalid tool 'tuple': an array 'items' is draft-07; "
      "JSON Schema 2020-12 uses 'prefixItems' (at /properties/pair/items); "
      "clients reject tools whose inputSchema is not a valid JSON Schema "
      "2020-12 object schema"};
  std::sort(Expected.begin(), Expected.end());
  CHECK(describe(Findings) == Expected);
}

TEST_CASE("each JSON fix-it applies cleanly and removes its finding, and "
          "only it",
          "[schema][fixits]") {
  ToolFile File = loadFixture("tools-bad.json");
  auto Before = checkToolContracts(contractsOf(File), HandleNaming(), {});
  size_t WithFixes = 0;
  for (const Finding &F : Before) {
    if (F.fixes.empty())
      continue;
    ++WithFixes;
    INFO(F.ruleId << " " << F.message);
    std::string Error;
    auto Fixed = applyFixIts(File.document.text(), F.fixes, Error);
    REQUIRE(Fixed);
    auto Doc = JsonDocument::parse(*Fixed, Error);
    REQUIRE(Doc);
    ToolFile Again{File.path, std::move(*Doc), File.pointers};
    auto After = checkToolContracts(contractsOf(Again), HandleNaming(), {});
    CHECK(After.size() == Before.size() - 1);
    for (const Finding &A : After)
      CHECK(!(A.ruleId == F.ruleId && A.message == F.message));
  }
  CHECK(WithFixes == 2); // handle-not-required, handle-not-string
}

TEST_CASE("tool-missing-handle on a JSON tool: the fix adds the property "
          "and its required entry in the file's own layout, and re-checks "
          "clean",
          "[schema][fixits]") {
  const std::string Text = R"({
  "tools": [
    {
      "name": "add_item",
      "inputSchema": {
        "type": "object",
        "properties": {
          "sku": {"type": "string"}
        }
      }
    }
  ]
})";
  std::string Error;
  auto Doc = JsonDocument::parse(Text, Error);
  REQUIRE(Doc);
  ToolFile File{"tools.json", std::move(*Doc), {"/tools/0"}};
  auto Contracts = contractsOf(File);
  Contracts[0].state = {"session-keyed 'carts_'"};
  Contracts[0].proposedHandle = "cart_id";
  auto Findings = checkToolContracts(Contracts, HandleNaming(), {});
  REQUIRE(Findings.size() == 1);
  CHECK(Findings[0].ruleId == "tool-missing-handle");
  CHECK(Findings[0].span.line == 5);
  CHECK(Findings[0].span.column == 22);
  auto Fixed = applyFixIts(Text, Findings[0].fixes, Error);
  REQUIRE(Fixed);
  CHECK(*Fixed == R"({
  "tools": [
    {
      "name": "add_item",
      "inputSchema": {
        "type": "object",
        "properties": {
          "sku": {"type": "string"},
          "cart_id": {"type": "string", "description": "Handle returned by the creation tool."}
        },
        "required": ["cart_id"]
      }
    }
  ]
})");
  auto Again = JsonDocument::parse(*Fixed, Error);
  REQUIRE(Again);
  ToolFile FixedFile{"tools.json", std::move(*Again), {"/tools/0"}};
  auto Recheck = contractsOf(FixedFile);
  Recheck[0].state = Contracts[0].state;
  CHECK(describe(checkToolContracts(Recheck, HandleNaming(), {})).empty());
}

TEST_CASE("handle names: defaults, camelCase and --handle-pattern",
          "[schema]") {
  HandleNaming Default;
  CHECK(Default.isHandle("basket_id"));
  CHECK(Default.isHandle("browser_handle"));
  CHECK(Default.isHandle("page_token"));
  CHECK(Default.isHandle("doc_ref"));
  CHECK(Default.isHandle("basketId"));
  CHECK_FALSE(Default.isHandle("id_card"));
  CHECK_FALSE(Default.isHandle("sku"));
  CHECK_FALSE(Default.isHandle("identity"));
  HandleNaming Custom({"^cursor$"});
  CHECK(Custom.validate().empty());
  CHECK(Custom.isHandle("cursor"));
  CHECK(HandleNaming({"("}).validate().rfind("--handle-pattern '(':", 0) == 0);
}

TEST_CASE("handle names proposed from the state", "[schema]") {
  CHECK(proposeHandleName({"g_sessions.carts_"}) == "cart_id");
  CHECK(proposeHandleName({"Server::browsers_by_session"}) == "browser_id");
  CHECK(proposeHandleName({"m_entries"}) == "entry_id");
  CHECK(proposeHandleName({"ProcessTable::instance()::processes"}) ==
        "process_id");
  CHECK(proposeHandleName({"g_boxes"}) == "box_id");
  CHECK(proposeHandleName({"g_addresses"}) == "address_id");
  CHECK(proposeHandleName({"sessions_"}) == "");
}

// --- Tool files and positions ----------------------------------------------

TEST_CASE("JSON documents keep the position of every value and key", "[json]") {
  std::string Error;
  auto Doc =
      JsonDocument::parse("{\n  \"a/b\": [1, {\"c\": \"\\u00e9\"}]\n}", Error);
  REQUIRE(Doc);
  auto Key = Doc->keyRange("/a~1b");
  REQUIRE(Key);
  CHECK(Doc->lineColumn(Key->begin) == std::make_pair(2u, 3u));
  auto C = Doc->valueRange("/a~1b/1/c");
  REQUIRE(C);
  CHECK(Doc->text().substr(C->begin, C->end - C->begin) == "\"\\u00e9\"");
  CHECK(Doc->value()["a/b"][1]["c"] == "\xc3\xa9");
  CHECK_FALSE(JsonDocument::parse("{\"a\": 1, \"a\": 2}", Error));
  CHECK(Error == "line 1, column 10: duplicate key \"a\"");
  CHECK_FALSE(JsonDocument::parse("{\n  \"a\": tru\n}", Error));
  CHECK(Error == "line 2, column 8: unexpected character");
  CHECK_FALSE(JsonDocument::parse("[\"\xff\"]", Error));
  CHECK(Error == "line 1, column 3: not UTF-8 text");
}

TEST_CASE("JSON documents refuse hostile input within the limits of "
          "docs/limits.md",
          "[json]") {
  std::string Error;
  // nlohmann's own out_of_range exception used to escape from here.
  CHECK_FALSE(JsonDocument::parse("{\"a\": [1e999]}", Error));
  CHECK(Error == "line 1, column 8: number out of range");
  CHECK_FALSE(JsonDocument::parse("-1e-99999x", Error));
  CHECK(Error == "line 1, column 10: unexpected text after the JSON value");
  std::string Deep = std::string(512, '[') + std::string(512, ']');
  CHECK(JsonDocument::parse(Deep, Error));
  CHECK_FALSE(JsonDocument::parse("[" + Deep + "]", Error));
  CHECK(Error == "line 1, column 513: nested more than 512 levels deep");
  // The array and MaxJsonValues - 1 zeros: exactly at the limit.
  std::string Many = "[0";
  for (size_t I = 2; I < MaxJsonValues; ++I)
    Many += ",0";
  CHECK(JsonDocument::parse(Many + "]", Error));
  CHECK_FALSE(JsonDocument::parse(Many + ",0]", Error));
  CHECK(Error == "line 1, column " + std::to_string(Many.size() + 2) +
                     ": more than 2000000 values");
  // Input text in an error is quoted: a newline in a key (found by
  // fuzz_json_document) must not break the one-line error.
  CHECK_FALSE(JsonDocument::parse("{\"a\\nb\": 1, \"a\\nb\": 2}", Error));
  CHECK(Error == "line 1, column 13: duplicate key \"a\\nb\"");
  CHECK(quoteInput(std::string(100, 'x')) ==
        "\"" + std::string(80, 'x') + "...\"");
  CHECK(checkJsonShape(Deep) == "");
  CHECK(checkJsonShape("[" + Deep) == "nested more than 512 levels deep");
  // Brackets inside strings are not nesting.
  CHECK(checkJsonShape("[\"" + std::string(600, '[') + "\\\"\"]") == "");
  // The scan counts containers and commas: it may miss one value per
  // non-empty container, never count one too many.
  CHECK(checkJsonShape(Many + "]") == "");
  CHECK(checkJsonShape(Many + ",0,0]") == "more than 2000000 values");
}

TEST_CASE("JSON documents skip a byte order mark, and give lines and columns "
          "of every offset",
          "[json]") {
  std::string Error;
  auto Doc = JsonDocument::parse("\xEF\xBB\xBF{\"a\":\n\n [1,\r\n 2]}", Error);
  REQUIRE(Doc);
  CHECK(Doc->value()["a"][1] == 2);
  auto Two = Doc->valueRange("/a/1");
  REQUIRE(Two);
  CHECK(Doc->lineColumn(Two->begin) == std::make_pair(4u, 2u));
  CHECK(Doc->lineColumn(0) == std::make_pair(1u, 1u));
  CHECK(Doc->lineColumn(Doc->text().size()) == std::make_pair(4u, 5u));
}

TEST_CASE("tool files: every accepted shape, and one-line errors naming the "
          "file",
          "[json]") {
  std::string Error;
  CHECK_FALSE(loadToolFile("/nonexistent/tools.json", Error));
  CHECK(Error.rfind("/nonexistent/tools.json: cannot read: ", 0) == 0);
  std::string Dir = std::string(MCP_CUTOVER_SOURCE_DIR) + "/rules/sdk";
  CHECK_FALSE(loadToolFile(Dir + "/generic.json", Error));
  CHECK(Error == Dir + "/generic.json: not a tools/list result, a JSON-RPC "
                       "response, a tool or an array of tools");
  std::string Shape;
  nlohmann::ordered_json Tool = {{"name", "t"}, {"inputSchema", {}}};
  CHECK(toolPointers(Tool, Shape) == std::vector<std::string>{""});
  CHECK(toolPointers(nlohmann::ordered_json::array({Tool, Tool}), Shape) ==
        std::vector<std::string>{"/0", "/1"});
  CHECK(toolPointers({{"tools", {Tool}}}, Shape) ==
        std::vector<std::string>{"/tools/0"});
  CHECK(toolPointers({{"result", {{"tools", {Tool}}}}}, Shape) ==
        std::vector<std::string>{"/result/tools/0"});
  CHECK(Shape.empty());
  CHECK(toolPointers(nlohmann::ordered_json::array({Tool, 3}), Shape).empty());
  CHECK(Shape == "/1 is not a tool (an object with name and inputSchema)");
}

// --- SDK profiles -----------------------------------------------------------

TEST_CASE("SDK profiles: the shipped ones load; mistakes are named with "
          "their path",
          "[profiles]") {
  auto Builtin = SdkProfileSet::builtin();
  REQUIRE(Builtin->profiles().size() == 3);
  CHECK(Builtin->profiles()[0].name == "hkr04/cpp-mcp");
  CHECK(Builtin->profiles()[1].name == "0xeb/fastmcpp");
  CHECK(Builtin->profiles()[2].name == "generic");
  auto Error = [](const std::string &Text) {
    try {
      SdkProfileSet::parse(Text, "my.json");
    } catch (const std::exception &E) {
      return std::string(E.what());
    }
    return std::string("no error");
  };
  CHECK(Error("{") == "my.json: not valid JSON");
  CHECK(Error(R"({"name": "x"})") == "my.json: \"profileVersion\" must be 1");
  CHECK(Error(R"({"profileVersion": 1, "name": "x", "registration": []})") ==
        "my.json: unknown key \"registration\"");
  CHECK(Error(R"({"profileVersion": 1, "name": "x", "registrations": [
    {"callee": "add", "kind": "widget", "parameters": {"name": "n"}}]})") ==
        "my.json: registrations[0].kind: expected tool, resource or prompt, "
        "not \"widget\"");
  CHECK(Error(R"({"profileVersion": 1, "name": "x", "registrations": [
    {"callee": "add", "parameters": {"title": "n"}}]})") ==
        "my.json: registrations[0].parameters: unknown role \"title\" "
        "(expected name, description, inputSchema, outputSchema, handler or "
        "tool)");
  CHECK(Error(R"({"profileVersion": 1, "name": "x", "builders": [
    {"type": "B", "nameParameter": "n", "build": "build",
     "methods": [{"name": "with"}]}]})") ==
        "my.json: builders[0].methods[0]: a method either \"sets\" the "
        "description or adds a \"property\"");
  CHECK(namePatternMatches("register_tool", "mcp::server::register_tool"));
  CHECK(namePatternMatches("server::register_tool",
                           "mcp::server::register_tool"));
  CHECK_FALSE(namePatternMatches("register_tool", "mcp::my_register_tool"));
}

TEST_CASE("handle-weak-entropy: predictable ids that reach the client and "
          "come back as keys",
          "[entropy]") {
  CHECK_ANNOTATED(R"cpp(// clang-format off
#include "shim.h"
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>
// A header sent, and a map looked up by the header read back: a cart id.
// The creation time stamped next to it goes elsewhere and is not reported.
struct Carts {
  std::map<std::string, long> by_id_;
  std::string generate_cart_id() {
    std::mt19937 engine(std::random_device{}()); // expect: 5 handle-weak-entropy 'generate_cart_id' mints an id from std::mt19937, a predictable engine that reaches the client in the 'X-Cart-Id' header and comes back as a key of 'by_id_': a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    std::uniform_int_distribution<int> digit(0, 15);
    auto hex = [&] { return "0123456789abcdef"[digit(engine)]; };
    std::string id(32, '0');
    for (char &c : id)
      c = hex();
    by_id_[id] = std::time(nullptr);
    return id;
  }
  bool known(const shim::Request &req) {
    return by_id_.count(req.get_header_value("X-Cart-Id")) != 0;
  }
};
void open_cart(Carts &c, shim::Response &res) {
  res.set_header("X-Cart-Id", c.generate_cart_id());
}
// A counter named task, returned in a JSON member and looked up from the
// request: a handle.
struct Json { Json(std::initializer_list<std::pair<const char *, std::string>>); };
struct Tasks {
  int next_task_id_ = 0;
  std::map<std::string, int> tasks_;
  Json create() {
    std::string id = "task-";
    id.append(std::to_string(next_task_id_++)); // expect: 30 handle-weak-entropy 'create' mints an id from a counter ('next_task_id_') that reaches the client in the JSON member 'taskId' and comes back as a key of 'tasks_': a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    tasks_.emplace(id, 0);
    return Json{{"taskId", id}};
  }
  int poll(const std::string &task_id) { return tasks_.at(task_id); }
};
// The legacy HTTP+SSE endpoint: a counter in the URL the client posts to.
struct SseListener {
  unsigned id = 0;
  std::map<std::string, int> streams;
  std::string accept() {
    id += 1; // expect: 5 handle-weak-entropy 'accept' mints an id from a counter ('id') that reaches the client in an endpoint URL ('id') and comes back as a key of 'streams': a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    streams.insert({std::to_string(id), 1});
    return endpoint_event(id);
  }
  std::string endpoint_event(unsigned n) { return "event: endpoint\ndata: /message?id=" + std::to_string(n); }
  bool post(const std::map<std::string, std::string> &query) { return streams.find(query.at("id")) != streams.end(); }
};
// SSE event ids written one piece at a time; clients resume with
// Last-Event-ID.
struct EventStore {
  long next_event_ = 0;
  std::string frame(const std::string &data) {
    std::string body;
    body += "id: ";
    body += std::to_string(++next_event_); // expect: 28 handle-weak-entropy 'frame' mints an id from a counter ('next_event_') that reaches the client in an SSE event id and comes back in the Last-Event-ID request header: a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    body += "\ndata: " + data;
    return body;
  }
  std::string resume(const shim::Request &req) { return req.get_header_value("Last-Event-ID"); } // expect: 78 legacy-http-endpoints reads Last-Event-ID to resume an SSE stream: MCP 2026-07-28 removed resumption (a client re-issues its request with a new id when a stream breaks); drop the replay and the events kept for it
};
// JSON-RPC request ids each side mints for its own requests, sent as "id"
// and matched when the response comes back: numbering, not handles.
struct RequestPeer {
  int next_request_id_ = 0;
  std::map<std::string, int> pending_;
  Json send() {
    std::string id = std::to_string(next_request_id_++);
    pending_[id] = 1;
    return Json{{"id", id}};
  }
  void on_response(const std::string &id) { pending_.erase(id); }
};
// Ids that never leave the process, a trace id written only to a log, and
// jitter: nothing.
struct Transport {
  std::string session_id_ = "mem-" + std::to_string(std::rand());
  std::string make_session_id() { return "local-" + std::to_string(std::rand()); }
  std::string get_session_id() const { return session_id_; }
};
void log_line(const std::string &);
void traced() {
  std::string trace_id = std::to_string(std::rand());
  log_line("trace " + trace_id);
  int jitter_ms = std::rand() % 100;
  (void)jitter_ms;
}
// Named a session id and sent, but never read back: a note, saying which
// side was not seen. In a comment, "id: " + next_ is no code.
struct Demo {
  int counter_ = 0;
  void greet(shim::Response &res) {
    std::string new_session_id = std::to_string(++counter_); // expect: 49 handle-weak-entropy (note) 'greet' mints an id from a counter ('counter_') that reaches the client in the 'X-Session-Id' header; no lookup by it was seen: if clients send it back, a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    res.set_header("X-Session-Id", new_session_id);
  }
};
// Stored under a key that requests look up, but never seen leaving: a
// note saying so. A log line's "session_id: " is no SSE field.
struct Registry {
  std::map<std::string, int> live_;
  std::string generate_session_id() {
    std::string id = std::to_string(std::rand()); // expect: 37 handle-weak-entropy (note) 'generate_session_id' mints an id from rand() that comes back as a key of 'live_'; how clients learn it was not seen: if they do, a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    live_[id] = 1;
    log_line("session_id: " + id);
    return id;
  }
  bool alive(const std::string &id) { return live_.count(id) != 0; }
};
// Handed to a constructor through std::make_unique, and sent from the
// object built.
struct Runtime { std::string key; explicit Runtime(std::string k) : key(std::move(k)) {} };
struct Streams {
  std::map<std::string, std::unique_ptr<Runtime>> runtimes_;
  unsigned long long next_ = 0;
  Runtime *open(shim::Response &res) {
    std::string stream_key = "s" + std::to_string(++next_); // expect: 51 handle-weak-entropy 'open' mints an id from a counter ('next_') that reaches the client in the 'X-Stream-Id' header and comes back as a key of 'runtimes_': a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    auto rt = std::make_unique<Runtime>(stream_key);
    Runtime *raw = rt.get();
    runtimes_.emplace(stream_key, std::move(rt));
    res.set_header("X-Stream-Id", raw->key);
    return raw;
  }
  bool has(const std::string &k) const { return runtimes_.count(k) != 0; }
};
)cpp");
}

// fastmcpp's StreamableHttpTransport::request: the JSON-RPC id numbers the
// message it is in, not the response read back nor the session header taken
// from it (session 10: reported as an Mcp-Session-Id way out before).
TEST_CASE("handle-weak-entropy: a message's id member does not label the "
          "message, nor what comes back for it",
          "[entropy]") {
  CHECK_ANNOTATED(R"cpp(// clang-format off
#include <atomic>
#include <map>
#include <string>
struct Http {
  void set_header(const std::string &name, const std::string &value);
};
struct Transport {
  Http http_;
  std::atomic<long> next_id_{0};
  std::string session_;
  void request() {
    long id = next_id_.fetch_add(1);
    std::map<std::string, long> message = {{"id", id}, {"size", 2}};
    // Something the library answers for the message (here: its size).
    session_ = std::to_string(message.size());
    http_.set_header("X-Conn-Id", session_);
  }
  bool resume(const std::string &conn) { return known_.count(conn) > 0 && conn == session_; }
};
)cpp");
}

// hkr04/cpp-mcp's start_stdio: a handler called through std::function with
// the session id returns what the handler makes, not the id (session 10: it
// was a warning, out in the JSON member 'result').
TEST_CASE("handle-weak-entropy: what a std::function handler returns is not "
          "made of its arguments",
          "[entropy]") {
  CHECK_ANNOTATED(R"cpp(// clang-format off
#include <functional>
#include <map>
#include <string>
struct Dispatcher {
  std::map<std::string, std::function<std::string(const std::string &)>> handlers_;
  std::map<std::string, int> sessions_; // expect: 30 session-keyed-state 'sessions_' is a std::map keyed by session (named as a session store, indexed by 'session_id'): another instance behind a round-robin load balancer will not see it; move it to shared storage keyed by an explicit handle
  long next_ = 0;
  std::map<std::string, std::string> serve(const std::string &method) {
    std::string session_id = std::to_string(++next_); // expect: 45 handle-weak-entropy (note) 'serve' mints an id from a counter ('next_') that comes back as a key of 'sessions_'; how clients learn it was not seen: if they do, a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
    sessions_[session_id] = 1;
    return {{"result", handlers_[method](session_id)}};
  }
  bool known(const std::string &sid) { return sessions_.count(sid) > 0; }
};
)cpp");
}

TEST_CASE("handle-weak-entropy: an id returned in a tool's result and "
          "taken back as an argument",
          "[entropy]") {
  CHECK_ANNOTATED(
      R"cpp(// clang-format off
#include "mini_sdk.h"
#include <atomic>
#include <map>
#include <string>
std::atomic<long> g_sequence{1};
std::map<std::string, int> g_live;
fastmcpp::Json start(const fastmcpp::Json &) {
  std::string id = "proc-" + std::to_string(g_sequence.fetch_add(1)); // expect: 45 handle-weak-entropy 'start' mints an id from a counter ('g_sequence') that reaches the client in the result of tool 'start' and comes back as a key of 'g_live': a guessable handle lets one client reach another's state; use at least 128 bits from a cryptographically secure generator (getrandom, RAND_bytes)
  g_live.emplace(id, 1);
  return fastmcpp::Json("started " + id);
}
fastmcpp::Json poll(const fastmcpp::Json &args) {
  return fastmcpp::Json(g_live.count(args.at("id").get<std::string>()));
}
int main() {
  fastmcpp::FastMCP app;
  app.tool("start", fastmcpp::Json::object(), start); // expect: 12 session-bound-tool tool 'start' writes 'g_sequence' (main.cpp:9), writes 'g_live' (main.cpp:10): consecutive calls may land on different instances; state must move behind a handle // expect: 21 tool-missing-handle tool 'start' depends on 'g_sequence', 'g_live' across calls but its inputSchema has no handle; add a required string argument such as 'sequence_id' and keep the state in shared storage under it
  app.tool("poll", fastmcpp::Json::object(), poll); // expect: 12 session-bound-tool tool 'poll' reads 'g_live' that tool 'start' writes (main.cpp:14): consecutive calls may land on different instances; state must move behind a handle // expect: 20 tool-missing-handle tool 'poll' depends on 'g_live' across calls but its inputSchema has no handle; add a required string argument such as 'live_id' and keep the state in shared storage under it
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}

TEST_CASE("a counter only incremented whose values stay in the process is "
          "no tool's state; one read back is",
          "[tools][entropy]") {
  CHECK_ANNOTATED(
      R"cpp(// clang-format off
#include "mini_sdk.h"
#include <atomic>
#include <fstream>
#include <string>
std::atomic<int> g_tmp_seq{0};
int g_calls = 0;
fastmcpp::Json save(const fastmcpp::Json &args) {
  std::string tmp = "/tmp/save." + std::to_string(g_tmp_seq.fetch_add(1));
  std::ofstream(tmp) << args.dump();
  return fastmcpp::Json("saved");
}
fastmcpp::Json count(const fastmcpp::Json &) {
  ++g_calls;
  return fastmcpp::Json(g_calls);
}
int main() {
  fastmcpp::FastMCP app;
  app.tool("save", fastmcpp::Json::object(), save);
  app.tool("count", fastmcpp::Json::object(), count); // expect: 12 session-bound-tool tool 'count' writes 'g_calls' (main.cpp:14): consecutive calls may land on different instances; state must move behind a handle // expect: 21 tool-missing-handle tool 'count' depends on 'g_calls' across calls but its inputSchema has no handle; add a required string argument such as 'call_id' and keep the state in shared storage under it
}
)cpp",
      {{"mini_sdk.h", test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}});
}

TEST_CASE("handle-weak-entropy: followed across translation units, through "
          "a virtual call, into a field compared with a request header",
          "[entropy]") {
  const std::string Root = test::Root;
  std::map<std::string, std::string> Files = test::commonFiles();
  Files[Root + "/ids.h"] = R"cpp(#pragma once
#include <string>
struct IdSource { virtual ~IdSource() = default; virtual std::string next() = 0; };
struct Counter : IdSource { long n = 0; std::string next() override; };
)cpp";
  Files[Root + "/a.cpp"] = R"cpp(#include "ids.h"
std::string Counter::next() { return "c" + std::to_string(++n); }
)cpp";
  Files[Root + "/b.cpp"] = R"cpp(#include "ids.h"
#include "shim.h"
#include <vector>
struct Conn { std::string id; };
std::vector<Conn> g_conns;
void open(IdSource &ids, shim::Response &res) {
  std::string cid = ids.next();
  g_conns.push_back(Conn{cid});
  res.set_header("X-Conn-Id", cid);
}
bool known(const shim::Request &req) {
  for (const Conn &c : g_conns)
    if (c.id == req.get_header_value("X-Conn-Id"))
      return true;
  return false;
}
)cpp";
  std::vector<TranslationUnitFacts> Units =
      test::analyzeUnits(Files, {"a.cpp", "b.cpp"});
  CHECK(test::linkUnits({Units[0]}).findings.empty());
  ProjectResult Both = test::linkUnits(Units);
  REQUIRE(Both.findings.size() == 1);
  const Finding &F = Both.findings[0];
  CHECK(F.ruleId == "handle-weak-entropy");
  CHECK(F.level == Level::Warning);
  CHECK(F.span.file == "a.cpp");
  CHECK(F.span.line == 2);
  CHECK(F.span.column == 59);
  CHECK(F.message ==
        "'next' mints an id from a counter ('n') that reaches "
        "the client in the 'X-Conn-Id' header and comes back "
        "compared with the stored 'id': a guessable handle lets one client "
        "reach another's state; use at least 128 bits from a cryptographically "
        "secure generator (getrandom, RAND_bytes)");
  REQUIRE(F.related.size() == 2);
  CHECK(F.related[0].span.file == "b.cpp");
  CHECK(F.related[0].span.line == 9);
  CHECK(F.related[0].span.column == 31);
  CHECK(F.related[0].message == "the id leaves here");
  CHECK(F.related[1].span.file == "b.cpp");
  CHECK(F.related[1].span.line == 13);
  CHECK(F.related[1].span.column == 9);
  CHECK(F.related[1].message == "the id comes back here");
}

TEST_CASE("SDK profiles: the first profile that describes a builder wins, "
          "so a user's profile overrides a built-in one",
          "[profiles]") {
  // This profile knows only with_description: any other method makes the
  // schema unknown, where the built-in cpp-mcp profile would evaluate it.
  auto Profiles = std::make_shared<SdkProfileSet>();
  Profiles->add(SdkProfileSet::parse(R"({"profileVersion": 1, "name": "mine",
    "builders": [{"type": "mcp::tool_builder", "nameParameter": "name",
      "build": "build", "methods": [{"name": "with_description",
      "sets": "description", "parameter": "description"}]}]})",
                                     "mine.json"));
  for (const SdkProfile &P : SdkProfileSet::builtin()->profiles())
    Profiles->add(P);
  AnalysisOptions Options;
  Options.profiles = Profiles;
  OwnershipPolicy Policy(test::Root, {});
  std::string Main = test::Root + "/main.cpp";
  TranslationUnitFacts Facts = analyzeInMemory(
      {{Main, "#include \"mini_sdk.h\"\nmcp::tool t = "
              "mcp::tool_builder(\"t\").with_string_param(\"a\", \"b\")"
              ".build();\n"},
       {test::Root + "/mini_sdk.h",
        test::readFile(Fixtures + "sdk-styles/mini_sdk.h")}},
      Main, {"-std=c++20", "-I" + test::Root}, Policy, Options);
  REQUIRE(Facts.tools.size() == 1);
  CHECK(Facts.tools[0].profile == "mine");
  CHECK_FALSE(Facts.tools[0].inputSchemaKnown);
}

namespace {
/// A tools file from text, checked alone as `mcp-cutover schema` does.
std::vector<std::string>
schemaFindings(const std::string &Json,
               const HandleNaming &Naming = HandleNaming(),
               const std::string &Name = "t.json") {
  std::string Error;
  auto File = parseToolFile("/virtual/" + Name, Json, Error);
  INFO(Error);
  REQUIRE(File);
  std::vector<ToolContract> Contracts = contractsOf(*File);
  for (ToolContract &C : Contracts)
    C.file = Name;
  return describe(checkToolContracts(Contracts, Naming, {}));
}
} // namespace

// Issue 21: a name is a candidate; a handle needs evidence.
TEST_CASE("a property named like an id is a handle only with evidence",
          "[tools][schema][handles]") {
  // Domain identifiers the caller chooses: nothing is reported.
  CHECK(schemaFindings(R"({"tools": [
  {"name": "get_commit", "description": "A commit.", "inputSchema": {"type": "object",
    "properties": {"commit_id": {"type": "string", "description": "The commit SHA"},
                   "milestoneId": {"type": "string"}}}},
  {"name": "get_resource", "description": "A resource.", "inputSchema": {"type": "object",
    "properties": {"resourceId": {"type": "integer", "description": "Returned by list_resources"},
                   "kind_id": {"type": "string", "enum": ["a", "b"], "description": "a session kind"}}}}
]})")
            .empty());
  // The description says another call minted it: a handle.
  CHECK(schemaFindings(R"({"tools": [
  {"name": "read_page", "description": "Reads.", "inputSchema": {"type": "object",
    "properties": {"page_id": {"type": "string", "description": "Returned by open_browser."}}}}
]})") == std::vector<std::string>{
             "3:20 handle-not-required tool 'read_page': handle 'page_id' is "
             "not in 'required'; without it the call cannot find its state "
             "on another instance"});
  // --handle-pattern is the user's word, even for a name alone.
  HandleNaming Declared({"^doc_ref$"});
  REQUIRE(Declared.validate().empty());
  CHECK(Declared.isDeclared("doc_ref"));
  CHECK_FALSE(Declared.isDeclared("commit_id"));
  CHECK(schemaFindings(R"({"tools": [
  {"name": "edit", "description": "Edits.", "inputSchema": {"type": "object",
    "properties": {"doc_ref": {"type": "string"}}, "required": ["doc_ref"]}}
]})",
                       Declared) ==
        std::vector<std::string>{
            "3:20 handle-undocumented tool 'edit': handle 'doc_ref' has no "
            "description; say where the value comes from, e.g. \"returned by "
            "create_...\""});
}

TEST_CASE("what one tools file returns or creates is no evidence in another",
          "[tools][schema][handles]") {
  // sequential-thinking's branchId and gitlab's create_branch, checked in
  // one run: two servers, no pairing.
  std::string ErrorA, ErrorB;
  auto A = parseToolFile("/virtual/a.json", R"({"tools": [
  {"name": "think", "description": "Thinks.", "inputSchema": {"type": "object",
    "properties": {"branchId": {"type": "string", "description": "Branch identifier"}}}}
]})",
                         ErrorA);
  auto B = parseToolFile("/virtual/b.json", R"({"tools": [
  {"name": "create_branch", "description": "Creates a branch.", "inputSchema": {"type": "object",
    "properties": {"branch": {"type": "string"}}}}
]})",
                         ErrorB);
  REQUIRE(A);
  REQUIRE(B);
  std::vector<ToolContract> All = contractsOf(*A);
  All[0].file = "a.json";
  for (ToolContract C : contractsOf(*B)) {
    C.file = "b.json";
    All.push_back(C);
  }
  CHECK(describe(checkToolContracts(All, HandleNaming(), {})).empty());
  // In one file they pair: create_branch mints what think takes.
  CHECK(schemaFindings(R"({"tools": [
  {"name": "think", "description": "Thinks.", "inputSchema": {"type": "object",
    "properties": {"branchId": {"type": "string", "description": "Branch identifier"}}, "required": ["branchId"]}},
  {"name": "create_branch", "description": "Creates a branch; kept until deleted.", "inputSchema": {"type": "object"}}
]})") == std::vector<std::string>{
             "3:20 handle-undocumented tool 'think': handle 'branchId' has a "
             "description that does not say which tool mints it (it is "
             "minted by 'create_branch'); say where the value comes from, "
             "e.g. \"returned by create_branch\"",
             "4:12 handle-not-returned tool 'create_branch' creates state but "
             "its outputSchema has no handle property; return 'branch_id' in "
             "structuredContent and declare it in outputSchema so later "
             "calls can name what this one created"});
}

TEST_CASE("tools-share-implicit-state: one note per tools file for a family "
          "acting on an implicit object with no id anywhere",
          "[tools][schema][tools-share-implicit-state]") {
  const std::string Family = R"({"tools": [
  {"name": "browser_navigate", "description": "Go to a URL.", "inputSchema": {"type": "object", "properties": {"url": {"type": "string"}}}},
  {"name": "browser_click", "description": "Click an element.", "inputSchema": {"type": "object", "properties": {"selector": {"type": "string"}}}},
  {"name": "read_title", "description": "Title of the current page.", "inputSchema": {"type": "object"}},
  {"name": "add", "description": "Adds.", "inputSchema": {"type": "object"}}
]})";
  CHECK(schemaFindings(Family) ==
        std::vector<std::string>{
            "2:12 tools-share-implicit-state tools 'browser_navigate', "
            "'browser_click', 'read_title' act on an implicit current object "
            "and no tool takes an id (a guess from their names and "
            "descriptions, not from code): if they share per-process state, "
            "a round-robin balancer sends each call to an instance that may "
            "not have it; return a handle from the tool that creates the "
            "object, take it as a required argument in the others, and name "
            "it with --handle-pattern"});
  // One such tool alone; a list where a tool takes an id (even a domain
  // id: the state is named there); look-alike words inside other words.
  CHECK(schemaFindings(R"({"tools": [
  {"name": "browser_navigate", "description": "Go.", "inputSchema": {"type": "object"}},
  {"name": "add", "description": "Adds.", "inputSchema": {"type": "object"}}
]})")
            .empty());
  CHECK(schemaFindings(R"({"tools": [
  {"name": "browser_navigate", "description": "Go.", "inputSchema": {"type": "object", "properties": {"tab_id": {"type": "string"}}}},
  {"name": "browser_click", "description": "Click.", "inputSchema": {"type": "object"}}
]})")
            .empty());
  CHECK(schemaFindings(R"({"tools": [
  {"name": "clickhouse_query", "description": "Query.", "inputSchema": {"type": "object"}},
  {"name": "typeset", "description": "Typesets.", "inputSchema": {"type": "object"}}
]})")
            .empty());
}
