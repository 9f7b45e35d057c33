#include "tool/driver/Driver.h"
#include "tool/driver/FactCache.h"

#include "checks/CheckRegistry.h"
#include "checks/FixApplier.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/thread.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace mcp_cutover {

using namespace clang;

namespace {
/// Records every path the parse looked for in vain, for the cache: a header
/// created later in an earlier include folder would shadow the one read.
class MissRecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  MissRecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                          std::set<std::string> &Misses)
      : ProxyFileSystem(std::move(FS)), Misses(Misses) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    auto Result = ProxyFileSystem::status(Path);
    if (!Result)
      record(Path);
    return Result;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto Result = ProxyFileSystem::openFileForRead(Path);
    if (!Result)
      record(Path);
    return Result;
  }

private:
  void record(const llvm::Twine &Path) {
    llvm::SmallString<256> Absolute;
    Path.toVector(Absolute);
    if (!makeAbsolute(Absolute))
      Misses.insert(std::string(Absolute));
  }
  std::set<std::string> &Misses;
};

// Larger files are not source a person wrote; refuse them before parsing.
constexpr uint64_t MaxSourceBytes = 64ull << 20;

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(const LocationUtil &Locations, const OwnershipPolicy &Policy,
                   TranslationUnitFacts &Facts)
      : Locations(Locations), Policy(Policy), Facts(Facts) {}

  // No rule reads code outside the user's files beyond its declarations, so
  // those bodies are never parsed.
  bool shouldSkipFunctionBody(Decl *D) override {
    return !Locations.isUserLocation(D->getLocation());
  }

  void HandleTranslationUnit(ASTContext &Context) override {
    Finder.matchAST(Context);
    recordFiles(Context.getSourceManager());
  }

  ast_matchers::MatchFinder Finder;

private:
  // In one pass over the files the TU read: which of the user's headers it
  // covered (the rest are analysed on their own afterwards, see
  // planStandaloneHeaderJobs), and the bytes each fix-it was computed on,
  // so --fix never edits a file that changed since.
  void recordFiles(SourceManager &SM) {
    // With --follow-symlinks the main file is named as the user's code
    // names it (under the root), like its findings.
    if (Policy.followSymlinks())
      if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
        Facts.file = Locations.filePath(*Main);
    std::set<std::string> Edited;
    for (const Finding &F : Facts.findings)
      for (const FixIt &Fix : F.fixes)
        Edited.insert(Fix.span.file);
    for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
         ++It) {
      std::string Path = Locations.filePath(It->first);
      if (Path != Facts.file && Policy.ownsPath(Path))
        Facts.userFiles.push_back(Path);
      // The bytes the compiler parsed, not the file as it is now.
      auto Buffer = SM.getMemoryBufferForFileOrNone(It->first);
      if (!Buffer)
        continue;
      Facts.filesRead[Path] = fileContentHash(Buffer->getBuffer());
      if (Edited.count(Path))
        Facts.fileDigests[Path] = contentDigest(Buffer->getBuffer());
    }
    std::sort(Facts.userFiles.begin(), Facts.userFiles.end());
    Facts.userFiles.erase(
        std::unique(Facts.userFiles.begin(), Facts.userFiles.end()),
        Facts.userFiles.end());
  }

  const LocationUtil &Locations;
  const OwnershipPolicy &Policy;
  TranslationUnitFacts &Facts;
};

/// For fix verification: the same body skipping as an analysis, no checks.
class ParseOnlyConsumer : public ASTConsumer {
public:
  explicit ParseOnlyConsumer(const LocationUtil &Locations)
      : Locations(Locations) {}
  bool shouldSkipFunctionBody(Decl *D) override {
    return !Locations.isUserLocation(D->getLocation());
  }

private:
  const LocationUtil &Locations;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const OwnershipPolicy &Policy, const AnalysisOptions &Options,
                 TranslationUnitFacts &Facts, bool &Began)
      : Policy(Policy), Options(Options), Facts(Facts), Began(Began) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    CI.getFrontendOpts().SkipFunctionBodies = true;
    Began = true;
    Locations = std::make_unique<LocationUtil>(Policy, CI.getSourceManager(),
                                               CI.getLangOpts());
    if (Options.parseOnly)
      return std::make_unique<ParseOnlyConsumer>(*Locations);
    Context = std::make_unique<TranslationUnitContext>(
        TranslationUnitContext{*Locations, Facts, *Options.profiles});
    Checks = createChecks(*Context, Options.enabledRules);
    auto Consumer =
        std::make_unique<AnalysisConsumer>(*Locations, Policy, Facts);
    for (auto &C : Checks) {
      C->registerMatchers(Consumer->Finder);
      C->registerPPCallbacks(CI.getPreprocessor());
    }
    return Consumer;
  }

private:
  const OwnershipPolicy &Policy;
  const AnalysisOptions &Options;
  TranslationUnitFacts &Facts;
  bool &Began;
  std::unique_ptr<LocationUtil> Locations;
  std::unique_ptr<TranslationUnitContext> Context;
  std::vector<std::unique_ptr<Check>> Checks;
};

