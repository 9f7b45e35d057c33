#include "tool/driver/GatewayFiles.h"

#include "checks/gateway/GatewayAnalysis.h"
#include "checks/utils/InputLimits.h"
#include "tool/driver/CompilationDatabaseLoader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <fstream>

namespace mcp_cutover {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// What a file's kind is told from: its first 64 KiB.
std::optional<ProxyKind> kindOf(const std::string &Path) {
  // Most files of a tree are not configuration: opened only when named so.
  if (!hasProxyConfigName(Path))
    return std::nullopt;
  std::ifstream In(Path, std::ios::binary);
  std::string Head(64 << 10, '\0');
  In.read(Head.data(), std::streamsize(Head.size()));
  Head.resize(size_t(In.gcount()));
  return detectConfigKind(Path, Head);
}

void walk(const std::string &Dir, const OwnershipPolicy &Policy,
          std::vector<GatewayFile> &Out) {
  walkProjectTree(Dir, [&](llvm::StringRef P, fs::file_type Type) {
    if (Type != fs::file_type::regular_file)
      return true;
    std::string Abs = canonicalPath(P);
    if (Policy.ownsPath(Abs))
      if (std::optional<ProxyKind> Kind = kindOf(Abs))
        Out.push_back({Abs, *Kind});
    return true;
  });
}

} // namespace

std::vector<GatewayFile> findGatewayFiles(const std::vector<std::string> &Named,
                                          const std::vector<std::string> &Paths,
                                          bool WalkRoot,
                                          const OwnershipPolicy &Policy,
                                          std::vector<std::string> &Problems) {
  std::vector<GatewayFile> Out;
  for (const std::string &P : Named) {
    if (!fs::exists(P)) {
      Problems.push_back(P + ": no such file or directory");
      continue;
    }
    std::string Abs = canonicalPath(P);
    // Named on purpose: HAProxy's shape or nginx's, whatever the file name.
    std::string Head;
    if (std::string Problem = readLimitedFile(Abs, Head, MaxGatewayFileBytes);
        !Problem.empty()) {
      Problems.push_back(P + ": " + Problem);
      continue;
    }
    std::optional<ProxyKind> Kind = detectConfigKind(Abs, Head);
    if (!Kind)
      Kind = configKindByName(Abs);
    if (!Kind)
      Kind = detectConfigKind(Abs.ends_with(".cfg") ? "x.cfg" : "x.conf", Head);
    if (!Kind) {
      Problems.push_back(P + ": neither nginx nor HAProxy configuration "
                             "(no upstream, server or location directive; "
                             "no frontend, backend or listen section) nor "
                             "YAML, JSON, TOML or Terraform by its name");
      continue;
    }
    Out.push_back({Abs, *Kind});
  }
  std::vector<std::string> Roots = Paths;
  if (Roots.empty() && WalkRoot)
    Roots.push_back(Policy.root());
  for (const std::string &P : Roots) {
    if (fs::is_directory(P)) {
      walk(P, Policy, Out);
    } else if (std::string Abs = canonicalPath(P); Policy.ownsPath(Abs)) {
      if (std::optional<ProxyKind> Kind = kindOf(Abs))
        Out.push_back({Abs, *Kind});
    }
  }
  std::sort(Out.begin(), Out.end(),
            [](const GatewayFile &A, const GatewayFile &B) {
              return A.path < B.path;
            });
  Out.erase(std::unique(Out.begin(), Out.end(),
                        [](const GatewayFile &A, const GatewayFile &B) {
                          return A.path == B.path;
                        }),
            Out.end());
  return Out;
}

std::vector<TranslationUnitFacts>
analyzeGatewayFiles(const std::vector<GatewayFile> &Files,
                    const std::set<std::string> &Rules,
                    std::vector<std::string> &Notes) {
  std::vector<TranslationUnitFacts> Facts;
  Facts.reserve(Files.size());
  for (const GatewayFile &F : Files)
    Facts.push_back(analyzeGatewayFile(F.path, F.kind, Rules, Notes));
  return Facts;
}

} // namespace mcp_cutover
