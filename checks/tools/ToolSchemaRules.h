//===- ToolSchemaRules.h - Tool contracts against the stateless spec ------===//
//
// The Week 3 rules: explicit handles in tool contracts (SEP-2567), the
// x-mcp-header annotation (SEP-2243) and the input schema's structure. They
// read a tool's JSON (from C++ or from a tools/list dump) and know nothing of
// the AST, so `mcp-cutover schema` runs them on JSON files alone.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"
#include "checks/utils/JsonDocument.h"

#include "llvm/Support/Regex.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Which property names may be handles. `*_id`, `*_handle`, `*_token`,
/// `*_ref` (and camelCase) are candidates only: `commit_id` or `milestoneId`
/// is as often a domain identifier the caller chooses as a handle the
/// server minted, so a candidate is a handle only with evidence (see
/// checkToolContracts). A --handle-pattern regex is the user's word: what
/// it matches is a handle.
class HandleNaming {
public:
  explicit HandleNaming(std::vector<std::string> ExtraPatterns = {});
  /// An error message for a bad pattern, else empty.
  std::string validate() const;
  /// Named like a handle, by the built-in shapes or a --handle-pattern.
  bool isHandle(const std::string &PropertyName) const;
  /// Matched by a --handle-pattern.
  bool isDeclared(const std::string &PropertyName) const;

private:
  std::vector<std::string> Sources;
  std::vector<std::shared_ptr<llvm::Regex>> Patterns;
};

/// One tool's contract and what the C++ analysis knows of its state.
struct ToolContract {
  std::string name;
  std::string description;
  bool descriptionKnown = false;
  nlohmann::ordered_json inputSchema;
  bool inputSchemaKnown = false;
  nlohmann::ordered_json outputSchema;
  bool outputSchemaKnown = false;
  /// The per-instance state its handler touches (C++ only); empty when
  /// there is none or it is not known.
  std::vector<std::string> state;
  std::string proposedHandle; ///< e.g. "cart_id", derived from the state.

  /// Where it is written: a JSON document (file + pointer of the tool
  /// object), or C++ (the tool's fact).
  const JsonDocument *document = nullptr;
  std::string file;
  std::string pointer;
  const ToolFact *fact = nullptr;
};

/// ok, missing, not required, n.a. or unknown: the scope table's column.
struct ToolContractVerdict {
  std::string handleStatus;
  std::string handle; ///< The handle property, when there is one.
};

/// Runs the schema rules on a set of tools (the whole set: a handle's
/// description must name the tool that mints it). Findings carry fix-its.
std::vector<Finding>
checkToolContracts(const std::vector<ToolContract> &Tools,
                   const HandleNaming &Naming,
                   const std::set<std::string> &EnabledRules,
                   std::vector<ToolContractVerdict> *Verdicts = nullptr);

/// True for create_*, new_*, open_*, start_*, begin_* tools.
bool isCreationToolName(const std::string &Name);

/// Reads tools from a tools/list result, a JSON-RPC response wrapping it, a
/// single tool or an array of tools. Returns pointers of the tool objects,
/// or an error message.
std::vector<std::string> toolPointers(const nlohmann::ordered_json &Document,
                                      std::string &Error);

} // namespace mcp_cutover
