#include "tool/driver/CommandSanitizer.h"

#include "checks/utils/LocationUtil.h"
#include "tool/files/WriteGuard.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

#include <set>

namespace mcp_cutover {

namespace {
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

// Response files nest; a cycle or a deep chain is not a real build.
constexpr unsigned MaxResponseDepth = 8;
constexpr uint64_t MaxResponseBytes = 1u << 20;

const char *const LoadsCode =
    "it loads code into the compiler, and mcp-cutover never runs the "
    "project's code";
const char *const NamesPrograms =
    "it tells the compiler driver where to find programs to run, and "
    "mcp-cutover never runs programs the project names";
const char *const WritesFiles =
    "it makes the compiler write a file, and mcp-cutover writes only the "
    "outputs named on its command line";
const char *const ReadsFlags =
    "it reads more compiler flags from a file, where they would escape this "
    "check";

enum class Form {
  Joined,          ///< -fplugin=X: one argument.
  Separate,        ///< --prefix X: the flag and the next argument.
  JoinedOrSeparate ///< -BX or -B X.
};

struct FlagRule {
  const char *spelling;
  Form form;
  const char *why;
  /// Kept when the folder it names is outside the root: the machine's own
  /// toolchain (a devtoolset, a cross sysroot) is trusted, and its headers
  /// are what the project compiles against.
  bool onlyInsideRoot = false;
};

// Driver flags. Longer spellings before their prefixes.
const FlagRule DriverRules[] = {
    {"-fplugin-arg-", Form::Joined, LoadsCode},
    {"-fplugin=", Form::Joined, LoadsCode},
    {"-fpass-plugin=", Form::Joined, LoadsCode},
    {"-B", Form::JoinedOrSeparate, NamesPrograms},
    {"--prefix=", Form::Joined, NamesPrograms},
    {"--prefix", Form::Separate, NamesPrograms},
    {"-fuse-ld=", Form::Joined, NamesPrograms},
    {"--ld-path=", Form::Joined, NamesPrograms},
    {"--amdgpu-arch-tool=", Form::Joined, NamesPrograms},
    {"--nvptx-arch-tool=", Form::Joined, NamesPrograms},
    {"--config=", Form::Joined, ReadsFlags},
    {"--config", Form::Separate, ReadsFlags},
    {"--serialize-diagnostics", Form::Separate, WritesFiles},
    {"--gcc-toolchain=", Form::Joined, NamesPrograms, true},
    {"--gcc-toolchain", Form::Separate, NamesPrograms, true},
    {"-gcc-toolchain", Form::Separate, NamesPrograms, true},
    {"--gcc-install-dir=", Form::Joined, NamesPrograms, true},
    {"--sysroot=", Form::Joined, NamesPrograms, true},
    {"--sysroot", Form::Separate, NamesPrograms, true},
};

// Frontend (cc1) flags reached through -Xclang. `Separate` ones take their
// value through a second -Xclang.
const FlagRule FrontendRules[] = {
    {"-load", Form::Separate, LoadsCode},
    {"-plugin-arg-", Form::Separate, LoadsCode},
    {"-plugin", Form::Separate, LoadsCode},
    {"-add-plugin", Form::Separate, LoadsCode},
    {"-fpass-plugin=", Form::Joined, LoadsCode},
    {"-fplugin=", Form::Joined, LoadsCode},
    {"-dependency-file", Form::Separate, WritesFiles},
    {"-header-include-file", Form::Separate, WritesFiles},
    {"-module-dependency-dir", Form::Separate, WritesFiles},
    {"-diagnostic-log-file", Form::Separate, WritesFiles},
    {"-serialize-diagnostic-file", Form::Separate, WritesFiles},
};

/// Which rule `Arg` starts, if any. A Separate rule matches only the exact
/// spelling (-plugin-arg-NAME is exact up to its name).
const FlagRule *match(llvm::ArrayRef<FlagRule> Rules, llvm::StringRef Arg) {
  for (const FlagRule &R : Rules) {
    llvm::StringRef S = R.spelling;
    if (R.form == Form::Separate
            ? (Arg == S || (S.ends_with("-") && Arg.starts_with(S)))
            : Arg.starts_with(S))
      return &R;
  }
  return nullptr;
}

class Sanitizer {
public:
  Sanitizer(const std::string &Directory, const std::string &Root)
      : Directory(Directory), Root(Root) {}

  void run(llvm::ArrayRef<std::string> Args, unsigned Depth) {
    for (size_t I = 0; I < Args.size(); ++I) {
      llvm::StringRef Arg = Args[I];
      if (Arg.size() > 1 && Arg.front() == '@') {
        responseFile(Arg, Depth);
        continue;
      }
      if (Arg == "-Xclang" || Arg.starts_with("-Xclang=")) {
        I = frontendFlag(Args, I);
        continue;
      }
      const FlagRule *R = match(DriverRules, Arg);
      if (!R) {
        Out.push_back(Arg.str());
        continue;
      }
      // -B alone takes the next argument; -BX is joined.
      bool TakesNext =
          R->form == Form::Separate ||
          (R->form == Form::JoinedOrSeparate && Arg == R->spelling);
      std::string Value =
          TakesNext ? (I + 1 < Args.size() ? Args[I + 1] : "")
                    : Arg.drop_front(llvm::StringRef(R->spelling).size()).str();
      std::string Written = TakesNext && I + 1 < Args.size()
                                ? Arg.str() + " " + Args[I + 1]
                                : Arg.str();
      if (R->onlyInsideRoot &&
          !isInsideRoot(lexicalPath(Value, Directory), Root)) {
        Out.push_back(Arg.str());
        if (TakesNext && I + 1 < Args.size())
          Out.push_back(Args[++I]);
        continue;
      }
      note(Written, R->onlyInsideRoot
                        ? std::string("a toolchain folder inside the project "
                                      "root: ") +
                              R->why
                        : R->why);
      if (TakesNext)
        ++I;
    }
  }

