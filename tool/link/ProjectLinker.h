//===- ProjectLinker.h - From per-TU facts to project-wide findings -------===//
#pragma once

#include "checks/Finding.h"
#include "checks/RuleCatalog.h"
#include "checks/utils/LocationUtil.h"
#include "tool/link/Suppressions.h"
#include "tool/link/ToolContractLinker.h"

#include "llvm/ADT/StringRef.h"

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct UnitSummary {
  std::string file; ///< Root-relative where possible.
  UnitStatus status = UnitStatus::Complete;
  std::string firstError;
  unsigned errorCount = 0;
  bool standaloneHeader = false;
};

/// What writers render: findings with root-relative paths, deduplicated,
/// levels and fingerprints filled in, in a deterministic order.
/// What one check of `mcp-cutover probe` concluded; its findings are the
/// result's. `status` is "passed", "failed" or "skipped" (`detail` says
/// why); `evidence` is what was sent and received ("POST tools/list
/// (Mcp-Method: prompts/list) -> HTTP 200 with a result").
struct RuntimeCheck {
  std::string rule;
  std::string status;
  std::string detail;
  std::vector<std::string> evidence;
};

/// What a probe saw of the endpoints (tool/probe).
struct ProbeSummary {
  /// "server" (a fleet probed) or "client" (a client's requests recorded).
  std::string side = "server";
  /// The fleet's endpoints, or the recorder's.
  std::vector<std::string> urls;
  /// The client side: how many requests the recorder took.
  size_t requestsRecorded = 0;
  /// The protocol versions served: by server/discover, and by the
  /// initialize handshake.
  std::vector<std::string> discoverVersions;
  std::vector<std::string> handshakeVersions;
  /// Requests without Mcp-Session-Id were refused: the probe looked
  /// behind that wall with a session of its own.
  bool sessionWall = false;
  std::vector<RuntimeCheck> checks; ///< In catalog order.
};

struct ProjectResult {
  std::string root; ///< Absolute; SARIF's %SRCROOT%.
  std::vector<Finding> findings;
  /// Findings an in-source directive accepts (NOLINT(rule): reason): kept
  /// for SARIF and counted, never listed or failing a run.
  std::vector<Finding> suppressed;
  /// Directives that could not be honoured (Suppressions.h).
  std::vector<SuppressionProblem> suppressionProblems;
  /// With --baseline: whether one was applied, and its findings that are
  /// gone (tool/output/Baseline.h).
  bool hasBaseline = false;
  std::vector<Finding> fixed;
  /// With --diff-base: the ref, and how many findings were on lines the
  /// change did not touch (not listed; tool/output/DiffScope.h).
  std::string diffBase;
  size_t outsideDiff = 0;
  std::vector<UnitSummary> units;
  /// The proxy and load-balancer configuration files read (nginx, HAProxy,
  /// YAML, JSON, TOML, Terraform), with their status: a file that could not
  /// be read or parsed is Failed.
  std::vector<UnitSummary> configFiles;
  /// The migration scope: every tool, resource and prompt found.
  std::vector<ToolScopeRow> tools;
  /// The rules that ran, in catalog order (an item whose rules did not run
  /// is "not checked", never "done").
  std::vector<std::string> rulesRun;
  /// Enabled rules that had nothing to read: the gateway rules when no
  /// configuration file was read (their checklist items then still need
  /// manual verification).
  std::vector<std::string> rulesWithoutInput;
  /// contentDigest() of each file a fix-it edits (root-relative keys).
  std::map<std::string, std::string> fileDigests;
  /// From `mcp-cutover probe` (or a probe result read back): findings
  /// located at URLs (line 0) and the statuses of the runtime checks.
  std::optional<ProbeSummary> probe;

  bool allUnitsComplete() const;
  /// A path as findings carry it (root-relative, or absolute outside the
  /// root), made absolute to read the file.
  std::string absolutePath(const std::string &File) const;
  size_t count(UnitStatus S) const;        ///< Of the units.
  size_t countConfigs(UnitStatus S) const; ///< Of the configuration files.
};

/// Links facts across TUs: decides session-keyed-state from containers and
/// the accesses seen in every TU, merges findings reported by several TUs
/// (a header's), and orders everything. `Configs` are the facts of the
/// proxy configuration files read (checks/gateway/GatewayAnalysis.h): their
/// findings join the others, their status is listed apart from the TUs'.
ProjectResult
linkProject(const std::vector<TranslationUnitFacts> &Units,
            const RuleCatalog &Catalog, const OwnershipPolicy &Policy,
            const std::set<std::string> &EnabledRules,
            const std::vector<ToolFile> &ToolFiles = {},
            const HandleNaming &Naming = HandleNaming(),
            const std::vector<TranslationUnitFacts> &Configs = {});

/// 32 hex digits of SHA-256 over `Parts`, NUL-separated: a finding's
/// fingerprint from its rule, where it is and what does not move with
/// unrelated edits (the line's text; for a probe, its message).
std::string fingerprintDigest(std::initializer_list<llvm::StringRef> Parts);

/// The most related locations a finding lists.
constexpr size_t MaxRelatedLocations = 5;

} // namespace mcp_cutover
