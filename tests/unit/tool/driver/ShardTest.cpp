#include "tool/driver/Shard.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

using namespace mcp_cutover;

TEST_CASE("shards are balanced by size, not count, and cover every unit once",
          "[shard]") {
  ShardSpec Spec;
  CHECK(parseShard("2/3", Spec) == "");
  CHECK((Spec.index == 2 && Spec.count == 3));
  for (const char *Bad : {"0/3", "4/3", "1/0", "x/2", "1/2/3", "2", "1/1025"})
    CHECK(parseShard(Bad, Spec) ==
          std::string("--shard takes K/N with 1 <= K <= N <= 1024, not '") +
              Bad + "'");
  // One large unit and four small ones: the large one alone in a shard.
  std::vector<uint64_t> Sizes = {10, 400, 10, 10, 10};
  CHECK(shardJobs(Sizes, {1, 2}) == std::vector<size_t>{1});
  CHECK(shardJobs(Sizes, {2, 2}) == std::vector<size_t>{0, 2, 3, 4});
  std::vector<uint64_t> Many(17, 5);
  std::vector<size_t> All;
  for (unsigned K = 1; K <= 4; ++K) {
    std::vector<size_t> Mine = shardJobs(Many, {K, 4});
    CHECK((Mine.size() == 4 || Mine.size() == 5));
    All.insert(All.end(), Mine.begin(), Mine.end());
  }
  std::sort(All.begin(), All.end());
  std::vector<size_t> Every(17);
  for (size_t I = 0; I < Every.size(); ++I)
    Every[I] = I;
  CHECK(All == Every);
  CHECK(shardJobs({}, {1, 2}).empty());
}

TEST_CASE("a facts file round-trips and bad ones are one line", "[shard]") {
  ShardFacts F;
  F.spec = {1, 1};
  F.tool = "0.1.0/abc";
  F.root = "/repo";
  F.rules = {"session-id-header"};
  F.paths = {"/repo/src"};
  F.totalJobs = 1;
  F.indices = {0};
  CompileJob J;
  J.file = "/repo/src/a.cpp";
  J.directory = "/repo";
  J.commandLine = {"clang++", "-c", "src/a.cpp"};
  F.jobs = {J};
  TranslationUnitFacts U;
  U.file = J.file;
  U.userFiles = {"/repo/src/a.h"};
  F.units = {U};
  std::string Text = renderShardFacts(F);
  char Path[] = "/tmp/mcp-cutover-shard-XXXXXX";
  int Fd = mkstemp(Path);
  REQUIRE(Fd >= 0);
  REQUIRE(write(Fd, Text.data(), Text.size()) ==
          static_cast<ssize_t>(Text.size()));
  close(Fd);
  std::string Error;
  auto Read = readShardFacts(Path, Error);
  REQUIRE(Read);
  CHECK(renderShardFacts(*Read) == Text);
  std::vector<CompileJob> Jobs;
  std::vector<TranslationUnitFacts> Units;
  CHECK(joinShards({*Read}, Jobs, Units) == "");
  CHECK(Units.at(0).userFiles == U.userFiles);

  ShardFacts Other = *Read;
  Other.tool = "0.1.0/def";
  CHECK(joinShards({*Read, Other}, Jobs, Units) ==
        "shard 1/1 was written by another build of mcp-cutover");
  Other = *Read;
  Other.indices = {0};
  Other.spec = {1, 2};
  CHECK(joinShards({*Read, Other}, Jobs, Units) ==
        "shard 1/2 belongs to another split of the units");
  ShardFacts Two = *Read;
  Two.spec = {1, 2};
  Two.totalJobs = 2;
  ShardFacts Second = Two;
  Second.spec = {2, 2};
  Second.indices = {0};
  CHECK(joinShards({Two, Second}, Jobs, Units) == "unit 0 is in two shards");
  Second.indices = {};
  Second.jobs = {};
  Second.units = {};
  CHECK(joinShards({Two, Second}, Jobs, Units) ==
        "the shards hold 1 unit, not the 2 of their split");

  std::string Broken = Text;
  Broken.replace(Broken.find("\"totalJobs\":1"), 13, "\"totalJobs\":0");
  Fd = open(Path, O_WRONLY | O_TRUNC);
  REQUIRE(write(Fd, Broken.data(), Broken.size()) ==
          static_cast<ssize_t>(Broken.size()));
  close(Fd);
  CHECK_FALSE(readShardFacts(Path, Error));
  CHECK(Error == std::string(Path) + ": a unit's index is past totalJobs");
  std::string Huge = Text;
  Huge.replace(Huge.find("\"totalJobs\":1"), 13,
               "\"totalJobs\":4611686018427387904");
  Fd = open(Path, O_WRONLY | O_TRUNC);
  REQUIRE(write(Fd, Huge.data(), Huge.size()) ==
          static_cast<ssize_t>(Huge.size()));
  close(Fd);
  CHECK_FALSE(readShardFacts(Path, Error));
  CHECK(Error ==
        std::string(Path) + ": 'totalJobs' is more units than a run has");
  unlink(Path);
}
