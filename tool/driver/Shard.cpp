#include "tool/driver/Shard.h"

#include "checks/utils/InputLimits.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

namespace mcp_cutover {

namespace {
/// Raised when the file's layout changes.
constexpr int FactsFormat = 1;
/// Facts of a whole code base's share: larger than tool files.
constexpr uint64_t MaxFactsFileBytes = 512u << 20;
/// More units than any compilation database holds.
constexpr size_t MaxUnits = 10'000'000;

nlohmann::json jobJson(const CompileJob &J) {
  return {{"file", J.file},
          {"directory", J.directory},
          {"commandLine", J.commandLine},
          {"standaloneHeader", J.standaloneHeader}};
}

CompileJob jobFrom(const nlohmann::json &J) {
  CompileJob Job;
  J.at("file").get_to(Job.file);
  J.at("directory").get_to(Job.directory);
  J.at("commandLine").get_to(Job.commandLine);
  J.at("standaloneHeader").get_to(Job.standaloneHeader);
  return Job;
}
} // namespace

std::string parseShard(const std::string &Text, ShardSpec &Out) {
  auto [K, N] = llvm::StringRef(Text).split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Index < 1 ||
      Count < 1 || Index > Count || Count > 1024)
    return "--shard takes K/N with 1 <= K <= N <= 1024, not '" + Text + "'";
  Out = {Index, Count};
  return "";
}

std::vector<size_t> shardJobs(const std::vector<uint64_t> &Sizes,
                              ShardSpec Spec) {
  std::vector<size_t> Order(Sizes.size());
  std::iota(Order.begin(), Order.end(), 0);
  // Largest first; equal sizes in job order: the same split everywhere.
  std::stable_sort(Order.begin(), Order.end(),
                   [&](size_t A, size_t B) { return Sizes[A] > Sizes[B]; });
  std::vector<uint64_t> Load(Spec.count, 0);
  std::vector<size_t> Mine;
  for (size_t Job : Order) {
    size_t Lightest = static_cast<size_t>(
        std::min_element(Load.begin(), Load.end()) - Load.begin());
    // An empty file still costs a parse.
    Load[Lightest] += std::max<uint64_t>(Sizes[Job], 1);
    if (Lightest + 1 == Spec.index)
      Mine.push_back(Job);
  }
  std::sort(Mine.begin(), Mine.end());
  return Mine;
}

std::string renderShardFacts(const ShardFacts &F) {
  nlohmann::json Units = nlohmann::json::array();
  for (size_t I = 0; I < F.units.size(); ++I)
    Units.push_back({{"index", F.indices[I]},
                     {"job", jobJson(F.jobs[I])},
                     {"facts", F.units[I]}});
  nlohmann::json Doc = {{"mcpCutoverFacts", FactsFormat},
                        {"tool", F.tool},
                        {"shard", {F.spec.index, F.spec.count}},
                        {"root", F.root},
                        {"rules", F.rules},
                        {"options", F.options},
                        {"paths", F.paths},
                        {"totalJobs", F.totalJobs},
                        {"units", Units}};
  return Doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::optional<ShardFacts> readShardFacts(const std::string &Path,
                                         std::string &Error) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text, MaxFactsFileBytes);
      !Problem.empty()) {
    Error = Path + ": " + Problem;
    return std::nullopt;
  }
  if (std::string Problem = checkJsonShape(Text); !Problem.empty()) {
    Error = Path + ": " + Problem;
    return std::nullopt;
  }
  nlohmann::json Doc = nlohmann::json::parse(Text, nullptr, false);
  if (Doc.is_discarded() || !Doc.is_object() ||
      !Doc.contains("mcpCutoverFacts")) {
    Error = Path + ": not a facts file of mcp-cutover check --shard";
    return std::nullopt;
  }
  try {
    if (Doc.at("mcpCutoverFacts").get<int>() != FactsFormat)
      throw std::runtime_error("written in another format of facts file");
    ShardFacts F;
    auto Shard = Doc.at("shard").get<std::vector<unsigned>>();
    if (Shard.size() != 2 || Shard[0] < 1 || Shard[0] > Shard[1])
      throw std::runtime_error("'shard' is not [K, N]");
    F.spec = {Shard[0], Shard[1]};
    Doc.at("tool").get_to(F.tool);
    Doc.at("root").get_to(F.root);
    Doc.at("rules").get_to(F.rules);
    Doc.at("options").get_to(F.options);
    Doc.at("paths").get_to(F.paths);
    Doc.at("totalJobs").get_to(F.totalJobs);
    // Bounded before anything is sized by it.
    if (F.totalJobs > MaxUnits)
      throw std::runtime_error("'totalJobs' is more units than a run has");
    for (const nlohmann::json &U : Doc.at("units")) {
      size_t Index = U.at("index").get<size_t>();
      if (Index >= F.totalJobs)
        throw std::runtime_error("a unit's index is past totalJobs");
      F.indices.push_back(Index);
      F.jobs.push_back(jobFrom(U.at("job")));
      F.units.push_back(U.at("facts").get<TranslationUnitFacts>());
    }
    return F;
  } catch (const std::exception &E) {
    Error = Path + ": " + jsonErrorText(E);
    return std::nullopt;
  }
}

