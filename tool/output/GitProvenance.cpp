#include "tool/output/GitProvenance.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <vector>

extern char **environ;

namespace mcp_cutover {

namespace {

class Git {
public:
  explicit Git(std::string Root) : Root(std::move(Root)) {
    if (auto Path = llvm::sys::findProgramByName("git"))
      Program = *Path;
    // GIT_DIR, GIT_WORK_TREE and friends (set inside a git hook, say) would
    // point git elsewhere than -C: the answer must be about the root.
    for (char **E = environ; E && *E; ++E)
      if (!llvm::StringRef(*E).starts_with("GIT_"))
        Environment.emplace_back(*E);
  }

  bool available() const { return !Program.empty(); }

  /// git -C Root Args..., its first line of output; none when it fails.
  std::optional<std::string> line(std::vector<llvm::StringRef> Args) const {
    llvm::SmallString<128> Out;
    if (llvm::sys::fs::createTemporaryFile("mcp-cutover-git", "txt", Out))
      return std::nullopt;
    std::vector<llvm::StringRef> Argv = {Program, "-C", Root};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    std::optional<llvm::StringRef> Redirects[] = {
        llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef("")};
    // A bound on the wait: a wedged git (a network file system, a lock)
    // costs the SARIF its provenance, not the run.
    int Exit = llvm::sys::ExecuteAndWait(Program, Argv, Environment, Redirects,
                                         /*SecondsToWait=*/30);
    auto Buffer = llvm::MemoryBuffer::getFile(Out);
    (void)llvm::sys::fs::remove(Out); // a temporary file: best effort
    if (Exit != 0 || !Buffer)
      return std::nullopt;
    llvm::StringRef First = (*Buffer)->getBuffer().split('\n').first.rtrim();
    if (First.empty())
      return std::nullopt;
    return First.str();
  }

private:
  std::string Root;
  std::string Program;
  std::vector<llvm::StringRef> Environment;
};

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
