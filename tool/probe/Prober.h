//===- Prober.h - The runtime checks of `mcp-cutover probe` ---------------===//
//
// Speaks to a fleet as a 2026-07-28 client would, and as one that breaks
// the rules on purpose (a header that disagrees with the body, a made-up
// handle), and turns what comes back into findings of the probe-* rules,
// located at the URL that answered. A server still behind a session wall
// is reported once; the probe then opens a legacy session itself and
// reports each item it can still observe behind the wall.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"
#include "tool/probe/Fleet.h"
#include "tool/probe/ProbeScenario.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct ProbeOptions {
  /// tools/call on the user's tools: only with a scenario or this.
  bool allowCalls = false;
  /// Run the handle flow again with the creating instance interrupted.
  bool killBetween = false;
  /// A transition window: 2025-11-25 clients must still work
  /// (probe-legacy-window, checked only then).
  bool expectLegacy = false;
  std::optional<ProbeScenario> scenario;
  /// Enabled rules (empty: all); the served tools/list also goes through
  /// the schema rules among them.
  std::set<std::string> rules;
  /// Root for the schema rules' ownership policy.
  std::string root;
};

/// The ids of the probe's rules, both sides', sorted (the catalog's
/// "runtime" scope).
std::vector<std::string> probeRuleIds();

/// Runs every enabled probe check on `F` and fills `Result` (findings,
/// rulesRun, probe). Returns "" or a problem that leaves nothing to
/// report (no instance answers at all).
std::string runProbe(Fleet &F, const ProbeOptions &Options,
                     const RuleCatalog &Catalog, ProjectResult &Result);

} // namespace mcp_cutover
