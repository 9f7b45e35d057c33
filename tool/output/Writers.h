//===- Writers.h - One renderer per output format -------------------------===//
//
// Each writer turns a ProjectResult into the bytes of one format; none of
// them analyses anything or touches a stream, so every format is tested as
// exact bytes and written atomically by the caller.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"
#include "tool/output/GitProvenance.h"

#include <array>
#include <optional>
#include <string>

namespace mcp_cutover {

struct TextOptions {
  bool color = false;
  /// Paths are printed relative to this folder when under it.
  std::string workingDirectory;
};

/// The migration-scope table's cells for one tool: name, where
/// (`File`:line), state touched, handle status.
std::array<std::string, 4> scopeCells(const ToolScopeRow &T,
                                      const std::string &File);
/// The scope table as aligned text, headed "Migration scope: N entries".
std::string renderScopeTable(const ProjectResult &Result,
                             const TextOptions &Options);

/// `file:line:col: warning: message [rule-id]`, the source line and a caret.
std::string renderText(const ProjectResult &Result, const RuleCatalog &Catalog,
                       const TextOptions &Options);

/// The documented JSON report (docs/json-format.md).
std::string renderJson(const ProjectResult &Result, const RuleCatalog &Catalog);

struct SarifOptions {
  std::string category; ///< automationDetails.id; omitted when empty.
  /// versionControlProvenance, mapped to %SRCROOT%; omitted when none.
  std::optional<VersionControlDetails> provenance;
};

/// SARIF 2.1.0 with the full rule metadata from the catalog.
std::string renderSarif(const ProjectResult &Result, const RuleCatalog &Catalog,
                        const SarifOptions &Options);

/// Every rule, for `mcp-cutover rules`.
std::string renderRulesText(const RuleCatalog &Catalog);
std::string renderRulesJson(const RuleCatalog &Catalog);

/// The URL of the tool's documentation, written into SARIF.
extern const char *const ToolInformationUri;

} // namespace mcp_cutover
