#include "tool/ResultReader.h"

#include "llvm/Support/MemoryBuffer.h"

namespace mcp_cutover {

namespace {
using nlohmann::json;

SourceSpan spanOf(const json &J) {
  SourceSpan S;
  S.file = J.at("file").get<std::string>();
  S.line = J.at("line").get<unsigned>();
  S.column = J.at("column").get<unsigned>();
  S.endLine = J.at("endLine").get<unsigned>();
  S.endColumn = J.at("endColumn").get<unsigned>();
  return S;
}

UnitStatus statusOf(const std::string &Name) {
  for (UnitStatus S :
       {UnitStatus::Complete, UnitStatus::Incomplete, UnitStatus::Failed})
    if (Name == unitStatusName(S))
      return S;
  throw std::runtime_error("unknown translation unit status '" + Name + "'");
}
} // namespace

std::optional<ProjectResult> readJsonResult(const std::string &Path,
                                            const std::string &Root,
                                            std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Path + ": cannot read: " + Buffer.getError().message();
    return std::nullopt;
  }
  json Doc = json::parse((*Buffer)->getBuffer().str(), nullptr, false);
  if (Doc.is_discarded()) {
    Error = Path + ": not valid JSON";
    return std::nullopt;
  }
  try {
    if (!Doc.is_object() || Doc.value("schemaVersion", 0) != 1 ||
        !Doc.contains("findings"))
      throw std::runtime_error(
          "not a result of 'mcp-cutover check --json' (schemaVersion 1)");
    ProjectResult R;
    R.root = Root;
    for (const json &J : Doc.at("findings")) {
      Finding F;
      F.ruleId = J.at("ruleId").get<std::string>();
      if (!parseLevel(J.at("level").get<std::string>(), F.level))
        throw std::runtime_error("finding with an unknown level");
      F.span = spanOf(J);
      F.message = J.at("message").get<std::string>();
      for (const json &Rel : J.at("related"))
        F.related.push_back(
            {spanOf(Rel), Rel.at("message").get<std::string>()});
      for (const json &Fix : J.at("fixes"))
        F.fixes.push_back(
            {spanOf(Fix), Fix.at("replacement").get<std::string>()});
      if (!F.fixes.empty() &&
          !parseFixTier(J.value("fixTier", "review"), F.fixTier))
        throw std::runtime_error("finding with an unknown fixTier");
      F.fingerprint = J.at("fingerprint").get<std::string>();
      R.findings.push_back(std::move(F));
    }
    for (const json &J : Doc.at("translationUnits")) {
      UnitSummary U;
      U.file = J.at("file").get<std::string>();
      U.standaloneHeader = J.at("kind").get<std::string>() == "header";
      U.status = statusOf(J.at("status").get<std::string>());
      U.firstError = J.value("error", "");
      R.units.push_back(std::move(U));
    }
    for (const json &J : Doc.at("tools")) {
      ToolScopeRow T;
      T.kind = J.at("kind").get<std::string>();
      T.name = J.at("name").get<std::string>();
      T.site = spanOf(J);
      // The report only needs to know whether it was resolved.
      T.handler = J.at("handlerResolved").get<bool>() ? "resolved" : "";
      T.schema = J.at("schema").get<std::string>();
      T.state = J.at("state").get<std::vector<std::string>>();
      T.handleStatus = J.at("handleStatus").get<std::string>();
      T.handle = J.at("handle").get<std::string>();
      R.tools.push_back(std::move(T));
    }
    R.rulesRun = Doc.at("rulesRun").get<std::vector<std::string>>();
    if (Doc.contains("fileDigests"))
      R.fileDigests =
          Doc.at("fileDigests").get<std::map<std::string, std::string>>();
    return R;
  } catch (const std::exception &E) {
    std::string What = E.what();
    // nlohmann's messages start with "[json.exception...] ": keep the rest.
    if (size_t At = What.find("] ");
        What.rfind("[json.", 0) == 0 && At != std::string::npos)
      What = What.substr(At + 2);
    Error = Path + ": not a usable mcp-cutover result: " + What;
    return std::nullopt;
  }
}

} // namespace mcp_cutover
