#include "tool/link/ProjectLinker.h"

#include "tool/link/HandleEntropyLinker.h"
#include "tool/link/RedisStoreLinker.h"
#include "tool/link/ServerDiscoverLinker.h"

#include "checks/CheckRegistry.h"
#include "checks/FixApplier.h"
#include "checks/utils/MessageText.h"
#include "tool/files/SourceCache.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace mcp_cutover {

std::string ProjectResult::absolutePath(const std::string &File) const {
  // A probe's findings are located at the endpoint's URL.
  if (llvm::sys::path::is_absolute(File) ||
      llvm::StringRef(File).contains("://"))
    return File;
  return root + "/" + File;
}

bool ProjectResult::allUnitsComplete() const {
  return count(UnitStatus::Complete) == units.size() &&
         countConfigs(UnitStatus::Complete) == configFiles.size();
}

size_t ProjectResult::count(UnitStatus S) const {
  return std::count_if(units.begin(), units.end(),
                       [&](const UnitSummary &U) { return U.status == S; });
}

size_t ProjectResult::countConfigs(UnitStatus S) const {
  return std::count_if(configFiles.begin(), configFiles.end(),
                       [&](const UnitSummary &U) { return U.status == S; });
}

namespace {
/// mcp-only-redis says which tools must take a handle before the Redis
/// keys can go: those the scope table shows keeping state without one.
void nameToolsWithoutHandles(const std::vector<ToolScopeRow> &Tools,
                             std::vector<Finding> &Findings) {
  std::vector<std::string> Names;
  for (const ToolScopeRow &Row : Tools)
    if (Row.kind == "tool" && Row.handleStatus == "missing" &&
        !llvm::is_contained(Names, "'" + Row.name + "'"))
      Names.push_back("'" + Row.name + "'");
  if (Names.empty())
    return;
  std::string Tail = "; still without one: " + joinWithAnd(Names);
  for (Finding &F : Findings)
    if (F.ruleId == "mcp-only-redis")
      F.message += Tail;
}

/// Keeps each conditional finding whose `unless` signs the project does not
/// all show and whose `onlyIf` signs it all shows.
void linkConditionalFindings(const std::vector<TranslationUnitFacts> &Units,
                             std::vector<Finding> &Out) {
  std::set<std::string> Signs;
  for (const TranslationUnitFacts &U : Units)
    Signs.insert(U.projectSigns.begin(), U.projectSigns.end());
  auto Shown = [&](const std::string &S) { return Signs.count(S) != 0; };
  for (const TranslationUnitFacts &U : Units)
    for (const ConditionalFinding &C : U.conditionalFindings)
      if ((C.unless.empty() || !llvm::all_of(C.unless, Shown)) &&
          llvm::all_of(C.onlyIf, Shown))
        Out.push_back(C.finding);
}

/// Decides session-keyed-state: a container is keyed by session when its key
/// type or its name says so, or when any TU indexes it with a session id.
void linkSessionKeyedState(const std::vector<TranslationUnitFacts> &Units,
                           std::vector<Finding> &Out,
                           std::map<std::string, std::string> &Keyed) {
  std::map<std::string, StateContainerFact> Containers;
  std::map<std::string, std::vector<StateAccessFact>> Accesses;
  for (const TranslationUnitFacts &U : Units) {
    for (const StateContainerFact &C : U.containers)
      Containers.emplace(C.decl.key(), C);
    for (const StateAccessFact &A : U.accesses)
      Accesses[A.declKey].push_back(A);
  }
  for (const auto &[Key, C] : Containers) {
    std::vector<StateAccessFact> &Sites = Accesses[Key];
    std::sort(Sites.begin(), Sites.end(),
              [](const StateAccessFact &A, const StateAccessFact &B) {
                return std::tie(A.site, A.keyText) <
                       std::tie(B.site, B.keyText);
              });
    Sites.erase(
        std::unique(Sites.begin(), Sites.end(),
                    [](const StateAccessFact &A, const StateAccessFact &B) {
                      return A.site == B.site;
                    }),
        Sites.end());
    const StateAccessFact *SessionAccess = nullptr;
    for (const StateAccessFact &A : Sites)
      if (A.keyIsSession) {
        SessionAccess = &A;
        break;
      }
    std::vector<std::string> Evidence;
    if (C.keyTypeNamesSession)
      Evidence.push_back("key type '" + C.keyType + "'");
    if (C.aliasNamesSession)
      Evidence.push_back("type '" + C.aliasName + "'");
    if (C.nameNamesSessionStore)
      Evidence.emplace_back("named as a session store");
    if (SessionAccess)
      Evidence.push_back("indexed by '" + SessionAccess->keyText + "'");
    if (Evidence.empty())
      continue;
    Keyed.emplace(Key, C.name);
    Finding F;
    F.ruleId = "session-keyed-state";
    F.span = C.decl;
    F.message = "'" + C.name + "' is a " + C.containerType +
                " keyed by session (" + llvm::join(Evidence, ", ") +
                "): another instance behind a round-robin load balancer "
                "will not see it; move it to shared storage keyed by an "
                "explicit handle";
    // Session-keyed accesses first: they show why; then the others.
    std::stable_partition(
        Sites.begin(), Sites.end(),
        [](const StateAccessFact &A) { return A.keyIsSession; });
    for (const StateAccessFact &A : Sites) {
      if (F.related.size() == MaxRelatedLocations)
        break;
      F.related.push_back({A.site, "accessed with key '" + A.keyText + "'"});
    }
    std::sort(F.related.begin(), F.related.end(),
              [](const RelatedLocation &A, const RelatedLocation &B) {
                return A.span < B.span;
              });
    Out.push_back(std::move(F));
  }
}

void relativize(SourceSpan &S, const OwnershipPolicy &Policy) {
  S.file = Policy.relativize(S.file);
}

std::string fingerprintOf(const Finding &F, const std::string &LineText) {
  // The line's text, not its number: a finding keeps its fingerprint when
  // unrelated lines are added above it.
  std::string Folded;
  for (char C : withoutDirectives(LineText))
    if (!llvm::isSpace(C))
      Folded.push_back(C);
  return fingerprintDigest({F.ruleId, F.span.file, Folded});
}
} // namespace

