//===- ProbeScenario.h - A handle flow to run across a fleet --------------===//
//
// A scenario names a creation call, where its handle is in the result
// (a JSON Pointer into structuredContent), and the follow-up calls that take
// it (`{{handle}}` in their arguments). The probe runs it with each call on
// the next instance, then again with the creating instance killed.
//
//   create:
//     tool: create_basket
//     arguments: {}
//     handle: /basket_id
//   follow_ups:
//     - tool: add_item
//       arguments: {basket_id: "{{handle}}", sku: A-1, quantity: 2}
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mcp_cutover {

struct ScenarioCall {
  std::string tool;
  nlohmann::json arguments = nlohmann::json::object();
};

struct ProbeScenario {
  std::string source; ///< The file, or "inferred from tools/list".
  ScenarioCall create;
  std::string handlePointer; ///< Into structuredContent, e.g. "/basket_id".
  std::vector<ScenarioCall> followUps;
};

/// Reads a scenario file; "" or one line naming the file and the problem.
std::string loadProbeScenario(const std::string &Path, ProbeScenario &Out);
/// The same for `Text` read from `Path`.
std::string parseProbeScenario(const std::string &Path, const std::string &Text,
                               ProbeScenario &Out);

/// `Arguments` with every string "{{handle}}" replaced by `Handle` (and
/// "{{handle}}" inside longer strings too).
nlohmann::json withHandle(const nlohmann::json &Arguments,
                          const std::string &Handle);

/// A scenario from the served tools: a tool whose outputSchema has a
/// `*_id` property and that requires no input creates; the tools that
/// require an input of that name follow, other required inputs filled from
/// their types. nullopt when no tool pair fits.
std::optional<ProbeScenario> inferScenario(const nlohmann::json &Tools);

} // namespace mcp_cutover
