#include "tool/traffic/LogFileReader.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"

#include <cstring>
#include <memory>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace mcp_cutover {

namespace {
constexpr size_t ChunkBytes = 1 << 20;
constexpr size_t MaxLineBytes = 1 << 20;

struct GzCloser {
  void operator()(gzFile_s *F) const { gzclose(F); }
};
} // namespace

std::string
readLogLines(const std::string &Path,
             llvm::function_ref<void(std::string_view, uint64_t)> OnLine,
             LogFileFacts &Facts) {
  const bool Stdin = Path == "-";
  if (!Stdin && llvm::sys::fs::is_directory(Path))
    return Path + ": is a folder, not a log file";
  // gzdopen takes the descriptor: standard input's is duplicated so that
  // closing the stream leaves it open.
  std::unique_ptr<gzFile_s, GzCloser> In(Stdin ? gzdopen(dup(0), "rb")
                                               : gzopen(Path.c_str(), "rb"));
  const std::string Name = Stdin ? "<stdin>" : Path;
  if (!In)
    return Name + ": cannot be read (" + std::strerror(errno) + ")";
  gzbuffer(In.get(), 256 * 1024);
  std::vector<char> Buffer(ChunkBytes + MaxLineBytes);
  size_t Held = 0; // Bytes of an unfinished line at the buffer's start.
  bool Checked = false;
  while (true) {
    int Read = gzread(In.get(), Buffer.data() + Held,
                      static_cast<unsigned>(ChunkBytes));
    if (Read < 0) {
      int Code = 0;
      // zlib says "PATH: what"; the path is said once, first.
      llvm::StringRef Why = gzerror(In.get(), &Code);
      Why.consume_front(Path + ": ");
      return Name + ": " +
             (Code == Z_ERRNO ? std::string(std::strerror(errno))
                              : "corrupt gzip data (" + Why.str() + ")");
    }
    if (!Checked) {
      Checked = true;
      Facts.gzip = gzdirect(In.get()) == 0;
    }
    if (Read == 0) {
      int Code = 0;
      gzerror(In.get(), &Code);
      if (Code == Z_BUF_ERROR)
        return Name + ": gzip data cut short (the file ends inside a "
                      "compressed block)";
      break;
    }
    Facts.bytes += static_cast<uint64_t>(Read);
    const char *Begin = Buffer.data();
    const char *End = Begin + Held + Read;
    if (std::memchr(Begin + Held, '\0', static_cast<size_t>(Read)))
      return Name + ": holds NUL bytes: a binary file, not an access log";
    const char *Line = Begin;
    while (const void *Hit = std::memchr(Line, '\n', End - Line)) {
      const char *Newline = static_cast<const char *>(Hit);
      size_t Length = Newline - Line;
      if (Length && Line[Length - 1] == '\r')
        --Length;
      OnLine(std::string_view(Line, Length), ++Facts.lines);
      Line = Newline + 1;
    }
    Held = End - Line;
    if (Held >= MaxLineBytes) {
      // A line past the limit: handed on cut, the rest of it dropped.
      OnLine(std::string_view(Line, MaxLineBytes), ++Facts.lines);
      int Next;
      while ((Next = gzgetc(In.get())) != -1 && Next != '\n')
        ;
      Held = 0;
    } else if (Held) {
      std::memmove(Buffer.data(), Line, Held);
    }
  }
  if (Held)
    OnLine(std::string_view(Buffer.data(), Held), ++Facts.lines);
  return "";
}

} // namespace mcp_cutover
