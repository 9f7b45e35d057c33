#include "tool/report/Checklist.h"

#include "checks/utils/InputLimits.h"
#include "rules/EmbeddedFile.h"
#include "tool/traffic/TrafficVerdict.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

namespace mcp_cutover {

namespace {
[[noreturn]] void fail(const std::string &Where, const std::string &What) {
  throw std::runtime_error("checklist: " + Where + ": " + What);
}

void onlyKeys(const nlohmann::json &Object, const std::string &Where,
              const std::set<std::string> &Allowed) {
  for (const auto &[Key, Value] : Object.items())
    if (!Allowed.count(Key))
      fail(Where, "unknown key " + quoteInput(Key));
}

std::string text(const nlohmann::json &Object, const std::string &Where,
                 const std::string &Key, bool Required) {
  if (!Object.contains(Key)) {
    if (Required)
      fail(Where, "'" + Key + "' is missing");
    return "";
  }
  if (!Object[Key].is_string() || Object[Key].get<std::string>().empty())
    fail(Where, "'" + Key + "' must be a non-empty string");
  return Object[Key].get<std::string>();
}
} // namespace

Checklist Checklist::parse(const std::string &Json,
                           const RuleCatalog &Catalog) {
  // dump() and copies of nlohmann values recurse: bound the depth first.
  if (std::string Problem = checkJsonShape(Json); !Problem.empty())
    fail("/", Problem);
  nlohmann::json Doc = nlohmann::json::parse(Json, nullptr, false);
  if (Doc.is_discarded() || !Doc.is_object())
    fail("/", "not a JSON object");
  onlyKeys(Doc, "/", {"schemaVersion", "gaDate", "items"});
  Checklist C;
  C.GaDate = text(Doc, "/", "gaDate", true);
  if (!Doc.contains("items") || !Doc["items"].is_array())
    fail("/items", "must be an array");
  std::map<std::string, std::string> ItemOfRule;
  std::set<std::string> Ids;
  for (size_t I = 0; I < Doc["items"].size(); ++I) {
    const nlohmann::json &J = Doc["items"][I];
    std::string Where = "/items/" + std::to_string(I);
    if (!J.is_object())
      fail(Where, "must be an object");
    onlyKeys(
        J, Where,
        {"id", "week", "title", "rules", "probe", "verify", "spec", "traffic"});
    ChecklistItem Item;
    Item.id = text(J, Where, "id", true);
    if (!Ids.insert(Item.id).second)
      fail(Where, "id " + quoteInput(Item.id) + " repeats");
    if (!J.contains("week") || !J["week"].is_number_integer() ||
        J["week"].get<int>() < 0 || J["week"].get<int>() > 4)
      fail(Where, "'week' must be an integer from 0 (GA week) to 4");
    Item.week = J["week"].get<int>();
    Item.title = text(J, Where, "title", true);
    Item.verify = text(J, Where, "verify", false);
    Item.spec = text(J, Where, "spec", true);
    Item.traffic = text(J, Where, "traffic", false);
    if (!Item.traffic.empty() && !trafficQuestion(Item.traffic))
      fail(Where, "'traffic' must be legacy-clients or session-header-clients");
    // "rules" are the code's, "probe" the runtime rules that verify the
    // item on running instances.
    for (const char *Key : {"rules", "probe"}) {
      if (!J.contains(Key))
        continue;
      bool Runtime = std::string(Key) == "probe";
      if (!J[Key].is_array() || J[Key].empty())
        fail(Where, std::string("'") + Key +
                        "' must be a non-empty array of rule ids");
      for (const nlohmann::json &R : J[Key]) {
        std::string Id = R.is_string() ? R.get<std::string>() : "";
        const Rule *Found = Catalog.find(Id);
        if (!Found)
          fail(Where,
               "unknown rule " +
                   (R.is_string() ? quoteInput(Id) : R.dump().substr(0, 80)));
        if (Found->runtime != Runtime)
          fail(Where, "rule '" + Id + "' belongs in '" +
                          (Found->runtime ? "probe" : "rules") + "'");
        if (ItemOfRule.count(Id))
          fail(Where, "rule '" + Id + "' is already in item " +
                          quoteInput(ItemOfRule[Id]));
        ItemOfRule[Id] = Item.id;
        (Runtime ? Item.probeRules : Item.rules).push_back(Id);
      }
    }
    if (Item.rules.empty() && Item.verify.empty())
      fail(Where, "an item without rules needs 'verify' (how to check it)");
    C.Items.push_back(std::move(Item));
  }
  for (const Rule &R : Catalog.rules())
    if (!ItemOfRule.count(R.id))
      fail("/items", "rule '" + R.id + "' belongs to no item");
  return C;
}

const Checklist &Checklist::builtin() {
  static const Checklist Instance = [] {
    for (const EmbeddedFile *F = RuleCatalogFiles; F->name; ++F)
      if (std::string(F->name) == "checklist.json") {
        try {
          return parse(F->text, RuleCatalog::builtin());
        } catch (const std::exception &E) {
          std::fprintf(stderr, "mcp-cutover: internal error: %s\n", E.what());
          std::abort();
        }
      }
    std::fprintf(stderr, "mcp-cutover: internal error: no checklist.json\n");
    std::abort();
  }();
  return Instance;
}

} // namespace mcp_cutover
