//===- FuzzSupport.h - What the fuzz targets share ------------------------===//
//
// The readers take file paths, as the command line gives them, so each
// input is written to a scratch file first. The promise checked on every
// refused input is the user's: one line on stderr that names the file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace mcp_cutover::fuzz {

/// A folder of this process's own, made once.
inline const std::string &scratchDir() {
  static const std::string Dir = [] {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Template =
        std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/mcp-cutover-fuzz-XXXXXX";
    if (!mkdtemp(Template.data()))
      std::abort();
    return Template;
  }();
  return Dir;
}

inline std::string writeScratch(const std::string &Name, const uint8_t *Data,
                                size_t Size) {
  std::string Path = scratchDir() + "/" + Name;
  int Fd = open(Path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (Fd < 0)
    std::abort();
  for (size_t Done = 0; Done < Size;) {
    ssize_t N = write(Fd, Data + Done, Size - Done);
    if (N <= 0)
      std::abort();
    Done += static_cast<size_t>(N);
  }
  close(Fd);
  return Path;
}

/// Reports a broken promise as a crash libFuzzer keeps.
[[noreturn]] inline void broken(const std::string &What) {
  std::fprintf(stderr, "fuzz: promise broken: %s\n", What.c_str());
  std::abort();
}

/// An error a reader returns: one line, naming the file first.
inline void checkOneLineError(const std::string &Error,
                              const std::string &Prefix) {
  if (Error.rfind(Prefix, 0) != 0)
    broken("error does not start with '" + Prefix + "': " + Error);
  if (Error.size() == Prefix.size())
    broken("error names no problem: " + Error);
  if (Error.find('\n') != std::string::npos)
    broken("error is more than one line: " + Error);
}

/// Sends stdout and stderr of the code under test to files, so that what
/// it printed can be checked and libFuzzer's own output is left alone.
class CapturedOutput {
public:
  CapturedOutput() {
    std::fflush(stdout);
    std::fflush(stderr);
    SavedOut = dup(1);
    SavedErr = dup(2);
    redirect(1, scratchDir() + "/stdout");
    redirect(2, scratchDir() + "/stderr");
  }
  /// Restores the streams; returns what was printed on them.
  std::pair<std::string, std::string> finish() {
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(SavedOut, 1);
    dup2(SavedErr, 2);
    close(SavedOut);
    close(SavedErr);
    return {slurp(scratchDir() + "/stdout"), slurp(scratchDir() + "/stderr")};
  }

private:
  static void redirect(int Fd, const std::string &Path) {
    int F = open(Path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (F < 0 || dup2(F, Fd) < 0)
      std::abort();
    close(F);
  }
  static std::string slurp(const std::string &Path) {
    std::string Out;
    if (FILE *F = std::fopen(Path.c_str(), "rb")) {
      char Buf[4096];
      for (size_t N; (N = std::fread(Buf, 1, sizeof Buf, F)) > 0;)
        Out.append(Buf, N);
      std::fclose(F);
    }
    return Out;
  }
  int SavedOut = -1;
  int SavedErr = -1;
};

} // namespace mcp_cutover::fuzz
