#include "tool/SourceCache.h"

#include "llvm/Support/MemoryBuffer.h"

namespace mcp_cutover {

const SourceCache::File &SourceCache::file(const std::string &Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second;
  File F;
  if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true)) {
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
