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

void to_json(nlohmann::json &J, const SourceSpan &S) {
  J = {{"file", S.file},       {"line", S.line},
       {"column", S.column},   {"endLine", S.endLine},
       {"endColumn", S.endColumn}};
}
void from_json(const nlohmann::json &J, SourceSpan &S) {
  J.at("file").get_to(S.file);
  J.at("line").get_to(S.line);
  J.at("column").get_to(S.column);
  J.at("endLine").get_to(S.endLine);
  J.at("endColumn").get_to(S.endColumn);
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
  J = {{"ruleId", F.ruleId},   {"level", levelName(F.level)},
       {"span", F.span},       {"message", F.message},
       {"related", F.related}, {"fixes", F.fixes},
       {"fingerprint", F.fingerprint}};
}
void from_json(const nlohmann::json &J, Finding &F) {
  J.at("ruleId").get_to(F.ruleId);
  parseLevel(J.at("level").get<std::string>(), F.level);
  J.at("span").get_to(F.span);
  J.at("message").get_to(F.message);
  J.at("related").get_to(F.related);
  J.at("fixes").get_to(F.fixes);
  J.at("fingerprint").get_to(F.fingerprint);
}

void to_json(nlohmann::json &J, const StateContainerFact &F) {
  J = {{"decl", F.decl},
       {"name", F.name},
       {"containerType", F.containerType},
       {"keyType", F.keyType},
       {"aliasName", F.aliasName},
       {"keyTypeNamesSession", F.keyTypeNamesSession},
       {"nameNamesSessionStore", F.nameNamesSessionStore},
       {"aliasNamesSession", F.aliasNamesSession}};
}
void from_json(const nlohmann::json &J, StateContainerFact &F) {
  J.at("decl").get_to(F.decl);
  J.at("name").get_to(F.name);
  J.at("containerType").get_to(F.containerType);
  J.at("keyType").get_to(F.keyType);
  J.at("keyTypeNamesSession").get_to(F.keyTypeNamesSession);
  J.at("nameNamesSessionStore").get_to(F.nameNamesSessionStore);
  J.at("aliasName").get_to(F.aliasName);
  J.at("aliasNamesSession").get_to(F.aliasNamesSession);
}

void to_json(nlohmann::json &J, const StateAccessFact &F) {
  J = {{"declKey", F.declKey},
       {"site", F.site},
       {"keyText", F.keyText},
       {"keyIsSession", F.keyIsSession}};
}
void from_json(const nlohmann::json &J, StateAccessFact &F) {
  J.at("declKey").get_to(F.declKey);
  J.at("site").get_to(F.site);
  J.at("keyText").get_to(F.keyText);
  J.at("keyIsSession").get_to(F.keyIsSession);
}

void to_json(nlohmann::json &J, const TranslationUnitFacts &F) {
  J = {{"file", F.file},
       {"status", unitStatusName(F.status)},
       {"firstError", F.firstError},
       {"errorCount", F.errorCount},
       {"findings", F.findings},
       {"containers", F.containers},
       {"accesses", F.accesses}};
}
void from_json(const nlohmann::json &J, TranslationUnitFacts &F) {
  J.at("file").get_to(F.file);
  std::string Status = J.at("status").get<std::string>();
  F.status = Status == "complete"     ? UnitStatus::Complete
             : Status == "incomplete" ? UnitStatus::Incomplete
                                      : UnitStatus::Failed;
  J.at("firstError").get_to(F.firstError);
  J.at("errorCount").get_to(F.errorCount);
  J.at("findings").get_to(F.findings);
  J.at("containers").get_to(F.containers);
  J.at("accesses").get_to(F.accesses);
}

} // namespace mcp_cutover