  std::vector<std::string> Out;
  std::vector<std::string> Notes;

private:
  void note(const std::string &Written, const std::string &Why) {
    Notes.push_back(Written + ": removed from the compile commands (" + Why +
                    ")");
  }

  static bool xclangValue(llvm::ArrayRef<std::string> Args, size_t I,
                          std::string &Value) {
    llvm::StringRef Arg = Args[I];
    if (Arg.consume_front("-Xclang=")) {
      Value = Arg.str();
      return true;
    }
    if (Arg == "-Xclang" && I + 1 < Args.size()) {
      Value = Args[I + 1];
      return true;
    }
    return false;
  }

  /// The -Xclang pair at `I`; returns the index of its last argument.
  size_t frontendFlag(llvm::ArrayRef<std::string> Args, size_t I) {
    size_t Width = Args[I] == "-Xclang" ? 2 : 1;
    std::string Value;
    if (!xclangValue(Args, I, Value)) {
      Out.push_back(Args[I]); // a dangling -Xclang: clang reports it
      return I;
    }
    const FlagRule *R = match(FrontendRules, Value);
    if (!R) {
      Out.insert(Out.end(), Args.begin() + I, Args.begin() + I + Width);
      return I + Width - 1;
    }
    std::string Written = llvm::join(Args.slice(I, Width), " ");
    size_t Last = I + Width - 1;
    // Its value comes through the next -Xclang.
    std::string Next;
    if (R->form == Form::Separate && Last + 1 < Args.size() &&
        xclangValue(Args, Last + 1, Next)) {
      size_t NextWidth = Args[Last + 1] == "-Xclang" ? 2 : 1;
      Written += " " + llvm::join(Args.slice(Last + 1, NextWidth), " ");
      Last += NextWidth;
    }
    note(Written, R->why);
    return Last;
  }

  void responseFile(llvm::StringRef Arg, unsigned Depth) {
    std::string File = lexicalPath(Arg.drop_front(), Directory);
    if (!isInsideRoot(File, Root)) {
      llvm::SmallString<256> Real;
      std::string Where = fs::real_path(File, Real)
                              ? "it cannot be read"
                              : "its real path " + std::string(Real) +
                                    " is outside the project root " + Root;
      note(Arg.str(), "a response file: " + Where +
                          ", and flags from outside the project are not "
                          "taken");
      return;
    }
    uint64_t Size = 0;
    if (Depth >= MaxResponseDepth || fs::file_size(File, Size) ||
        Size > MaxResponseBytes) {
      note(Arg.str(), Depth >= MaxResponseDepth
                          ? "a response file nested too deeply"
                          : "a response file larger than 1 MiB or unreadable");
      return;
    }
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buffer) {
      note(Arg.str(), "a response file that cannot be read: " +
                          Buffer.getError().message());
      return;
    }
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 32> Tokens;
    llvm::cl::TokenizeGNUCommandLine((*Buffer)->getBuffer(), Saver, Tokens);
    std::vector<std::string> Expanded(Tokens.begin(), Tokens.end());
    run(Expanded, Depth + 1);
  }

  const std::string &Directory;
  const std::string &Root;
};
} // namespace

SanitizedCommand sanitizeCommandLine(const std::vector<std::string> &Command,
                                     const std::string &Directory,
                                     const std::string &Root,
                                     const std::string &ClangDir) {
  SanitizedCommand Result;
  if (Command.empty())
    return Result;
  Sanitizer S(Directory, Root);
  // argv[0]: the driver takes its mode and target from the name, and looks
  // for programs and configuration files in its folder (a bare name: in the
  // current folder). The trusted clang's folder serves instead when that
  // folder could be the project's.
  llvm::StringRef Compiler = Command.front();
  std::string Name = path::filename(Compiler).str();
  if (!Compiler.contains('/')) {
    S.Out.push_back(ClangDir + "/" + Name);
  } else if (isInsideRoot(path::parent_path(lexicalPath(Compiler, Directory)),
                          Root)) {
    S.Out.push_back(ClangDir + "/" + Name);
    S.Notes.push_back(
        Compiler.str() +
        ": the compiler is inside the project root; clang parses as '" + Name +
        "' from " + ClangDir +
        " instead (mcp-cutover never runs programs the project names)");
  } else {
    S.Out.push_back(Compiler.str());
  }
  S.run(llvm::ArrayRef<std::string>(Command).drop_front(), 0);
  Result.commandLine = std::move(S.Out);
  Result.notes = std::move(S.Notes);
  return Result;
}

std::vector<std::string> sanitizeJobs(std::vector<CompileJob> &Jobs,
                                      const std::string &Root,
                                      const std::string &ClangDir) {
  std::vector<std::string> Notes;
  std::set<std::string> Seen;
  for (CompileJob &Job : Jobs) {
    SanitizedCommand S =
        sanitizeCommandLine(Job.commandLine, Job.directory, Root, ClangDir);
    Job.commandLine = std::move(S.commandLine);
    for (std::string &N : S.notes)
      if (Seen.insert(N).second)
        Notes.push_back(std::move(N));
  }
  return Notes;
}

} // namespace mcp_cutover
