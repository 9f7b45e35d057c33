#include "tool/output/GitProvenance.h"
#include "tool/files/Git.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <vector>

namespace mcp_cutover {

namespace {

std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
}

} // namespace

std::string remoteUri(const std::string &Url, const std::string &TopLevel) {
  llvm::StringRef U = Url;
  size_t Scheme = U.find("://");
  if (Scheme != llvm::StringRef::npos) {
    llvm::StringRef Rest = U.drop_front(Scheme + 3);
    llvm::StringRef Authority =
        Rest.take_until([](char C) { return C == '/'; });
    size_t At = Authority.rfind('@');
    if (At != llvm::StringRef::npos)
      Rest = Rest.drop_front(At + 1);
    return U.take_front(Scheme + 3).str() + Rest.str();
  }
  // scp-like [user@]host:path: a colon before any slash (git's own rule).
  size_t Colon = U.find(':');
  if (Colon != llvm::StringRef::npos && Colon < U.find('/')) {
    llvm::StringRef Host = U.take_front(Colon);
    size_t At = Host.rfind('@');
    if (At != llvm::StringRef::npos)
      Host = Host.drop_front(At + 1);
    return "ssh://" + Host.str() + "/" +
           U.drop_front(Colon + 1).ltrim('/').str();
  }
  llvm::SmallString<256> Path(U);
  if (!llvm::sys::path::is_absolute(Path)) {
    Path = TopLevel;
    llvm::sys::path::append(Path, U);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return "file://" + realPath(Path);
}

std::optional<VersionControlDetails> gitProvenance(const std::string &Root) {
  Git G(Root);
  if (!G.available())
    return std::nullopt;
  auto Top = G.line({"rev-parse", "--show-toplevel"});
  if (!Top || realPath(*Top) != realPath(Root))
    return std::nullopt;
  auto Revision = G.line({"rev-parse", "--verify", "--quiet", "HEAD"});
  if (!Revision)
    return std::nullopt;
  VersionControlDetails D;
  D.revisionId = *Revision;
  D.branch = G.line({"symbolic-ref", "--quiet", "--short", "HEAD"})
                 .value_or(std::string());
  // The branch's upstream remote, else origin, else the first remote git
  // lists: the one a developer would call "the repository".
  std::vector<std::string> Remotes;
  if (!D.branch.empty())
    if (auto R = G.line({"config", "--get", "branch." + D.branch + ".remote"}))
      Remotes.push_back(*R);
  Remotes.emplace_back("origin");
  if (auto First = G.line({"remote"}))
    Remotes.push_back(*First);
  for (const std::string &Name : Remotes)
    if (auto Url = G.line({"remote", "get-url", "--", Name})) {
      D.repositoryUri = remoteUri(*Url, realPath(Root));
      break;
    }
  if (D.repositoryUri.empty())
    D.repositoryUri = "file://" + realPath(Root);
  return D;
}

} // namespace mcp_cutover
