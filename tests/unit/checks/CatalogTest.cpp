#include "AnnotatedCode.h"
#include "checks/CheckRegistry.h"
#include "checks/RuleCatalog.h"
#include "tool/probe/Prober.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace mcp_cutover;

TEST_CASE("every registered check has a catalog entry, a doc page and the "
          "same order",
          "[catalog]") {
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  std::vector<std::string> CatalogIds;
  std::vector<std::string> RuntimeIds;
  for (const Rule &R : Catalog.rules())
    (R.runtime ? RuntimeIds : CatalogIds).push_back(R.id);
  std::sort(CatalogIds.begin(), CatalogIds.end());
  CHECK(CatalogIds == registeredRuleIds());
  // The runtime rules are the probe's, not a check's (tool/probe/Prober).
  std::sort(RuntimeIds.begin(), RuntimeIds.end());
  CHECK(RuntimeIds == probeRuleIds());
  for (const Rule &R : Catalog.rules()) {
    INFO(R.id);
    CHECK(llvm::sys::fs::exists(std::string(MCP_CUTOVER_SOURCE_DIR) +
                                "/docs/rules/" + R.id + ".md"));
    CHECK_FALSE(R.spec.empty());
    CHECK((R.week >= 0 && R.week <= 4));
    // A rule with fix-its documents their tier where users read about it.
    if (!R.fixNote.empty()) {
      std::string Doc = test::readFile(std::string(MCP_CUTOVER_SOURCE_DIR) +
                                       "/docs/rules/" + R.id + ".md");
      CHECK(Doc.find(std::string("**Fix tier:** ") + fixTierName(R.fixTier)) !=
            std::string::npos);
    }
  }
}

TEST_CASE("docs/ci.md names exactly the rules the catalog decides "
          "project-wide",
          "[catalog][diff-base]") {
  std::string Doc =
      test::readFile(std::string(MCP_CUTOVER_SOURCE_DIR) + "/docs/ci.md");
  size_t Start = Doc.find("<!-- project-wide rules");
  REQUIRE(Start != std::string::npos);
  Start = Doc.find("\n", Start);
  size_t End = Doc.find("\n\n", Start);
  std::vector<std::string> Documented;
  for (size_t I = Doc.find('`', Start); I < End; I = Doc.find('`', I + 1)) {
    size_t Close = Doc.find('`', I + 1);
    Documented.push_back(Doc.substr(I + 1, Close - I - 1));
    I = Close;
  }
  std::vector<std::string> ProjectWide;
  for (const Rule &R : RuleCatalog::builtin().rules())
    if (R.projectWide)
      ProjectWide.push_back(R.id);
  CHECK(Documented == ProjectWide);
}

TEST_CASE("the compiled-in catalog is rules/catalog.json", "[catalog]") {
  RuleCatalog OnDisk = RuleCatalog::parse(test::readFile(
      std::string(MCP_CUTOVER_SOURCE_DIR) + "/rules/catalog.json"));
  REQUIRE(OnDisk.rules().size() == RuleCatalog::builtin().rules().size());
  for (size_t I = 0; I < OnDisk.rules().size(); ++I)
    CHECK(OnDisk.rules()[I].description ==
          RuleCatalog::builtin().rules()[I].description);
}

TEST_CASE("a broken catalog is refused with the reason", "[catalog]") {
  CHECK_THROWS_WITH(RuleCatalog::parse("[]"),
                    "rule catalog is not a JSON object");
  CHECK_THROWS_WITH(
      RuleCatalog::parse(R"({"specVersion":"x","weeks":{"4":"W4"},"rules":[
        {"id":"a","name":"A","week":4,"level":"loud","summary":"","description":"",
         "help":"","spec":["s"],"tags":[]}]})"),
      "rule 'a': bad level");
  CHECK_THROWS_WITH(
      RuleCatalog::parse(R"({"specVersion":"x","weeks":{"4":"W4"},"rules":[
        {"id":"a","name":"A","week":4,"level":"note","summary":"","description":"",
         "help":"","spec":[],"tags":[]}]})"),
      "rule 'a' cites no spec");
  CHECK_THROWS_WITH(
      RuleCatalog::parse(R"({"specVersion":"x","weeks":{"4":"W4"},"rules":[
        {"id":"a","name":"A","week":4,"level":"note","summary":"","description":"",
         "help":"","spec":["s"],"tags":[],"fixTier":"maybe","fixNote":"n"}]})"),
      "rule 'a': fixTier is safe or review");
  CHECK_THROWS_WITH(
      RuleCatalog::parse(R"({"specVersion":"x","weeks":{"4":"W4"},"rules":[
        {"id":"a","name":"A","week":4,"level":"note","summary":"","description":"",
         "help":"","spec":["s"],"tags":[],"fixTier":"safe"}]})"),
      "rule 'a': fixTier and fixNote go together");
}
