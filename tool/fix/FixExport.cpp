#include "tool/fix/FixExport.h"

#include "checks/FixApplier.h"
#include "tool/files/AtomicFile.h"
#include "tool/files/WriteGuard.h"
#include "tool/fix/UnifiedDiff.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace mcp_cutover {

namespace {

std::string where(const Finding &F) {
  return F.span.key() + ": [" + F.ruleId + "]";
}

/// Two edits conflict when their ranges overlap, or when one inserts at a
/// point the other inserts at or replaces across: their order would be a
/// guess.
bool conflict(std::pair<size_t, size_t> A, std::pair<size_t, size_t> B) {
  if (std::max(A.first, B.first) < std::min(A.second, B.second))
    return true;
  bool InsertA = A.first == A.second, InsertB = B.first == B.second;
  if (InsertA && B.first < A.first && A.first < B.second)
    return true;
  if (InsertB && A.first < B.first && B.first < A.second)
    return true;
  return (InsertA || InsertB) && A.first == B.first;
}

} // namespace

size_t FixSelection::size() const {
  size_t N = 0;
  for (const auto &[File, Findings] : byFile)
    N += Findings.size();
  return N;
}

std::vector<FixIt> FixSelection::fixesIn(const ProjectResult &Result,
                                         const std::string &File) const {
  std::vector<FixIt> All;
  auto It = byFile.find(File);
  if (It == byFile.end())
    return All;
  for (size_t I : It->second)
    All.insert(All.end(), Result.findings[I].fixes.begin(),
               Result.findings[I].fixes.end());
  return All;
}

FixSelection selectFixes(const ProjectResult &Result, SourceCache &Sources,
                         bool IncludeReview) {
  FixSelection S;
  std::map<std::string, std::vector<std::pair<size_t, size_t>>> Taken;
  std::map<std::string, LineIndex> Indexes;
  for (size_t Index = 0; Index < Result.findings.size(); ++Index) {
    const Finding &F = Result.findings[Index];
    if (F.fixes.empty())
      continue;
    if (F.fixTier == FixTier::Review && !IncludeReview) {
      ++S.heldForReview;
      continue;
    }
    const std::string &File = F.fixes.front().span.file;
    const std::string *Text = Sources.text(Result.absolutePath(File));
    if (!Text) {
      S.skipped.push_back(where(F) + " " + File + " cannot be read; skipped");
      continue;
    }
    const LineIndex &Lines = Indexes.try_emplace(File, *Text).first->second;
    std::vector<std::pair<size_t, size_t>> Ranges;
    std::string Problem;
    for (const FixIt &Fix : F.fixes) {
      auto Range = Fix.span.file == File ? Lines.range(Fix) : std::nullopt;
      if (!Range) {
        Problem = "its fix does not fit the file as it is now";
        break;
      }
      for (const auto &Other : Taken[File])
        if (conflict(*Range, Other))
          Problem = "its fix overlaps another finding's fix";
      Ranges.push_back(*Range);
    }
    if (!Problem.empty()) {
      S.skipped.push_back(where(F) + " " + Problem +
                          "; skipped (run again after fixing the others)");
      continue;
    }
    Taken[File].insert(Taken[File].end(), Ranges.begin(), Ranges.end());
    S.byFile[File].push_back(Index);
  }
  return S;
}

std::string renderFixDiff(const ProjectResult &Result,
                          const FixSelection &Selection, SourceCache &Sources) {
  std::string Out;
  for (const auto &Entry : Selection.byFile) {
    const std::string &File = Entry.first;
    const std::string *Text = Sources.text(Result.absolutePath(File));
    std::string Error;
    if (Text)
      Out +=
          unifiedDiff(File, *Text, Selection.fixesIn(Result, File), 3, Error);
  }
  return Out;
}

std::string renderReplacementsYaml(const ProjectResult &Result,
                                   const FixSelection &Selection,
                                   SourceCache &Sources) {
  clang::tooling::TranslationUnitDiagnostics Doc;
  for (const auto &[File, Findings] : Selection.byFile) {
    std::string Path = Result.absolutePath(File);
    const std::string *Text = Sources.text(Path);
    if (!Text)
      continue;
    LineIndex Lines(*Text);
    for (size_t Index : Findings) {
      const Finding *F = &Result.findings[Index];
      clang::tooling::Diagnostic D("mcp-cutover-" + F->ruleId,
                                   clang::tooling::Diagnostic::Warning,
                                   Result.root);
      D.Message.Message = F->message;
      D.Message.FilePath = Result.absolutePath(F->span.file);
      FixIt At{F->span, ""};
      At.span.endLine = At.span.line;
      At.span.endColumn = At.span.column;
      // The finding is nearly always in the file its fixes edit.
      std::optional<LineIndex> Elsewhere;
      const LineIndex *Own = &Lines;
      if (F->span.file != File) {
        const std::string *OwnText = Sources.text(D.Message.FilePath);
        Own = OwnText ? &Elsewhere.emplace(*OwnText) : nullptr;
      }
      if (auto R = Own ? Own->range(At) : std::nullopt)
        D.Message.FileOffset = R->first;
      for (const FixIt &Fix : F->fixes) {
        auto R = Lines.range(Fix);
        if (!R)
          continue;
        llvm::Error E = D.Message.Fix[Path].add(clang::tooling::Replacement(
            Path, R->first, R->second - R->first, Fix.replacement));
        llvm::consumeError(std::move(E)); // overlaps were ruled out above
      }
      Doc.Diagnostics.push_back(std::move(D));
    }
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::yaml::Output Yaml(OS);
  Yaml << Doc;
  OS.flush();
  return Out;
}

FixOutcome applyFixesInPlace(const ProjectResult &Result,
                             const FixSelection &Selection) {
  FixOutcome Outcome;
  for (const auto &[File, Findings] : Selection.byFile) {
    std::string Path = Result.absolutePath(File);
    if (std::string Why = refuseWriteOutsideRoot(Path, Result.root);
        !Why.empty()) {
      Outcome.messages.push_back(File + ": " + Why + "; not fixed");
      continue;
    }
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
    if (!Buffer) {
      Outcome.messages.push_back(File + ": cannot read: " +
                                 Buffer.getError().message() + "; not fixed");
      continue;
    }
    std::string Text = (*Buffer)->getBuffer().str();
    auto Digest = Result.fileDigests.find(File);
    if (Digest == Result.fileDigests.end() ||
        Digest->second != contentDigest(Text)) {
      Outcome.messages.push_back(
          File + ": changed since it was analysed; not fixed (run again)");
      continue;
    }
    std::string Error;
    auto Fixed = applyFixIts(Text, Selection.fixesIn(Result, File), Error);
    if (!Fixed) {
      Outcome.messages.push_back(File + ": " + Error + "; not fixed");
      continue;
    }
    // The new file replaces the old one: it keeps the old one's mode.
    auto Mode = llvm::sys::fs::getPermissions(Path);
    if (std::string Problem = writeFileAtomically(Path, *Fixed);
        !Problem.empty()) {
      Outcome.messages.push_back(Problem + "; not fixed");
      continue;
    }
    // The mode is kept where the file system lets us; the content, which
    // was verified, is what matters.
    if (Mode)
      (void)llvm::sys::fs::setPermissions(Path, *Mode);
    ++Outcome.files;
    Outcome.fixes += Findings.size();
  }
  return Outcome;
}

} // namespace mcp_cutover
