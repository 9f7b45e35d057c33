#include "checks/Finding.h"

#include <tuple>

namespace mcp_cutover {

const char *levelName(Level L) {
  switch (L) {
  case Level::Note:
    return "note";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  return "warning";
}

bool parseLevel(const std::string &Text, Level &Out) {
  for (Level L : {Level::Note, Level::Warning, Level::Error})
    if (Text == levelName(L)) {
      Out = L;
      return true;
    }
  return false;
}

const char *fixTierName(FixTier T) {
  return T == FixTier::Safe ? "safe" : "review";
}

bool parseFixTier(const std::string &Text, FixTier &Out) {
  for (FixTier T : {FixTier::Safe, FixTier::Review})
    if (Text == fixTierName(T)) {
      Out = T;
      return true;
    }
  return false;
}

const char *unitStatusName(UnitStatus S) {
  switch (S) {
  case UnitStatus::Complete:
    return "complete";
  case UnitStatus::Incomplete:
    return "incomplete";
  case UnitStatus::Failed:
    return "failed";
  }
  return "failed";
}

std::string SourceSpan::key() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

bool operator<(const SourceSpan &A, const SourceSpan &B) {
  return std::tie(A.file, A.line, A.column, A.endLine, A.endColumn) <
         std::tie(B.file, B.line, B.column, B.endLine, B.endColumn);
}

bool isRuleEnabled(const std::set<std::string> &EnabledRules,
                   const std::string &Id) {
  return EnabledRules.empty() || EnabledRules.count(Id);
}

void to_json(nlohmann::json &J, const RelatedLocation &R) {
  J = R.span;
  J["message"] = R.message;
}
void from_json(const nlohmann::json &J, RelatedLocation &R) {
  J.get_to(R.span);
  J.at("message").get_to(R.message);
}

void to_json(nlohmann::json &J, const FixIt &F) {
  J = F.span;
  J["replacement"] = F.replacement;
}
void from_json(const nlohmann::json &J, FixIt &F) {
  J.get_to(F.span);
  J.at("replacement").get_to(F.replacement);
}

void to_json(nlohmann::json &J, const Finding &F) {
  J = {{"ruleId", F.ruleId},
       {"level", levelName(F.level)},
       {"span", F.span},
       {"message", F.message},
       {"related", F.related},
       {"fixes", F.fixes},
       {"fixTier", fixTierName(F.fixTier)},
       {"fingerprint", F.fingerprint}};
  if (F.atMostNote)
    J["atMostNote"] = true;
}
void from_json(const nlohmann::json &J, Finding &F) {
  J.at("ruleId").get_to(F.ruleId);
  parseLevel(J.at("level").get<std::string>(), F.level);
  J.at("span").get_to(F.span);
  J.at("message").get_to(F.message);
  J.at("related").get_to(F.related);
  J.at("fixes").get_to(F.fixes);
  parseFixTier(J.value("fixTier", "review"), F.fixTier);
  J.at("fingerprint").get_to(F.fingerprint);
  F.atMostNote = J.value("atMostNote", false);
}

void to_json(nlohmann::json &J, const FunctionStateFact &F) {
  J = {{"id", F.id},       {"name", F.name},
       {"decl", F.decl},   {"uses", F.uses},
       {"calls", F.calls}, {"listMutations", F.listMutations}};
}
void from_json(const nlohmann::json &J, FunctionStateFact &F) {
  J.at("id").get_to(F.id);
  J.at("name").get_to(F.name);
  J.at("decl").get_to(F.decl);
  J.at("uses").get_to(F.uses);
  J.at("calls").get_to(F.calls);
  J.at("listMutations").get_to(F.listMutations);
}

namespace {
// Facts travel as nlohmann::json, whose objects sort their keys. A schema's
// property order decides which of two properties a finding names (the
// first of a duplicate header, the first handle), so schemas travel as
// their text: a unit from the cache or a shard reports what a parse does.
std::string schemaText(const nlohmann::ordered_json &J) {
  return J.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
nlohmann::ordered_json schemaFrom(const nlohmann::json &J) {
  return nlohmann::ordered_json::parse(J.get<std::string>());
}
} // namespace

void to_json(nlohmann::json &J, const ToolFact &F) {
  J = {{"kind", F.kind},
       {"name", F.name},
       {"site", F.site},
       {"profile", F.profile},
       {"description", F.description},
       {"descriptionKnown", F.descriptionKnown},
       {"schemaStyle", F.schemaStyle},
       {"inputSchema", schemaText(F.inputSchema)},
       {"inputSchemaKnown", F.inputSchemaKnown},
       {"inputSchemaGiven", F.inputSchemaGiven},
       {"inputSchemaSpan", F.inputSchemaSpan},
       {"inputSchemaLists", F.inputSchemaLists},
       {"outputSchema", schemaText(F.outputSchema)},
       {"outputSchemaKnown", F.outputSchemaKnown},
       {"handler", F.handler},
       {"handlerSpan", F.handlerSpan},
       {"handleInsertionPoint", F.handleInsertionPoint},
       {"handleInsertion", F.handleInsertion},
       {"dispatchBranch", F.dispatchBranch},
       {"registrar", F.registrar},
       {"catchAll", F.catchAll}};
}
void from_json(const nlohmann::json &J, ToolFact &F) {
  J.at("kind").get_to(F.kind);
  J.at("name").get_to(F.name);
  J.at("site").get_to(F.site);
  J.at("profile").get_to(F.profile);
  J.at("description").get_to(F.description);
  J.at("descriptionKnown").get_to(F.descriptionKnown);
  J.at("schemaStyle").get_to(F.schemaStyle);
  F.inputSchema = schemaFrom(J.at("inputSchema"));
  J.at("inputSchemaKnown").get_to(F.inputSchemaKnown);
  J.at("inputSchemaGiven").get_to(F.inputSchemaGiven);
  J.at("inputSchemaSpan").get_to(F.inputSchemaSpan);
  J.at("inputSchemaLists").get_to(F.inputSchemaLists);
  F.outputSchema = schemaFrom(J.at("outputSchema"));
  J.at("outputSchemaKnown").get_to(F.outputSchemaKnown);
  J.at("handler").get_to(F.handler);
  J.at("handlerSpan").get_to(F.handlerSpan);
  J.at("handleInsertionPoint").get_to(F.handleInsertionPoint);
  J.at("handleInsertion").get_to(F.handleInsertion);
  J.at("dispatchBranch").get_to(F.dispatchBranch);
  J.at("registrar").get_to(F.registrar);
  J.at("catchAll").get_to(F.catchAll);
}

void to_json(nlohmann::json &J, const TranslationUnitFacts &F) {
  J = {{"file", F.file},
       {"standaloneHeader", F.standaloneHeader},
       {"status", unitStatusName(F.status)},
       {"firstError", F.firstError},
       {"errorCount", F.errorCount},
       {"findings", F.findings},
       {"containers", F.containers},
       {"accesses", F.accesses},
       {"functions", F.functions},
       {"tools", F.tools},
       {"idFlow", F.idFlow},
       {"methodDispatches", F.methodDispatches},
       {"conditionalFindings", F.conditionalFindings},
       {"redisKeyParams", F.redisKeyParams},
       {"keyArgumentCalls", F.keyArgumentCalls},
       {"projectSigns", F.projectSigns},
       {"userFiles", F.userFiles},
       {"fileDigests", F.fileDigests}};
}
void from_json(const nlohmann::json &J, TranslationUnitFacts &F) {
  J.at("file").get_to(F.file);
  J.at("standaloneHeader").get_to(F.standaloneHeader);
  std::string Status = J.at("status").get<std::string>();
  F.status = Status == "complete"     ? UnitStatus::Complete
             : Status == "incomplete" ? UnitStatus::Incomplete
                                      : UnitStatus::Failed;
  J.at("firstError").get_to(F.firstError);
  J.at("errorCount").get_to(F.errorCount);
  J.at("findings").get_to(F.findings);
  J.at("containers").get_to(F.containers);
  J.at("accesses").get_to(F.accesses);
  J.at("functions").get_to(F.functions);
  J.at("tools").get_to(F.tools);
  J.at("idFlow").get_to(F.idFlow);
  J.at("methodDispatches").get_to(F.methodDispatches);
  J.at("conditionalFindings").get_to(F.conditionalFindings);
  // Added after facts format 1 was out: a shard without them has none.
  if (auto It = J.find("redisKeyParams"); It != J.end())
    It->get_to(F.redisKeyParams);
  if (auto It = J.find("keyArgumentCalls"); It != J.end())
    It->get_to(F.keyArgumentCalls);
  J.at("projectSigns").get_to(F.projectSigns);
  J.at("userFiles").get_to(F.userFiles);
  J.at("fileDigests").get_to(F.fileDigests);
}

} // namespace mcp_cutover
