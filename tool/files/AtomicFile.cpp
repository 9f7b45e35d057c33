#include "tool/files/AtomicFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace mcp_cutover {

namespace fs = llvm::sys::fs;

std::string checkWritable(const std::string &Path) {
  if (fs::is_directory(Path))
    return Path + ": is a folder, not a file";
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (!Parent.empty() && !fs::is_directory(Parent))
    return Path + ": folder " + Parent.str() + " does not exist";
  if (!Parent.empty() && fs::access(Parent, fs::AccessMode::Write))
    return Path + ": folder " + Parent.str() + " is not writable";
  return "";
}

std::string writeFileAtomically(const std::string &Path,
                                const std::string &Contents) {
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%";
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = fs::createUniqueFile(Model, FD, Temp))
    return Path + ": cannot create a temporary file: " + EC.message();
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Contents;
    Out.flush();
    if (Out.has_error()) {
      std::string Message = Out.error().message();
      Out.clear_error();
      (void)fs::remove(Temp); // best effort: the write already failed
      return Path + ": write failed: " + Message;
    }
  }
  if (std::error_code EC = fs::rename(Temp, Path)) {
    (void)fs::remove(Temp); // best effort: the rename already failed
    return Path + ": cannot replace the file: " + EC.message();
  }
  return "";
}

} // namespace mcp_cutover
