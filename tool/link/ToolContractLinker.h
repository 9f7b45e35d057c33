//===- ToolContractLinker.h - Tools to handlers to state to schemas -------===//
#pragma once

#include "checks/Finding.h"
#include "checks/tools/ToolSchemaRules.h"
#include "checks/utils/JsonDocument.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

/// A JSON file of tools (--tools, or `mcp-cutover schema`), parsed.
struct ToolFile {
  std::string path; ///< Absolute.
  JsonDocument document;
  std::vector<std::string> pointers; ///< Of the tool objects.
};

/// Reads a tools file; on failure returns nullopt and sets `Error` to a
/// one-line message naming the file.
std::optional<ToolFile> loadToolFile(const std::string &Path,
                                     std::string &Error);
/// The same, for `Text` read (or edited in memory) from `Path`.
std::optional<ToolFile> parseToolFile(const std::string &Path, std::string Text,
                                      std::string &Error);

/// One row of the migration-scope table.
struct ToolScopeRow {
  std::string kind = "tool";
  std::string name;
  SourceSpan site;
  std::string handler; ///< "" when the handler was not resolved.
  std::vector<std::string> state;
  std::string handleStatus; ///< ok, missing, not required, n.a., unknown...
  std::string handle;
  std::string schema; ///< json-literal, builder, raw-json, json-file, unknown.
};

/// Follows each tool's handler through the calls the project defines (up to
/// `MaxCallDepth` deep), decides session-bound-tool and list-mutation, and
/// runs the schema rules on the C++ tools and the tool files together.
void linkToolContracts(const std::vector<TranslationUnitFacts> &Units,
                       const std::vector<ToolFile> &Files,
                       const std::map<std::string, std::string> &SessionKeyed,
                       const std::set<std::string> &ProcessLocalCounters,
                       const HandleNaming &Naming,
                       const std::set<std::string> &EnabledRules,
                       std::vector<Finding> &Findings,
                       std::vector<ToolScopeRow> &Rows);

/// How deep handlers are followed into the functions they call.
constexpr unsigned MaxCallDepth = 6;

/// A handle name for state: carts_ -> cart_id, g_baskets -> basket_id.
std::string proposeHandleName(const std::vector<std::string> &StateNames);

} // namespace mcp_cutover
