//===- GatewayFiles.h - Finding and reading proxy configuration -----------===//
#pragma once

#include "checks/Finding.h"
#include "checks/gateway/ProxyConfig.h"
#include "checks/utils/LocationUtil.h"

#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct GatewayFile {
  std::string path; ///< Absolute.
  ProxyKind kind = ProxyKind::Nginx;
};

/// The proxy and load-balancer configuration files to read (nginx, HAProxy,
/// YAML, JSON, TOML, Terraform; detectConfigKind): each of `Named`
/// (--gateway-config; an error when its kind cannot be told), and those
/// found in the folders and files of `Paths`, or under the root when
/// `Paths` is empty and `WalkRoot`, by name or by content. Hidden, build and
/// vendored folders are skipped, as are files the policy does not own. Problems
/// with `Named` files are returned as one line each.
std::vector<GatewayFile> findGatewayFiles(const std::vector<std::string> &Named,
                                          const std::vector<std::string> &Paths,
                                          bool WalkRoot,
                                          const OwnershipPolicy &Policy,
                                          std::vector<std::string> &Problems);

/// Reads and checks each file with the enabled gateway rules; notes (an
/// include not followed) go to `Notes`.
std::vector<TranslationUnitFacts>
analyzeGatewayFiles(const std::vector<GatewayFile> &Files,
                    const std::set<std::string> &Rules,
                    std::vector<std::string> &Notes);

} // namespace mcp_cutover