/// Counts errors and keeps the first one, as "file:line:col: message".
class DiagnosticsRecorder : public DiagnosticConsumer {
public:
  DiagnosticsRecorder(TranslationUnitFacts &Facts,
                      const OwnershipPolicy &Policy)
      : Facts(Facts), Policy(Policy) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    ++Facts.errorCount;
    if (!Facts.firstError.empty() && Facts.errors.size() >= MaxRecordedErrors)
      return;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    std::string File, Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Info.getLocation()));
      if (P.isValid()) {
        File = Policy.relativize(canonicalPath(P.getFilename()));
        Where = File + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
      }
    }
    if (Facts.errors.size() < MaxRecordedErrors)
      Facts.errors.push_back((File.empty() ? "" : File + ": ") +
                             std::string(Message));
    if (Facts.firstError.empty())
      Facts.firstError = Where + std::string(Message);
  }

private:
  TranslationUnitFacts &Facts;
  const OwnershipPolicy &Policy;
};

/// Runs the analysis on the parsed compiler invocation once everything that
/// would load code or write a file is taken out of it. The command sanitiser
/// removes such flags by name, with a note; this catches any spelling it
/// does not know (an alias, a flag from a configuration file), so that no
/// compile command can make the parse run a plugin or write beside it.
class ScrubbedActionFactory : public tooling::FrontendActionFactory {
public:
  explicit ScrubbedActionFactory(std::unique_ptr<FrontendAction> Action)
      : Action(std::move(Action)) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::move(Action);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH,
                     DiagnosticConsumer *Diagnostics) override {
    FrontendOptions &Frontend = Invocation->getFrontendOpts();
    Frontend.Plugins.clear();
    Frontend.AddPluginActions.clear();
    Frontend.PluginArgs.clear();
    Frontend.ActionName.clear();
    Frontend.OutputFile.clear();
    Frontend.StatsFile.clear();
    Frontend.TimeTracePath.clear();
    Frontend.ModuleOutputPath.clear();
    Invocation->getCodeGenOpts().PassPlugins.clear();
    Invocation->getDependencyOutputOpts() = DependencyOutputOptions();
    Invocation->getDiagnosticOpts().DiagnosticLogFile.clear();
    Invocation->getDiagnosticOpts().DiagnosticSerializationFile.clear();
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCH), Diagnostics);
  }

private:
  std::unique_ptr<FrontendAction> Action;
};

/// Rejects what is not C++ source a person wrote: missing, huge or binary.
std::string precheckSource(llvm::vfs::FileSystem &FS, const std::string &File) {
  auto Status = FS.status(File);
  if (!Status)
    return "no such file";
  if (Status->isDirectory())
    return "is a folder, not a source file";
  if (Status->getSize() > MaxSourceBytes)
    return "larger than 64 MiB, not analysed";
  // At most 64 MiB (checked above), so the size fits LLVM's int64_t.
  auto Buffer =
      FS.getBufferForFile(File, static_cast<int64_t>(Status->getSize()), false);
  if (!Buffer)
    return "cannot be read";
  llvm::StringRef Head = (*Buffer)->getBuffer().take_front(8192);
  if (Head.contains('\0'))
    return "binary file, not C++ source";
  return "";
}

} // namespace

std::vector<std::string> analysisCommandLine(const CompileJob &Job,
                                             const AnalysisOptions &Options) {
  using namespace clang::tooling;
  ArgumentsAdjuster Adjust =
      combineAdjusters(getClangStripOutputAdjuster(),
                       combineAdjusters(getClangSyntaxOnlyAdjuster(),
                                        getClangStripDependencyFileAdjuster()));
  std::vector<std::string> Args = Adjust(Job.commandLine, Job.file);
  // Warnings cost time and no rule reads them; errors still count.
  // -fno-caret-diagnostics also keeps clang from printing "N errors
  // generated." on stderr: the first error is reported our way instead.
  // --no-default-config: the driver would otherwise read flags from a
  // configuration file beside the compiler the command names, past the
  // command sanitiser (docs/security.md).
  std::vector<std::string> Extra = {
      "-w", "-Wno-unknown-warning-option", "-Qunused-arguments",
      "-fno-caret-diagnostics", "--no-default-config"};
  if (!Options.resourceDir.empty())
    Extra.push_back("-resource-dir=" + Options.resourceDir);
  return getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::BEGIN)(
      Args, Job.file);
}