std::string joinShards(const std::vector<ShardFacts> &Shards,
                       std::vector<CompileJob> &Jobs,
                       std::vector<TranslationUnitFacts> &Units) {
  if (Shards.empty())
    return "merge takes the facts files of every shard";
  const ShardFacts &First = Shards.front();
  std::vector<bool> SeenShard(First.spec.count, false);
  for (const ShardFacts &S : Shards) {
    std::string Which = "shard " + std::to_string(S.spec.index) + "/" +
                        std::to_string(S.spec.count);
    if (S.tool != First.tool)
      return Which + " was written by another build of mcp-cutover";
    if (S.spec.count != First.spec.count || S.totalJobs != First.totalJobs)
      return Which + " belongs to another split of the units";
    if (S.root != First.root)
      return Which + " has another root (" + S.root + ")";
    if (S.rules != First.rules)
      return Which + " ran other rules";
    if (S.paths != First.paths)
      return Which + " was limited to other paths";
    if (S.options != First.options)
      return Which + " ran with other options (--exclude, "
                     "--follow-symlinks, --sdk-profile or the "
                     "configuration's globs)";
    if (SeenShard[S.spec.index - 1])
      return Which + " is given twice";
    SeenShard[S.spec.index - 1] = true;
  }
  for (unsigned K = 0; K < First.spec.count; ++K)
    if (!SeenShard[K])
      return "shard " + std::to_string(K + 1) + "/" +
             std::to_string(First.spec.count) + " is missing";
  size_t Held = 0;
  for (const ShardFacts &S : Shards)
    Held += S.units.size();
  if (Held != First.totalJobs)
    return "the shards hold " + std::to_string(Held) + " unit" +
           (Held == 1 ? "" : "s") + ", not the " +
           std::to_string(First.totalJobs) + " of their split";
  std::vector<std::optional<size_t>> Owner(First.totalJobs);
  Jobs.assign(First.totalJobs, CompileJob());
  Units.assign(First.totalJobs, TranslationUnitFacts());
  for (const ShardFacts &S : Shards)
    for (size_t I = 0; I < S.units.size(); ++I) {
      size_t Index = S.indices[I];
      if (Owner[Index])
        return "unit " + std::to_string(Index) + " is in two shards";
      Owner[Index] = I;
      Jobs[Index] = S.jobs[I];
      Units[Index] = S.units[I];
    }
  for (size_t I = 0; I < Owner.size(); ++I)
    if (!Owner[I])
      return "unit " + std::to_string(I) + " is in no shard";
  return "";
}

} // namespace mcp_cutover
