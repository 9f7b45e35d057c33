#include "tool/files/SourceCache.h"

#include "checks/utils/InputLimits.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mcp_cutover {

const SourceCache::File &SourceCache::file(const std::string &Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second;
  File F;
  // The paths may come from a saved result anyone can write (--from): a
  // device such as /dev/zero never ends and a huge file fills the memory,
  // so only regular files of a sane size are read.
  llvm::sys::fs::file_status Status;
  bool Readable = !llvm::sys::fs::status(Path, Status) &&
                  llvm::sys::fs::is_regular_file(Status) &&
                  Status.getSize() <= MaxSourceFileBytes;
  auto Buffer = Readable ? llvm::MemoryBuffer::getFile(Path, /*IsText=*/true)
                         : std::make_error_code(std::errc::file_too_large);
  if (Buffer) {
    F.readable = true;
    F.text = (*Buffer)->getBuffer().str();
    llvm::StringRef Text = F.text;
    while (!Text.empty()) {
      auto [Head, Tail] = Text.split('\n');
      F.lines.push_back(Head.rtrim('\r').str());
      Text = Tail;
    }
  }
  return Files.emplace(Path, std::move(F)).first->second;
}

const std::string &SourceCache::line(const std::string &Path, unsigned Line) {
  static const std::string Empty;
  const File &F = file(Path);
  if (Line == 0 || Line > F.lines.size())
    return Empty;
  return F.lines[Line - 1];
}

unsigned SourceCache::lineCount(const std::string &Path) {
  return file(Path).lines.size();
}

const std::string *SourceCache::text(const std::string &Path) {
  const File &F = file(Path);
  return F.readable ? &F.text : nullptr;
}

} // namespace mcp_cutover
