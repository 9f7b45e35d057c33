//===- GatewayAnalysis.h - One proxy configuration file, read and checked -===//
#pragma once

#include "checks/Finding.h"
#include "checks/gateway/ProxyConfig.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <set>
#include <string>

namespace mcp_cutover {

/// Largest configuration file read; real ones are a few KiB.
constexpr uint64_t MaxGatewayFileBytes = 8u << 20;

/// Whether a file's name is one configuration may have (`*.conf`,
/// `*.cfg`, `*.conf.template`, `haproxy.cfg.template`, `*.yaml`, `*.yml`,
/// `*.json`, `*.toml`, `*.tf`):
/// only such files are opened to tell their kind.
bool hasProxyConfigName(llvm::StringRef Path);

/// The kind a file named on purpose is read as by its extension alone
/// (`.yaml`, `.yml` and `.json` as YAML, `.toml`, `.tf`); nullopt for
/// `.conf` and others, whose kind their lines tell.
std::optional<ProxyKind> configKindByName(llvm::StringRef Path);

/// Whether a file is nginx or HAProxy configuration, by its name
/// (`nginx.conf`, `haproxy.cfg`) or, for `*.conf`, `*.cfg` and
/// `*.conf.template`, by what its lines start with; or YAML that configures
/// traffic (Kubernetes, Envoy, Traefik, CloudFormation), CloudFormation or
/// Envoy JSON, Traefik TOML, or Terraform (`*.tf`); nullopt for anything
/// else. `Head` is the start of the file's text.
std::optional<ProxyKind> detectConfigKind(llvm::StringRef Path,
                                          llvm::StringRef Head);

/// Reads `Path` and runs the enabled gateway rules on it. A file that
/// cannot be read or parsed gives facts with status Failed and a one-line
/// `firstError` ("FILE:LINE:COL: message"); notes (an include not
/// followed) go to `Notes`.
TranslationUnitFacts analyzeGatewayFile(const std::string &Path, ProxyKind Kind,
                                        const std::set<std::string> &Rules,
                                        std::vector<std::string> &Notes);

/// The same on text already read (the fuzz target's entry).
TranslationUnitFacts analyzeGatewayText(const std::string &Path,
                                        const std::string &Text, ProxyKind Kind,
                                        const std::set<std::string> &Rules,
                                        std::vector<std::string> &Notes);

} // namespace mcp_cutover
