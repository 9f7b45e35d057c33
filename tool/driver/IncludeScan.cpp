#include "tool/driver/IncludeScan.h"

#include "checks/utils/LocationUtil.h"

#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/thread.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace mcp_cutover {

std::vector<std::string> parseMakeDependencies(llvm::StringRef Text) {
  std::vector<std::string> Files;
  // The target comes first, up to the first unescaped colon followed by a
  // blank or the end ("C:\x.o" on Windows is not a concern here).
  size_t I = 0;
  for (; I < Text.size(); ++I) {
    if (Text[I] == '\\') {
      ++I;
      continue;
    }
    if (Text[I] == ':' &&
        (I + 1 == Text.size() || Text[I + 1] == ' ' || Text[I + 1] == '\n' ||
         Text[I + 1] == '\t' || Text[I + 1] == '\r'))
      break;
  }
  std::string Name;
  auto Flush = [&] {
    if (!Name.empty())
      Files.push_back(std::move(Name));
    Name.clear();
  };
  for (++I; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\\' && I + 1 < Text.size()) {
      char N = Text[I + 1];
      if (N == '\n' || N == '\r') { // a continuation
        Flush();
        ++I;
        continue;
      }
      if (N == ' ' || N == '#' || N == '\\' || N == '\t') {
        Name += N;
        ++I;
        continue;
      }
      Name += C;
      continue;
    }
    if (C == '$' && I + 1 < Text.size() && Text[I + 1] == '$') {
      Name += '$';
      ++I;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      Flush();
      continue;
    }
    Name += C;
  }
  Flush();
  return Files;
}

std::vector<std::optional<std::vector<std::string>>>
scanIncludedFiles(const std::vector<CompileJob> &Jobs,
                  const AnalysisOptions &Options) {
  using namespace clang::tooling::dependencies;
  llvm::CrashRecoveryContext::Enable();
  std::vector<std::optional<std::vector<std::string>>> Results(Jobs.size());
  DependencyScanningService Service(ScanningMode::DependencyDirectivesScan,
                                    ScanningOutputFormat::Make);
  unsigned Threads = Options.jobs
                         ? Options.jobs
                         : std::max(1u, std::thread::hardware_concurrency());
  Threads = std::min<unsigned>(Threads, std::max<size_t>(1, Jobs.size()));
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    DependencyScanningTool Tool(Service);
    for (size_t I = Next++; I < Jobs.size(); I = Next++) {
      const CompileJob &Job = Jobs[I];
      std::optional<std::string> Deps;
      llvm::CrashRecoveryContext Recovery;
      (void)Recovery.RunSafely([&] {
        auto Text = Tool.getDependencyFile(analysisCommandLine(Job, Options),
                                           Job.directory);
        if (Text)
          Deps = std::move(*Text);
        else
          llvm::consumeError(Text.takeError());
      });
      if (!Deps)
        continue;
      std::vector<std::string> Files;
      for (const std::string &F : parseMakeDependencies(*Deps))
        Files.push_back(canonicalPath(F, Job.directory));
      std::string MainFile = canonicalPath(Job.file, Job.directory);
      if (std::find(Files.begin(), Files.end(), MainFile) == Files.end())
        Files.push_back(MainFile);
      Results[I] = std::move(Files);
    }
  };
  // The scanner's preprocessor recurses like the parser: the same large
  // stacks as analyzeAll's workers.
  std::vector<llvm::thread> Pool;
  Pool.reserve(Threads);
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(64u << 20), Worker);
  for (llvm::thread &T : Pool)
    T.join();
  return Results;
}

} // namespace mcp_cutover
