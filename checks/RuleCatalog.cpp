#include "checks/RuleCatalog.h"

#include "rules/EmbeddedFile.h"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace mcp_cutover {

RuleCatalog RuleCatalog::parse(const std::string &Json) {
  nlohmann::json J = nlohmann::json::parse(Json, nullptr, /*exceptions=*/false);
  if (J.is_discarded() || !J.is_object())
    throw std::runtime_error("rule catalog is not a JSON object");
  RuleCatalog C;
  try {
    C.SpecVersion = J.at("specVersion").get<std::string>();
    for (auto &[Week, Title] : J.at("weeks").items())
      C.WeekTitles[std::stoi(Week)] = Title.get<std::string>();
    std::set<std::string> Seen;
    for (const auto &R : J.at("rules")) {
      Rule Entry;
      Entry.id = R.at("id").get<std::string>();
      Entry.name = R.at("name").get<std::string>();
      Entry.week = R.at("week").get<int>();
      if (!parseLevel(R.at("level").get<std::string>(), Entry.level))
        throw std::runtime_error("rule '" + Entry.id + "': bad level");
      Entry.summary = R.at("summary").get<std::string>();
      Entry.description = R.at("description").get<std::string>();
      Entry.help = R.at("help").get<std::string>();
      Entry.spec = R.at("spec").get<std::vector<std::string>>();
      Entry.tags = R.at("tags").get<std::vector<std::string>>();
      std::string Scope = R.value("scope", "unit");
      if (Scope != "unit" && Scope != "project" && Scope != "runtime")
        throw std::runtime_error("rule '" + Entry.id +
                                 "': scope is unit, project or runtime");
      Entry.projectWide = Scope == "project";
      Entry.runtime = Scope == "runtime";
      // Rules that give fix-its say which tier they are and why.
      if (R.contains("fixTier") &&
          !parseFixTier(R.at("fixTier").get<std::string>(), Entry.fixTier))
        throw std::runtime_error("rule '" + Entry.id +
                                 "': fixTier is safe or review");
      Entry.fixNote = R.value("fixNote", "");
      if (R.contains("fixTier") != !Entry.fixNote.empty())
        throw std::runtime_error("rule '" + Entry.id +
                                 "': fixTier and fixNote go together");
      if (Entry.spec.empty())
        throw std::runtime_error("rule '" + Entry.id + "' cites no spec");
      if (!C.WeekTitles.count(Entry.week))
        throw std::runtime_error("rule '" + Entry.id + "': unknown week");
      if (!Seen.insert(Entry.id).second)
        throw std::runtime_error("rule '" + Entry.id + "' listed twice");
      C.Rules.push_back(std::move(Entry));
    }
  } catch (const nlohmann::json::exception &E) {
    throw std::runtime_error(std::string("rule catalog: ") + E.what());
  }
  return C;
}

const RuleCatalog &RuleCatalog::builtin() {
  static const RuleCatalog Catalog = [] {
    try {
      return parse(RuleCatalogFiles[0].text);
    } catch (const std::exception &E) {
      std::fprintf(stderr, "mcp-cutover: internal error: %s\n", E.what());
      std::abort();
    }
  }();
  return Catalog;
}

const Rule *RuleCatalog::find(const std::string &Id) const {
  int I = indexOf(Id);
  return I < 0 ? nullptr : &Rules[I];
}

int RuleCatalog::indexOf(const std::string &Id) const {
  for (size_t I = 0; I < Rules.size(); ++I)
    if (Rules[I].id == Id)
      return static_cast<int>(I);
  return -1;
}

std::string RuleCatalog::weekTitle(int Week) const {
  auto It = WeekTitles.find(Week);
  return It == WeekTitles.end() ? "Week " + std::to_string(Week) : It->second;
}

} // namespace mcp_cutover
