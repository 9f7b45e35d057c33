//===- GitProvenance.h - Where the analysed sources came from -------------===//
//
// SARIF's versionControlProvenance lets a viewer open the exact revision a
// result was found in. It is read from git, run as a subprocess with a fixed
// argument vector; any failure means "no provenance", never an error.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>

namespace mcp_cutover {

struct VersionControlDetails {
  /// The remote's URL as a URI without user information (which may hold a
  /// token); the work tree's file URI when there is no remote.
  std::string repositoryUri;
  std::string revisionId;
  std::string branch; ///< Empty on a detached HEAD.
};

/// The git work tree whose top folder is `Root`. None when `Root` is not the
/// top of a work tree (provenance maps the repository root to %SRCROOT%), when
/// git is not installed, or when HEAD has no commit yet.
std::optional<VersionControlDetails> gitProvenance(const std::string &Root);

/// A remote URL as a URI: user information dropped, scp-like `host:path`
/// written as ssh://host/path, a local path as a file URI. Relative local
/// paths are resolved against `TopLevel`.
std::string remoteUri(const std::string &Url, const std::string &TopLevel);

} // namespace mcp_cutover
