#include "tool/SourceCache.h"

#include "llvm/Support/MemoryBuffer.h"

namespace mcp_cutover {

const std::string &SourceCache::line(const std::string &Path, unsigned Line) {
  static const std::string Empty;
  auto It = Files.find(Path);
  if (It == Files.end()) {
    std::vector<std::string> Lines;
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true)) {
      llvm::StringRef Text = (*Buffer)->getBuffer();
      while (!Text.empty()) {
        auto [Head, Tail] = Text.split('\n');
        Lines.push_back(Head.rtrim('\r').str());
        Text = Tail;
      }
    }
    It = Files.emplace(Path, std::move(Lines)).first;
  }
  if (Line == 0 || Line > It->second.size())
    return Empty;
  return It->second[Line - 1];
}

} // namespace mcp_cutover
