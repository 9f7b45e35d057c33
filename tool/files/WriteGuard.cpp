#include "tool/files/WriteGuard.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

namespace mcp_cutover {

namespace fs = llvm::sys::fs;

namespace {
bool isUnder(llvm::StringRef File, llvm::StringRef Dir) {
  if (File == Dir || Dir == "/")
    return true;
  return File.starts_with(Dir) && File.size() > Dir.size() &&
         File[Dir.size()] == '/';
}
} // namespace

bool isInsideRoot(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::SmallString<256> RealPath, RealRoot;
  return !fs::real_path(Path, RealPath) && !fs::real_path(Root, RealRoot) &&
         isUnder(RealPath, RealRoot);
}

std::string refuseWriteOutsideRoot(const std::string &Path,
                                   const std::string &Root) {
  llvm::SmallString<256> RealPath, RealRoot;
  if (std::error_code EC = fs::real_path(Root, RealRoot))
    return "the project root " + Root + " cannot be resolved: " + EC.message();
  if (std::error_code EC = fs::real_path(Path, RealPath))
    return "its real path cannot be resolved: " + EC.message();
  if (!isUnder(RealPath, RealRoot))
    return "its real path " + std::string(RealPath) +
           " is outside the project root " + std::string(RealRoot) +
           " (mcp-cutover never edits files outside the root)";
  // The atomic write renames a new file over the path: over a symlink, that
  // would replace the link itself with a copy of its target.
  if (fs::is_symlink_file(Path))
    return "is a symbolic link (to " + std::string(RealPath) +
           "); fix the file it points to instead";
  return "";
}

} // namespace mcp_cutover
