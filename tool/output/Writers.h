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

#include "llvm/ADT/StringRef.h"

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

/// JUnit XML: a test suite per rule that ran and a test case per file it
/// reported in, failing when a finding there fails the run at `FailOn`.
std::string renderJunit(const ProjectResult &Result, const RuleCatalog &Catalog,
                        Level FailOn);

/// Text escaped for XML and HTML content (with `Attribute`, for a
/// double-quoted attribute too): &, < and > (and "); control characters
/// XML forbids and invalid UTF-8 become U+FFFD.
std::string escapeXml(llvm::StringRef Text, bool Attribute = false);

/// GitLab Code Quality JSON: every listed finding, by its fingerprint.
std::string renderGitlabCodeQuality(const ProjectResult &Result);

/// Every rule, for `mcp-cutover rules`.
std::string renderRulesText(const RuleCatalog &Catalog);
std::string renderRulesJson(const RuleCatalog &Catalog);

/// The URL of the tool's documentation, written into SARIF.
extern const char *const ToolInformationUri;

} // namespace mcp_cutover
