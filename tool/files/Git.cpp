#include "tool/files/Git.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

extern char **environ;

namespace mcp_cutover {

Git::Git(std::string Directory) : Directory(std::move(Directory)) {
  if (auto Path = llvm::sys::findProgramByName("git"))
    Program = *Path;
  for (char **E = environ; E && *E; ++E)
    if (!llvm::StringRef(*E).starts_with("GIT_"))
      Environment.emplace_back(*E);
}

Git::Output Git::run(const std::vector<llvm::StringRef> &Args,
                     unsigned Seconds) const {
  Output Result;
  if (Program.empty())
    return Result;
  llvm::SmallString<128> Out, Err;
  if (llvm::sys::fs::createTemporaryFile("mcp-cutover-git", "out", Out))
    return Result;
  if (llvm::sys::fs::createTemporaryFile("mcp-cutover-git", "err", Err)) {
    (void)llvm::sys::fs::remove(Out);
    return Result;
  }
  std::vector<llvm::StringRef> Argv = {Program, "-C", Directory};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::vector<llvm::StringRef> Env(Environment.begin(), Environment.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
  // A bound on the wait: a wedged git (a network file system, a lock) must
  // not hang a CI job.
  Result.exitCode =
      llvm::sys::ExecuteAndWait(Program, Argv, Env, Redirects, Seconds);
  if (auto Buffer = llvm::MemoryBuffer::getFile(Out))
    Result.out = (*Buffer)->getBuffer().str();
  if (auto Buffer = llvm::MemoryBuffer::getFile(Err))
    Result.err = (*Buffer)->getBuffer().split('\n').first.rtrim().str();
  (void)llvm::sys::fs::remove(Out); // temporary files: best effort
  (void)llvm::sys::fs::remove(Err);
  return Result;
}

std::optional<std::string>
Git::line(const std::vector<llvm::StringRef> &Args) const {
  Output R = run(Args);
  if (R.exitCode != 0)
    return std::nullopt;
  llvm::StringRef First = llvm::StringRef(R.out).split('\n').first.rtrim();
  if (First.empty())
    return std::nullopt;
  return First.str();
}

} // namespace mcp_cutover
