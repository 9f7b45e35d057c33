//===- FactsFuzzer.cpp - `merge`'s facts files ----------------------------===//
//
// The reader `mcp-cutover merge FILE...` runs on each shard's --facts-out
// file (a CI artifact, so anyone's bytes), then the join of an accepted
// file with itself as the only shard, and its round trip.
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/driver/Shard.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("facts.json", Data, Size);
  std::string Error;
  auto Facts = readShardFacts(Path, Error);
  if (!Facts) {
    fuzz::checkOneLineError(Error, Path + ": ");
    return 0;
  }
  if (Facts->indices.size() != Facts->units.size() ||
      Facts->jobs.size() != Facts->units.size())
    fuzz::broken("an accepted facts file with uneven lists");
  std::vector<CompileJob> Jobs;
  std::vector<TranslationUnitFacts> Units;
  std::string Problem = joinShards({*Facts}, Jobs, Units);
  if (Problem.empty() && Units.size() != Facts->totalJobs)
    fuzz::broken("a join that lost units");
  if (Problem.find('\n') != std::string::npos)
    fuzz::broken("a join problem of more than one line: " + Problem);
  std::string Text = renderShardFacts(*Facts);
  std::string Again = fuzz::writeScratch(
      "again.json", reinterpret_cast<const uint8_t *>(Text.data()),
      Text.size());
  auto Reread = readShardFacts(Again, Error);
  if (!Reread || renderShardFacts(*Reread) != Text)
    fuzz::broken("a facts file does not read back as written: " + Error);
  return 0;
}
