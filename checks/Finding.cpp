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

void to_json(nlohmann::json &J, const TranslationUnitFacts &F) {
  J = {{"file", F.file},
       {"standaloneHeader", F.standaloneHeader},
       {"status", unitStatusName(F.status)},
       {"firstError", F.firstError},
       {"errorCount", F.errorCount},
       {"findings", F.findings},
       {"containers", F.containers},
       {"accesses", F.accesses},
       {"userFiles", F.userFiles}};
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
  J.at("userFiles").get_to(F.userFiles);
}

} // namespace mcp_cutover
