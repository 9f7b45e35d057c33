#include "checks/gateway/GatewayAnalysis.h"

#include "checks/CheckRegistry.h"
#include "checks/FixApplier.h"
#include "checks/gateway/GatewayCheck.h"
#include "checks/gateway/HaproxyConfigReader.h"
#include "checks/gateway/HclConfigReader.h"
#include "checks/gateway/NginxConfigReader.h"
#include "checks/gateway/TomlConfigReader.h"
#include "checks/gateway/YamlConfigReader.h"
#include "checks/utils/InputLimits.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

namespace mcp_cutover {

namespace {

/// The first word of each line of `Text`, with whether the line ends in
/// `;` or `{` (nginx's shape).
template <typename Fn> void eachLine(llvm::StringRef Text, Fn &&F) {
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    llvm::StringRef Trimmed = Line.trim();
    if (Trimmed.empty() || Trimmed.starts_with("#"))
      continue;
    llvm::StringRef Word =
        Trimmed.take_until([](char C) { return llvm::isSpace(C); });
    F(Word, Trimmed, Line);
  }
}

/// The facts of a file that was not read: `Problem` follows its path.
TranslationUnitFacts failedFacts(const std::string &Path,
                                 const std::string &Problem) {
  TranslationUnitFacts Facts;
  Facts.file = Path;
  Facts.status = UnitStatus::Failed;
  Facts.firstError = oneLine(Path + Problem);
  Facts.errorCount = 1;
  return Facts;
}

} // namespace

bool hasProxyConfigName(llvm::StringRef Path) {
  std::string Lower = llvm::sys::path::filename(Path).lower();
  llvm::StringRef L(Lower);
  return L == "haproxy.cfg.template" || L.ends_with(".conf") ||
         L.ends_with(".cfg") || L.ends_with(".conf.template") ||
         L.ends_with(".yaml") || L.ends_with(".yml") || L.ends_with(".json") ||
         L.ends_with(".toml") || L.ends_with(".tf");
}

std::optional<ProxyKind> configKindByName(llvm::StringRef Path) {
  std::string Lower = llvm::sys::path::filename(Path).lower();
  llvm::StringRef L(Lower);
  if (L.ends_with(".yaml") || L.ends_with(".yml") || L.ends_with(".json"))
    return ProxyKind::Yaml;
  if (L.ends_with(".toml"))
    return ProxyKind::Toml;
  if (L.ends_with(".tf"))
    return ProxyKind::Hcl;
  return std::nullopt;
}

std::optional<ProxyKind> detectConfigKind(llvm::StringRef Path,
                                          llvm::StringRef Head) {
  if (!hasProxyConfigName(Path))
    return std::nullopt;
  std::string Lower = llvm::sys::path::filename(Path).lower();
  llvm::StringRef L(Lower);
  if (L == "nginx.conf" || L == "nginx.conf.template")
    return ProxyKind::Nginx;
  if (L == "haproxy.cfg" || L == "haproxy.cfg.template")
    return ProxyKind::Haproxy;
  // Terraform files configure infrastructure, all of them.
  if (L.ends_with(".tf"))
    return ProxyKind::Hcl;
  if (L.ends_with(".toml")) {
    // Traefik's file provider, not Cargo.toml or pyproject.toml.
    if (L.contains("traefik") || Head.contains("[http.") ||
        Head.contains("[tcp.") || Head.contains("[entryPoints") ||
        Head.contains("[backends") || Head.contains("[frontends"))
      return ProxyKind::Toml;
    return std::nullopt;
  }
  if (L.ends_with(".json")) {
    // CloudFormation templates and Envoy configuration written as JSON,
    // which the YAML reader reads; not package.json or a compile database.
    if (Head.contains("\"AWSTemplateFormatVersion\"") ||
        Head.contains("AWS::ElasticLoadBalancingV2") ||
        Head.contains("\"static_resources\""))
      return ProxyKind::Yaml;
    return std::nullopt;
  }
  if (L.ends_with(".yaml") || L.ends_with(".yml")) {
    // Only YAML that configures traffic: Kubernetes objects, Envoy, Traefik
    // (also as labels), CloudFormation; not a CI workflow or an app's
    // settings.
    bool Kubernetes = Head.contains("apiVersion:") && Head.contains("kind:");
    if (Kubernetes || Head.contains("static_resources:") ||
        Head.contains("envoy.filters") || Head.contains("traefik") ||
        Head.contains("AWSTemplateFormatVersion") ||
        Head.contains("AWS::ElasticLoadBalancingV2"))
      return ProxyKind::Yaml;
    return std::nullopt;
  }
  unsigned Nginx = 0, Haproxy = 0;
  eachLine(Head, [&](llvm::StringRef Word, llvm::StringRef Trimmed,
                     llvm::StringRef Line) {
    bool Block = Trimmed.ends_with("{");
    bool Ends = Trimmed.ends_with(";") || Block;
    if (Ends &&
        (Word == "upstream" || Word == "server" || Word == "location" ||
         Word == "proxy_pass" || Word == "http" || Word == "server_name" ||
         Word == "proxy_set_header" || Word == "listen"))
      ++Nginx;
    // HAProxy sections start at the first column, without ; or {.
    if (!Ends && !Line.empty() && !llvm::isSpace(Line.front()) &&
        (Word == "frontend" || Word == "backend" || Word == "listen" ||
         Word == "defaults" || Word == "global"))
      ++Haproxy;
  });
  if (Nginx >= 2 && Nginx > Haproxy)
    return ProxyKind::Nginx;
  if (Haproxy >= 1 && Haproxy > Nginx)
    return ProxyKind::Haproxy;
  return std::nullopt;
}