std::string fingerprintDigest(std::initializer_list<llvm::StringRef> Parts) {
  llvm::SHA256 Hash;
  bool First = true;
  for (llvm::StringRef Part : Parts) {
    if (!First)
      Hash.update(llvm::StringRef("\0", 1));
    First = false;
    Hash.update(Part);
  }
  auto Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16), true);
}

ProjectResult linkProject(const std::vector<TranslationUnitFacts> &Units,
                          const RuleCatalog &Catalog,
                          const OwnershipPolicy &Policy,
                          const std::set<std::string> &EnabledRules,
                          const std::vector<ToolFile> &ToolFiles,
                          const HandleNaming &Naming,
                          const std::vector<TranslationUnitFacts> &Configs) {
  ProjectResult Result;
  Result.root = Policy.root();
  bool ConfigRead = llvm::any_of(Configs, [](const TranslationUnitFacts &U) {
    return U.status == UnitStatus::Complete;
  });
  for (const Rule &R : Catalog.rules()) {
    if (!isRuleEnabled(EnabledRules, R.id) || R.runtime)
      continue;
    if (!ConfigRead && llvm::is_contained(gatewayRuleIds(), R.id))
      Result.rulesWithoutInput.push_back(R.id);
    else
      Result.rulesRun.push_back(R.id);
  }
  std::vector<Finding> All;
  for (const TranslationUnitFacts &U : Configs) {
    All.insert(All.end(), U.findings.begin(), U.findings.end());
    // The error names the file as the readers got it: absolute.
    std::string Error = U.firstError;
    if (llvm::StringRef(Error).starts_with(U.file))
      Error = Policy.relativize(U.file) + Error.substr(U.file.size());
    Result.configFiles.push_back(
        {Policy.relativize(U.file), U.status, Error, U.errorCount, false});
    for (const auto &[Path, Digest] : U.fileDigests)
      Result.fileDigests[Policy.relativize(Path)] = Digest;
  }
  for (const TranslationUnitFacts &U : Units) {
    All.insert(All.end(), U.findings.begin(), U.findings.end());
    Result.units.push_back({Policy.relativize(U.file), U.status, U.firstError,
                            U.errorCount, U.standaloneHeader});
    for (const auto &[Path, Digest] : U.fileDigests)
      Result.fileDigests[Policy.relativize(Path)] = Digest;
  }
  linkConditionalFindings(Units, All);
  for (const ToolFile &F : ToolFiles)
    Result.fileDigests[Policy.relativize(F.path)] =
        contentDigest(F.document.text());
  std::map<std::string, std::string> SessionKeyed;
  {
    std::vector<Finding> Containers;
    linkSessionKeyedState(Units, Containers, SessionKeyed);
    if (isRuleEnabled(EnabledRules, "session-keyed-state"))
      All.insert(All.end(), Containers.begin(), Containers.end());
  }
  if (isRuleEnabled(EnabledRules, "missing-server-discover"))
    linkServerDiscover(Units, All);
  if (isRuleEnabled(EnabledRules, "mcp-only-redis"))
    linkRedisStores(Units, All);
  std::set<std::string> ProcessLocalCounters = linkHandleEntropy(
      Units, isRuleEnabled(EnabledRules, "handle-weak-entropy"), All);
  linkToolContracts(Units, ToolFiles, SessionKeyed, ProcessLocalCounters,
                    Naming, EnabledRules, All, Result.tools);
  nameToolsWithoutHandles(Result.tools, All);
  for (ToolScopeRow &Row : Result.tools)
    relativize(Row.site, Policy);
  std::stable_sort(Result.tools.begin(), Result.tools.end(),
                   [](const ToolScopeRow &A, const ToolScopeRow &B) {
                     return A.site < B.site;
                   });

  SourceCache Sources;
  for (Finding &F : All) {
    if (const Rule *R = Catalog.find(F.ruleId)) {
      F.level = F.atMostNote ? Level::Note : R->level;
      F.atMostNote = false;
      F.fixTier = R->fixTier;
    }
    const std::string &Line = Sources.line(F.span.file, F.span.line);
    relativize(F.span, Policy);
    // After relativizing: a fingerprint must not depend on the checkout's path.
    F.fingerprint = fingerprintOf(F, Line);
    for (RelatedLocation &R : F.related)
      relativize(R.span, Policy);
    for (FixIt &Fix : F.fixes)
      relativize(Fix.span, Policy);
  }

  // A header included by many TUs yields the same finding many times; a
  // template yields it once per instantiation. Keep one, with every related
  // location any of them had.
  auto Identity = [](const Finding &F) {
    return std::tie(F.span.file, F.span.line, F.span.column, F.ruleId);
  };
  std::sort(All.begin(), All.end(), [&](const Finding &A, const Finding &B) {
    return std::tie(A.span.file, A.span.line, A.span.column, A.ruleId,
                    A.message) < std::tie(B.span.file, B.span.line,
                                          B.span.column, B.ruleId, B.message);
  });
  for (Finding &F : All) {
    if (!Result.findings.empty() &&
        Identity(Result.findings.back()) == Identity(F)) {
      Finding &Kept = Result.findings.back();
      for (RelatedLocation &R : F.related)
        if (std::find(Kept.related.begin(), Kept.related.end(), R) ==
            Kept.related.end())
          Kept.related.push_back(R);
      continue;
    }
    Result.findings.push_back(std::move(F));
  }
  // Identical lines in one file would share a fingerprint: number them.
  std::map<std::string, int> Seen;
  for (Finding &F : Result.findings) {
    std::sort(F.related.begin(), F.related.end(),
              [](const RelatedLocation &A, const RelatedLocation &B) {
                return std::tie(A.span, A.message) <
                       std::tie(B.span, B.message);
              });
    if (F.related.size() > MaxRelatedLocations)
      F.related.resize(MaxRelatedLocations);
    int N = Seen[F.fingerprint]++;
    if (N > 0)
      F.fingerprint += ":" + std::to_string(N);
  }
  // Last: a suppressed finding keeps its fingerprint, so a baseline or a
  // code-scanning alert still knows it.
  applySuppressions(
      Result.findings, Result.suppressed, Result.suppressionProblems, Catalog,
      [&](const std::string &File) { return Result.absolutePath(File); });
  return Result;
}

} // namespace mcp_cutover
