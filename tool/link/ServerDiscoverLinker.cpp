#include "tool/link/ServerDiscoverLinker.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>

namespace mcp_cutover {

namespace {
/// How many methods the message names before "...".
constexpr size_t NamedMethods = 4;
/// How many other dispatch sites a finding lists as related locations.
constexpr size_t RelatedSites = 16;
} // namespace

void linkServerDiscover(const std::vector<TranslationUnitFacts> &Units,
                        std::vector<Finding> &Out) {
  // Each dispatcher's sites, once each (a header's dispatcher is seen by
  // every unit that includes it), in source order.
  std::map<std::string, std::set<std::pair<SourceSpan, std::string>>> Sites;
  std::map<std::string, std::string> Names;
  std::set<std::string> Registers;
  for (const TranslationUnitFacts &U : Units)
    for (const MethodDispatchFact &D : U.methodDispatches) {
      if (D.method == "server/discover")
        return;
      Sites[D.dispatcher].insert({D.site, D.method});
      Names[D.dispatcher] = D.phrase;
      if (D.registers)
        Registers.insert(D.dispatcher);
    }
  for (const auto &[Dispatcher, All] : Sites) {
    // One comparison is a special case (`if (method == "initialize")` to
    // skip the session check), not a dispatcher: it takes two methods, or
    // a handler registered under one.
    std::set<std::string> Distinct;
    for (const auto &Entry : All)
      Distinct.insert(Entry.second);
    if (Distinct.size() < 2 && !Registers.count(Dispatcher))
      continue;
    const auto &[First, FirstMethod] = *All.begin();
    std::vector<std::string> Methods;
    Finding F;
    for (const auto &[Site, Method] : All) {
      if (!llvm::is_contained(Methods, Method))
        Methods.push_back(Method);
      if (Site == First || Site.file.empty() ||
          F.related.size() >= RelatedSites)
        continue;
      F.related.push_back({Site, "dispatches on '" + Method + "'"});
    }
    std::string Listed;
    for (size_t I = 0; I < Methods.size() && I < NamedMethods; ++I)
      Listed += (I ? ", '" : "'") + Methods[I] + "'";
    if (Methods.size() > NamedMethods)
      Listed += ", ...";
    const std::string &Name = Names[Dispatcher];
    F.ruleId = "missing-server-discover";
    F.span = First;
    F.message = Name + " dispatches MCP methods (" + Listed +
                ") but the project handles 'server/discover' nowhere: MCP "
                "2026-07-28 servers must answer it with supportedVersions, "
                "capabilities, ttlMs and cacheScope, since clients no longer "
                "send initialize (SEP-2575); add it beside these";
    Out.push_back(std::move(F));
  }
}

} // namespace mcp_cutover
