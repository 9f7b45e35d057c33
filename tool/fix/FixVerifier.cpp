#include "tool/fix/FixVerifier.h"

#include "checks/FixApplier.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <map>

namespace mcp_cutover {

namespace {
/// Absolute path -> the file's bytes with some fixes applied.
using Overlay = std::map<std::string, std::string>;

/// Something a fix can break: a C++ unit, or a tools file.
struct Target {
  std::set<std::string> reads; ///< Absolute paths.
  std::vector<std::string> baseline;
  const CompileJob *job = nullptr;
  const ToolFile *tools = nullptr;
};

/// `After` minus `Before`, as multisets: what a fix brought.
std::vector<std::string> added(std::vector<std::string> After,
                               std::vector<std::string> Before) {
  std::sort(After.begin(), After.end());
  std::sort(Before.begin(), Before.end());
  std::vector<std::string> Out;
  std::set_difference(After.begin(), After.end(), Before.begin(), Before.end(),
                      std::back_inserter(Out));
  return Out;
}

class Verifier {
public:
  Verifier(ProjectResult &Result, FixSelection &Selection, SourceCache &Sources,
           const VerificationInputs &In)
      : Result(Result), Selection(Selection), Sources(Sources), In(In) {}

  VerificationOutcome run() {
    for (const auto &[File, Findings] : Selection.byFile)
      for (size_t I : Findings) {
        Selected.push_back(I);
        for (const FixIt &Fix : Result.findings[I].fixes)
          FilesOf[I].insert(Result.absolutePath(Fix.span.file));
      }
    std::sort(Selected.begin(), Selected.end());
    collectTargets();
    if (Targets.empty())
      return Outcome;

    std::vector<size_t> All(Targets.size());
    for (size_t T = 0; T < Targets.size(); ++T)
      All[T] = T;
    std::set<size_t> Accepted(Selected.begin(), Selected.end());
    auto Broken = brokenTargets(Accepted, All);
    if (Broken.empty())
      return Outcome;

    // Only the fixes in files a broken target reads are suspects; the rest
    // stay. Each suspect is tried on top of those kept so far.
    std::set<std::string> Suspicious;
    for (const auto &[T, Problem] : Broken)
      Suspicious.insert(Targets[T].reads.begin(), Targets[T].reads.end());
    std::vector<size_t> Suspects;
    for (size_t I : Selected)
      if (touches(I, Suspicious))
        Suspects.push_back(I);
    for (size_t I : Suspects)
      Accepted.erase(I);
    for (size_t I : Suspects) {
      Accepted.insert(I);
      auto Trial = brokenTargets(Accepted, targetsReading(FilesOf[I]));
      if (!Trial.empty()) {
        Accepted.erase(I);
        drop(I, "it would cause '" + Trial.begin()->second + "'");
      }
    }
    // Suspects kept one by one may still break a unit with the fixes that
    // were never suspected (they edit files it reads together): the last
    // word is a parse of everything kept.
    for (const auto &[T, Problem] :
         brokenTargets(Accepted, targetsReading(filesOf(Accepted)))) {
      for (size_t I : std::vector<size_t>(Accepted.begin(), Accepted.end()))
        if (touches(I, Targets[T].reads)) {
          Accepted.erase(I);
          drop(I, "together with other fixes it would cause '" + Problem + "'");
        }
    }
    for (auto &[File, Findings] : Selection.byFile)
      llvm::erase_if(Findings, [&](size_t I) { return !Accepted.count(I); });
    std::erase_if(Selection.byFile,
                  [](const auto &Entry) { return Entry.second.empty(); });
    return Outcome;
  }

private:
  void collectTargets() {
    std::set<std::string> Edited;
    for (const auto &[I, Files] : FilesOf)
      Edited.insert(Files.begin(), Files.end());
    for (size_t U = 0; U < In.units.size() && U < In.jobs.size(); ++U) {
      const TranslationUnitFacts &Facts = In.units[U];
      // A unit that never parsed has no errors to compare with.
      if (Facts.status == UnitStatus::Failed)
        continue;
      Target T;
      T.reads.insert(Facts.file);
      T.reads.insert(Facts.userFiles.begin(), Facts.userFiles.end());
      if (!intersects(T.reads, Edited))
        continue;
      T.baseline = Facts.errors;
      T.job = &In.jobs[U];
      Targets.push_back(std::move(T));
    }
    for (const ToolFile &File : In.toolFiles) {
      if (!Edited.count(File.path))
        continue;
      Target T;
      T.reads.insert(File.path);
      T.tools = &File;
      T.baseline = toolProblems(File);
      Targets.push_back(std::move(T));
    }
  }

  static bool intersects(const std::set<std::string> &A,
                         const std::set<std::string> &B) {
    for (const std::string &X : A)
      if (B.count(X))
        return true;
    return false;
  }

  bool touches(size_t Finding, const std::set<std::string> &Files) const {
    auto It = FilesOf.find(Finding);
    return It != FilesOf.end() && intersects(It->second, Files);
  }