TranslationUnitFacts
analyzeTranslationUnit(const CompileJob &Job, const OwnershipPolicy &Policy,
                       const AnalysisOptions &Options,
                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  TranslationUnitFacts Facts;
  Facts.file = Job.file;
  Facts.standaloneHeader = Job.standaloneHeader;
  if (!FS)
    // Not the process-wide real file system: its working directory would be
    // shared by all threads.
    FS = llvm::vfs::createPhysicalFileSystem().release();
  if (FS->setCurrentWorkingDirectory(Job.directory)) {
    Facts.status = UnitStatus::Failed;
    Facts.firstError = Job.directory + ": cannot enter the compile directory";
    return Facts;
  }
  if (std::string Problem = precheckSource(*FS, Job.file); !Problem.empty()) {
    Facts.status = UnitStatus::Failed;
    Facts.firstError = Policy.relativize(Job.file) + ": " + Problem;
    return Facts;
  }

  bool Began = false;
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);
  ScrubbedActionFactory Action(
      std::make_unique<AnalysisAction>(Policy, Options, Facts, Began));
  tooling::ToolInvocation Invocation(
      analysisCommandLine(Job, Options), &Action, Files.get(),
      std::make_shared<PCHContainerOperations>());
  DiagnosticsRecorder Diagnostics(Facts, Policy);
  Invocation.setDiagnosticConsumer(&Diagnostics);
  // A crash in clang on one unit (it happens, on unusual code) must not take
  // the whole run down: the unit is reported as not analysed instead.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Invocation.run(); })) {
    Facts.status = UnitStatus::Failed;
    Facts.firstError = Policy.relativize(Job.file) +
                       ": clang crashed while parsing this unit; the other "
                       "units are unaffected";
    return Facts;
  }
  if (!Began) {
    Facts.status = UnitStatus::Failed;
    if (Facts.firstError.empty())
      Facts.firstError = Policy.relativize(Job.file) +
                         ": the compile command could not be run";
  } else if (Facts.errorCount > 0) {
    Facts.status = UnitStatus::Incomplete;
  }
  return Facts;
}

/// The stack each analysis thread gets.
constexpr unsigned WorkerStackBytes = 512u << 20;

std::vector<TranslationUnitFacts>
analyzeAll(const std::vector<CompileJob> &Jobs, const OwnershipPolicy &Policy,
           const AnalysisOptions &Options,
           std::function<void(const TranslationUnitFacts &)> Progress,
           const FileSystemFactory &MakeFileSystem) {
  llvm::CrashRecoveryContext::Enable();
  std::vector<TranslationUnitFacts> Results(Jobs.size());
  unsigned Threads = Options.jobs
                         ? Options.jobs
                         : std::max(1u, std::thread::hardware_concurrency());
  Threads = std::min<unsigned>(Threads, std::max<size_t>(1, Jobs.size()));
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  // The cache stands for the real file system only.
  FactCache *Cache =
      MakeFileSystem || Options.parseOnly ? nullptr : Options.cache;
  auto Worker = [&] {
    for (size_t I = Next++; I < Jobs.size(); I = Next++) {
      std::optional<TranslationUnitFacts> Cached;
      if (Cache)
        Cached = Cache->lookup(Jobs[I], Options);
      if (Cached) {
        Results[I] = std::move(*Cached);
      } else if (Cache) {
        // Not the process-wide real file system: its working directory
        // would be shared by all threads.
        std::set<std::string> Misses;
        auto FS = llvm::makeIntrusiveRefCnt<MissRecordingFileSystem>(
            llvm::vfs::createPhysicalFileSystem(), Misses);
        Results[I] = analyzeTranslationUnit(Jobs[I], Policy, Options, FS);
        Cache->store(Jobs[I], Options, Results[I], Misses);
      } else {
        Results[I] =
            analyzeTranslationUnit(Jobs[I], Policy, Options,
                                   MakeFileSystem ? MakeFileSystem() : nullptr);
      }
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        Progress(Results[I]);
      }
    }
  };
  // Every worker on a thread of its own with a large stack (reserved, not
  // committed): machine-written code nests expressions thousands deep, and
  // the parser and the checks recurse over them.
  std::vector<llvm::thread> Pool;
  Pool.reserve(Threads);
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(WorkerStackBytes), Worker);
  for (llvm::thread &T : Pool)
    T.join();
  return Results;
}

TranslationUnitFacts
analyzeInMemory(const std::map<std::string, std::string> &Files,
                const std::string &MainFile,
                const std::vector<std::string> &Args,
                const OwnershipPolicy &Policy, const AnalysisOptions &Options) {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
          llvm::vfs::createPhysicalFileSystem().release()));
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Overlay->pushOverlay(Memory);
  for (const auto &[Path, Content] : Files)
    Memory->addFile(Path, 0,
                    llvm::MemoryBuffer::getMemBufferCopy(Content, Path));
  CompileJob Job;
  Job.file = MainFile;
  Job.directory = "/"; // MainFile is absolute; "/" exists on every layer.
  Job.commandLine.emplace_back("clang++");
  Job.commandLine.insert(Job.commandLine.end(), Args.begin(), Args.end());
  Job.commandLine.push_back(MainFile);
  return analyzeTranslationUnit(Job, Policy, Options, Overlay);
}

} // namespace mcp_cutover