ConfigIndex indexConfig(const ProxyConfig &File) {
  ConfigIndex Index;
  if (!readsAsEntries(File.kind)) {
    Index.mcpUpstreams = mcpUpstreams(File);
    return Index;
  }
  Index.documents = entryDocuments(File);
  for (const ConfigEntry &E : File.entries) {
    Index.mappings[E.mapping].push_back(&E);
    Index.byPath[E.path].push_back(&E);
  }
  return Index;
}

const std::vector<const ConfigEntry *> &
ConfigIndex::childrenOf(const ConfigEntry &E) const {
  static const std::vector<const ConfigEntry *> None;
  auto It = byPath.find(E.childPath());
  return It == byPath.end() ? None : It->second;
}

TranslationUnitFacts analyzeGatewayText(const std::string &Path,
                                        const std::string &Text, ProxyKind Kind,
                                        const std::set<std::string> &Rules,
                                        std::vector<std::string> &Notes) {
  if (Text.find('\0') != std::string::npos)
    return failedFacts(Path,
                       ": binary file (NUL bytes), not read as configuration");
  std::string Error;
  std::optional<ProxyConfig> File;
  const char *What = "";
  switch (Kind) {
  case ProxyKind::Nginx:
    File = readNginxConfig(Path, Text, Error);
    What = " (nginx configuration)";
    break;
  case ProxyKind::Haproxy:
    File = readHaproxyConfig(Path, Text, Error);
    What = " (HAProxy configuration)";
    break;
  case ProxyKind::Toml:
    File = readTomlConfig(Path, Text, Error);
    What = " (TOML)";
    break;
  case ProxyKind::Hcl:
    File = readHclConfig(Path, Text, Error);
    What = " (Terraform HCL)";
    break;
  case ProxyKind::Yaml:
    File = readYamlConfig(Path, Text, Error);
    What = Text.find("{{") != std::string::npos
               ? " (a template that is not plain YAML: render it, e.g. helm "
                 "template, and pass the output)"
           : llvm::StringRef(Path).ends_with_insensitive(".json") ? " (JSON)"
                                                                  : " (YAML)";
    break;
  }
  if (!File)
    return failedFacts(Path, ":" + Error + What);
  TranslationUnitFacts Facts;
  Facts.file = Path;
  for (const std::string &Note : File->notes)
    Notes.push_back(oneLine(Path + ":" + Note));
  Facts.fileDigests[Path] = contentDigest(Text);
  ConfigIndex Index = indexConfig(*File);
  ConfigText Lines(Text);
  GatewayContext Context{*File, Lines, Index, Facts.findings};
  for (const std::unique_ptr<GatewayCheck> &Check : createGatewayChecks(Rules))
    Check->check(Context);
  return Facts;
}

TranslationUnitFacts analyzeGatewayFile(const std::string &Path, ProxyKind Kind,
                                        const std::set<std::string> &Rules,
                                        std::vector<std::string> &Notes) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text, MaxGatewayFileBytes);
      !Problem.empty())
    return failedFacts(Path, ": " + Problem);
  return analyzeGatewayText(Path, Text, Kind, Rules, Notes);
}

} // namespace mcp_cutover
