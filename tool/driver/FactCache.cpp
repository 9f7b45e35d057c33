#include "tool/driver/FactCache.h"

#include "tool/files/AtomicFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/xxhash.h"

#include <nlohmann/json.hpp>

namespace mcp_cutover {

namespace {
/// Raised when the cache's own layout changes.
constexpr int CacheFormat = 1;

std::string hex(llvm::ArrayRef<uint8_t> Bytes) {
  return llvm::toHex(Bytes, /*LowerCase=*/true);
}

} // namespace

std::string fileContentHash(llvm::StringRef Bytes) {
  uint64_t H = llvm::xxh3_64bits(Bytes);
  return llvm::utohexstr(H, /*LowerCase=*/true) + ":" +
         std::to_string(Bytes.size());
}

std::string FactCache::toolIdentity() {
  static const std::string Identity = [] {
    std::string Self = llvm::sys::fs::getMainExecutable(
        nullptr, reinterpret_cast<void *>(&FactCache::toolIdentity));
    auto Buffer = llvm::MemoryBuffer::getFile(Self, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    // Without its own bytes the tool cannot tell builds apart: the
    // version alone then, which a development build may share.
    if (!Buffer)
      return std::string(MCP_CUTOVER_VERSION);
    return std::string(MCP_CUTOVER_VERSION) + "/" +
           fileContentHash((*Buffer)->getBuffer());
  }();
  return Identity;
}

FactCache::FactCache(std::string Folder, std::string RunKey)
    : Folder(std::move(Folder)), RunKey(std::move(RunKey)) {}

std::string FactCache::fileHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(HashMutex);
    auto It = FileHashes.find(Path);
    if (It != FileHashes.end())
      return It->second;
  }
  std::string Hash;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (Buffer)
    Hash = fileContentHash((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Lock(HashMutex);
  return FileHashes.emplace(Path, Hash).first->second;
}

bool FactCache::existsNow(const std::string &Path) {
  std::lock_guard<std::mutex> Lock(HashMutex);
  auto It = Exists.find(Path);
  if (It == Exists.end())
    // A folder counts: clang drops an include folder that does not exist,
    // and creating it later changes the search.
    It = Exists.emplace(Path, llvm::sys::fs::exists(Path)).first;
  return It->second;
}

std::string FactCache::entryPath(const CompileJob &Job,
                                 const AnalysisOptions &Options) {
  llvm::SHA256 Key;
  auto Add = [&](llvm::StringRef Part) {
    Key.update(Part);
    Key.update(llvm::StringRef("\0", 1));
  };
  Add(std::to_string(CacheFormat));
  Add(toolIdentity());
  Add(RunKey);
  for (const std::string &Rule : Options.enabledRules)
    Add(Rule);
  Add("--");
  Add(Options.resourceDir);
  Add(Job.directory);
  Add(Job.file);
  Add(Job.standaloneHeader ? "standalone" : "unit");
  for (const std::string &Arg : analysisCommandLine(Job, Options))
    Add(Arg);
  auto Digest = Key.final();
  std::string Name = hex(llvm::ArrayRef<uint8_t>(Digest.data(), 20));
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, Name.substr(0, 2), Name.substr(2) + ".json");
  return std::string(Path);
}

std::optional<TranslationUnitFacts>
FactCache::lookup(const CompileJob &Job, const AnalysisOptions &Options) {
  std::string Path = entryPath(Job, Options);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  // Anything unexpected in an entry (a torn write by another tool, a disk
  // error, an edit) is a miss: the unit is analysed again and rewritten.
  nlohmann::json Entry = nlohmann::json::parse(
      (*Buffer)->getBuffer().begin(), (*Buffer)->getBuffer().end(), nullptr,
      /*allow_exceptions=*/false);
  if (!Entry.is_object() || !Entry.contains("deps") ||
      !Entry["deps"].is_object() || !Entry.contains("facts"))
    return std::nullopt;
  std::map<std::string, std::string> Files;
  for (const auto &[File, Hash] : Entry["deps"].items()) {
    if (!Hash.is_string() || Hash.get<std::string>().empty() ||
        fileHash(File) != Hash.get<std::string>())
      return std::nullopt;
    Files[File] = Hash.get<std::string>();
  }
  // A file where the unit found none would change what it reads.
  if (!Entry.contains("absent") || !Entry["absent"].is_array())
    return std::nullopt;
  for (const nlohmann::json &Absent : Entry["absent"])
    if (!Absent.is_string() || existsNow(Absent.get<std::string>()))
      return std::nullopt;
  TranslationUnitFacts Facts;
  try {
    Facts = Entry["facts"].get<TranslationUnitFacts>();
  } catch (const std::exception &) {
    return std::nullopt;
  }
  if (Facts.file.empty())
    return std::nullopt;
  Facts.filesRead = std::move(Files);
  ++Hits;
  return Facts;
}

void FactCache::store(const CompileJob &Job, const AnalysisOptions &Options,
                      const TranslationUnitFacts &Facts,
                      const std::set<std::string> &Absent) {
  if (Facts.status != UnitStatus::Complete || Facts.filesRead.empty())
    return;
  // The hashes of the bytes the unit was parsed from: a file edited while
  // it was analysed makes the entry a miss next time, not a stale hit.
  nlohmann::json Deps = Facts.filesRead;
  nlohmann::json Entry = {{"format", CacheFormat},
                          {"deps", Deps},
                          {"absent", Absent},
                          {"facts", Facts}};
  std::string Path = entryPath(Job, Options);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (llvm::sys::fs::create_directories(Parent) ||
      !writeFileAtomically(
           Path,
           Entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
           .empty())
    ++WriteFailures;
}

} // namespace mcp_cutover
