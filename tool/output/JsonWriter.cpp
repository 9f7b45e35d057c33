#include "tool/output/Writers.h"

#include <map>

namespace mcp_cutover {

namespace {
nlohmann::ordered_json spanJson(const SourceSpan &S) {
  return {{"file", S.file},
          {"line", S.line},
          {"column", S.column},
          {"endLine", S.endLine},
          {"endColumn", S.endColumn}};
}

int weekOf(const Finding &F, const RuleCatalog &Catalog) {
  const Rule *R = Catalog.find(F.ruleId);
  return R ? R->week : 0;
}

nlohmann::ordered_json findingJson(const Finding &F,
                                   const RuleCatalog &Catalog) {
  using nlohmann::ordered_json;
  int Week = weekOf(F, Catalog);
  ordered_json J = {{"ruleId", F.ruleId},
                    {"level", levelName(F.level)},
                    {"week", Week},
                    {"message", F.message}};
  J.update(spanJson(F.span));
  ordered_json Related = ordered_json::array();
  for (const RelatedLocation &Rel : F.related) {
    ordered_json RJ = spanJson(Rel.span);
    RJ["message"] = Rel.message;
    Related.push_back(RJ);
  }
  J["related"] = Related;
  ordered_json Fixes = ordered_json::array();
  for (const FixIt &Fix : F.fixes) {
    ordered_json FJ = spanJson(Fix.span);
    FJ["replacement"] = Fix.replacement;
    Fixes.push_back(FJ);
  }
  J["fixes"] = Fixes;
  if (!F.fixes.empty())
    J["fixTier"] = fixTierName(F.fixTier);
  J["fingerprint"] = F.fingerprint;
  if (!F.baselineState.empty())
    J["baselineState"] = F.baselineState;
  if (F.suppression) {
    ordered_json S = {{"kind", "inSource"},
                      {"justification", F.suppression->justification}};
    S.update(spanJson(F.suppression->directive));
    J["suppression"] = S;
  }
  return J;
}
} // namespace

std::string renderJson(const ProjectResult &Result,
                       const RuleCatalog &Catalog) {
  using nlohmann::ordered_json;
  ordered_json Findings = ordered_json::array();
  std::map<std::string, size_t> ByRule;
  std::map<std::string, size_t> ByWeek;
  for (const Finding &F : Result.findings) {
    ++ByRule[F.ruleId];
    ++ByWeek[std::to_string(weekOf(F, Catalog))];
    Findings.push_back(findingJson(F, Catalog));
  }
  ordered_json Suppressed = ordered_json::array();
  for (const Finding &F : Result.suppressed)
    Suppressed.push_back(findingJson(F, Catalog));
  ordered_json Problems = ordered_json::array();
  for (const SuppressionProblem &P : Result.suppressionProblems) {
    ordered_json J = spanJson(P.span);
    J["level"] = levelName(P.level);
    J["message"] = P.message;
    Problems.push_back(J);
  }
  ordered_json Units = ordered_json::array();
  for (const UnitSummary &U : Result.units) {
    ordered_json J = {{"file", U.file},
                      {"kind", U.standaloneHeader ? "header" : "source"},
                      {"status", unitStatusName(U.status)}};
    if (U.status != UnitStatus::Complete)
      J["error"] = U.firstError;
    Units.push_back(J);
  }
  ordered_json Configs = ordered_json::array();
  for (const UnitSummary &U : Result.configFiles) {
    ordered_json J = {{"file", U.file}, {"status", unitStatusName(U.status)}};
    if (U.status != UnitStatus::Complete)
      J["error"] = U.firstError;
    Configs.push_back(J);
  }
  ordered_json Tools = ordered_json::array();
  for (const ToolScopeRow &T : Result.tools) {
    ordered_json J = {{"kind", T.kind}, {"name", T.name}};
    J.update(spanJson(T.site));
    J["handlerResolved"] = !T.handler.empty();
    J["schema"] = T.schema;
    J["state"] = T.state;
    J["handleStatus"] = T.handleStatus.empty() ? "n.a." : T.handleStatus;
    J["handle"] = T.handle;
    Tools.push_back(J);
  }
  ordered_json Doc = {
      {"schemaVersion", 1},
      {"tool", {{"name", "mcp-cutover"}, {"version", MCP_CUTOVER_VERSION}}},
      {"specVersion", Catalog.specVersion()},
      {"executionSuccessful", Result.allUnitsComplete()},
      {"rulesRun", Result.rulesRun},
      {"rulesWithoutInput", Result.rulesWithoutInput},
      {"findings", Findings},
      {"suppressed", Suppressed},
      {"suppressionProblems", Problems},
      {"translationUnits", Units},
      {"configurationFiles", Configs},
      {"tools", Tools},
      {"fileDigests", Result.fileDigests},
      {"summary",
       {{"findings", Result.findings.size()},
        {"suppressed", Result.suppressed.size()},
        {"byRule", ByRule},
        {"byWeek", ByWeek},
        {"translationUnits", Result.units.size()},
        {"incomplete", Result.count(UnitStatus::Incomplete)},
        {"failed", Result.count(UnitStatus::Failed)}}}};
  if (Result.probe) {
    const ProbeSummary &P = *Result.probe;
    ordered_json Checks = ordered_json::array();
    for (const RuntimeCheck &C : P.checks)
      Checks.push_back({{"ruleId", C.rule},
                        {"status", C.status},
                        {"detail", C.detail},
                        {"evidence", C.evidence}});
    Doc["probe"] = {{"side", P.side}, {"urls", P.urls}};
    if (P.side == "client")
      Doc["probe"]["requestsRecorded"] = P.requestsRecorded;
    else
      Doc["probe"].update({{"discoverVersions", P.discoverVersions},
                           {"handshakeVersions", P.handshakeVersions},
                           {"sessionWall", P.sessionWall}});
    Doc["probe"]["checks"] = Checks;
  }
  if (Result.hasBaseline) {
    ordered_json Fixed = ordered_json::array();
    size_t Unchanged = 0;
    for (const Finding &F : Result.fixed)
      Fixed.push_back(findingJson(F, Catalog));
    for (const Finding &F : Result.findings)
      Unchanged += F.baselineState == "unchanged";
    Doc["fixed"] = Fixed;
    Doc["summary"]["baseline"] = {{"new", Result.findings.size() - Unchanged},
                                  {"unchanged", Unchanged},
                                  {"fixed", Result.fixed.size()}};
  }
  if (!Result.diffBase.empty())
    Doc["summary"]["diffBase"] = {{"ref", Result.diffBase},
                                  {"outside", Result.outsideDiff}};
  // Text from the input (a name in a Latin-1 source, what a probed server
  // said) may not be UTF-8: replaced, never a throw.
  return Doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::string renderRulesJson(const RuleCatalog &Catalog) {
  nlohmann::ordered_json Rules = nlohmann::ordered_json::array();
  for (const Rule &R : Catalog.rules())
    Rules.push_back({{"id", R.id},
                     {"name", R.name},
                     {"week", R.week},
                     {"level", levelName(R.level)},
                     {"scope", R.runtime       ? "runtime"
                               : R.projectWide ? "project"
                                               : "unit"},
                     {"summary", R.summary},
                     {"description", R.description},
                     {"help", R.help},
                     {"spec", R.spec},
                     {"tags", R.tags}});
  return nlohmann::ordered_json{{"specVersion", Catalog.specVersion()},
                                {"rules", Rules}}
             .dump(2) +
         "\n";
}

} // namespace mcp_cutover
