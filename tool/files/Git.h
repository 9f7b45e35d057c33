//===- Git.h - git as a subprocess with a fixed argument vector -----------===//
//
// SARIF's provenance and --diff-base ask git about the work tree. git runs
// with an argument vector (never a shell), with GIT_* variables dropped so
// that a hook's GIT_DIR cannot point it elsewhere than -C, and with a bound
// on the wait.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

class Git {
public:
  /// git run in `Directory` (-C).
  explicit Git(std::string Directory);

  bool available() const { return !Program.empty(); }

  struct Output {
    int exitCode = -1;
    std::string out;
    std::string err; ///< Its first line, for messages.
  };
  /// git -C Directory Args...; exitCode -1 when it could not run or timed
  /// out after `Seconds`.
  Output run(const std::vector<llvm::StringRef> &Args,
             unsigned Seconds = 30) const;
  /// The first line of a successful run's output; none on failure or when
  /// empty.
  std::optional<std::string>
  line(const std::vector<llvm::StringRef> &Args) const;

private:
  std::string Directory;
  std::string Program;
  std::vector<std::string> Environment;
};

} // namespace mcp_cutover