  std::set<std::string> filesOf(const std::set<size_t> &Findings) const {
    std::set<std::string> Out;
    for (size_t I : Findings)
      if (auto It = FilesOf.find(I); It != FilesOf.end())
        Out.insert(It->second.begin(), It->second.end());
    return Out;
  }

  std::vector<size_t> targetsReading(const std::set<std::string> &Files) const {
    std::vector<size_t> Out;
    for (size_t T = 0; T < Targets.size(); ++T)
      if (intersects(Targets[T].reads, Files))
        Out.push_back(T);
    return Out;
  }

  /// The edited bytes of every file the accepted fixes touch.
  Overlay overlayOf(const std::set<size_t> &Accepted) {
    std::map<std::string, std::vector<FixIt>> ByFile;
    for (size_t I : Accepted)
      for (const FixIt &Fix : Result.findings[I].fixes)
        ByFile[Fix.span.file].push_back(Fix);
    Overlay Out;
    for (const auto &[File, Fixes] : ByFile) {
      std::string Path = Result.absolutePath(File);
      const std::string *Text = Sources.text(Path);
      std::string Error;
      // The selection ruled out overlaps and fixes that do not fit.
      if (auto Fixed = Text ? applyFixIts(*Text, Fixes, Error) : std::nullopt)
        Out[Path] = std::move(*Fixed);
    }
    return Out;
  }

  std::vector<std::string> toolProblems(const ToolFile &File) const {
    ProjectResult Alone = linkProject({}, RuleCatalog::builtin(), In.policy,
                                      In.enabledRules, {File}, In.naming);
    std::vector<std::string> Out;
    Out.reserve(Alone.findings.size());
    for (const Finding &F : Alone.findings)
      Out.push_back(F.ruleId + ": " + F.message);
    return Out;
  }

  /// Each of `Which` targets that the accepted fixes break, with the first
  /// problem they bring.
  std::map<size_t, std::string>
  brokenTargets(const std::set<size_t> &Accepted,
                const std::vector<size_t> &Which) {
    std::map<size_t, std::string> Broken;
    if (Which.empty())
      return Broken;
    auto Files = std::make_shared<Overlay>(overlayOf(Accepted));
    std::vector<CompileJob> Jobs;
    std::vector<size_t> JobTargets;
    for (size_t T : Which) {
      const Target &Tgt = Targets[T];
      if (Tgt.job) {
        Jobs.push_back(*Tgt.job);
        JobTargets.push_back(T);
        continue;
      }
      std::string Error;
      auto It = Files->find(Tgt.tools->path);
      auto Edited = It == Files->end()
                        ? std::optional<ToolFile>(*Tgt.tools)
                        : parseToolFile(Tgt.tools->path, It->second, Error);
      std::vector<std::string> New =
          Edited ? added(toolProblems(*Edited), Tgt.baseline)
                 : std::vector<std::string>{Error};
      if (!New.empty())
        Broken[T] = New.front();
    }
    if (Jobs.empty())
      return Broken;
    AnalysisOptions Options = In.options;
    Options.parseOnly = true;
    FileSystemFactory MakeFileSystem = [Files] {
      auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
      for (const auto &[Path, Text] : *Files)
        Memory->addFile(Path, 0,
                        llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
      auto Layers = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
          llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
              llvm::vfs::createPhysicalFileSystem().release()));
      Layers->pushOverlay(Memory);
      return llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(Layers);
    };
    std::vector<TranslationUnitFacts> Parsed =
        analyzeAll(Jobs, In.policy, Options, {}, MakeFileSystem);
    Outcome.unitsParsed += Parsed.size();
    for (size_t J = 0; J < Parsed.size(); ++J) {
      std::vector<std::string> New =
          Parsed[J].status == UnitStatus::Failed
              ? std::vector<std::string>{Parsed[J].firstError}
              : added(Parsed[J].errors, Targets[JobTargets[J]].baseline);
      if (!New.empty())
        Broken[JobTargets[J]] = New.front();
    }
    return Broken;
  }

  void drop(size_t I, const std::string &Why) {
    Finding &F = Result.findings[I];
    Outcome.dropped.push_back(F.span.key() + ": [" + F.ruleId +
                              "] fix dropped: " + Why +
                              "; the finding stays, with guidance");
    F.fixes.clear();
  }

  ProjectResult &Result;
  FixSelection &Selection;
  SourceCache &Sources;
  const VerificationInputs &In;
  VerificationOutcome Outcome;
  std::vector<size_t> Selected;
  std::map<size_t, std::set<std::string>> FilesOf;
  std::vector<Target> Targets;
};
} // namespace

VerificationOutcome verifyFixes(ProjectResult &Result, FixSelection &Selection,
                                SourceCache &Sources,
                                const VerificationInputs &In) {
  return Verifier(Result, Selection, Sources, In).run();
}

} // namespace mcp_cutover
