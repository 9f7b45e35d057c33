#include "tool/output/ResultReader.h"

#include "checks/utils/InputLimits.h"

namespace mcp_cutover {

namespace {
using nlohmann::json;

/// A line or column. get<unsigned>() would convert a float or a negative
/// number (undefined behaviour for 1e300), so only whole numbers in range
/// are taken.
unsigned position(const json &J, const char *Key) {
  const json &V = J.at(Key);
  if (!V.is_number_unsigned() || V.get<uint64_t>() > MaxLineOrColumn)
    throw std::runtime_error("'" + std::string(Key) +
                             "' must be a whole number from 0 to " +
                             std::to_string(MaxLineOrColumn));
  return static_cast<unsigned>(V.get<uint64_t>());
}

/// A member that must be an array: iterating an object or a scalar would
/// quietly read its values instead.
const json &array(const json &J, const char *Key) {
  const json &V = J.at(Key);
  if (!V.is_array())
    throw std::runtime_error("'" + std::string(Key) + "' must be an array");
  return V;
}

SourceSpan spanOf(const json &J) {
  SourceSpan S;
  S.file = J.at("file").get<std::string>();
  S.line = position(J, "line");
  S.column = position(J, "column");
  S.endLine = position(J, "endLine");
  S.endColumn = position(J, "endColumn");
  return S;
}

Finding findingOf(const json &J) {
  Finding F;
  F.ruleId = J.at("ruleId").get<std::string>();
  if (!parseLevel(J.at("level").get<std::string>(), F.level))
    throw std::runtime_error("finding with an unknown level");
  F.span = spanOf(J);
  F.message = J.at("message").get<std::string>();
  for (const json &Rel : array(J, "related"))
    F.related.push_back({spanOf(Rel), Rel.at("message").get<std::string>()});
  for (const json &Fix : array(J, "fixes"))
    F.fixes.push_back({spanOf(Fix), Fix.at("replacement").get<std::string>()});
  if (!F.fixes.empty() &&
      !parseFixTier(J.value("fixTier", "review"), F.fixTier))
    throw std::runtime_error("finding with an unknown fixTier");
  F.fingerprint = J.at("fingerprint").get<std::string>();
  F.baselineState = J.value("baselineState", "");
  if (J.contains("suppression")) {
    const json &S = J.at("suppression");
    F.suppression =
        Suppression{spanOf(S), S.at("justification").get<std::string>()};
  }
  return F;
}

UnitStatus statusOf(const std::string &Name) {
  for (UnitStatus S :
       {UnitStatus::Complete, UnitStatus::Incomplete, UnitStatus::Failed})
    if (Name == unitStatusName(S))
      return S;
  throw std::runtime_error("unknown translation unit status " +
                           quoteInput(Name));
}
} // namespace

std::optional<ProjectResult> readJsonResult(const std::string &Path,
                                            const std::string &Root,
                                            std::string &Error) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text); !Problem.empty()) {
    Error = Path + ": " + Problem;
    return std::nullopt;
  }
  if (std::string Problem = checkJsonShape(Text); !Problem.empty()) {
    Error = Path + ": not a usable mcp-cutover result: " + Problem;
    return std::nullopt;
  }
  json Doc = json::parse(Text, nullptr, false);
  if (Doc.is_discarded()) {
    Error = Path + ": not valid JSON";
    return std::nullopt;
  }
  try {
    // Not value<int>(): it converts 1e300 with undefined behaviour.
    if (!Doc.is_object() || !Doc.contains("schemaVersion") ||
        Doc["schemaVersion"] != 1 || !Doc.contains("findings"))
      throw std::runtime_error(
          "not a result of 'mcp-cutover check --json' (schemaVersion 1)");
    ProjectResult R;
    R.root = Root;
    for (const json &J : array(Doc, "findings"))
      R.findings.push_back(findingOf(J));
    // Optional: results written before suppressions existed lack them.
    if (Doc.contains("suppressed"))
      for (const json &J : array(Doc, "suppressed")) {
        Finding F = findingOf(J);
        if (!F.suppression)
          throw std::runtime_error("a suppressed finding without its "
                                   "'suppression'");
        R.suppressed.push_back(std::move(F));
      }
    // Only a run with --baseline has it.
    if (Doc.contains("fixed")) {
      R.hasBaseline = true;
      for (const json &J : array(Doc, "fixed"))
        R.fixed.push_back(findingOf(J));
    }
    if (Doc.contains("suppressionProblems"))
      for (const json &J : array(Doc, "suppressionProblems")) {
        SuppressionProblem P;
        P.span = spanOf(J);
        if (!parseLevel(J.at("level").get<std::string>(), P.level))
          throw std::runtime_error("suppression problem with an unknown level");
        P.message = J.at("message").get<std::string>();
        R.suppressionProblems.push_back(std::move(P));
      }
    for (const json &J : array(Doc, "translationUnits")) {
      UnitSummary U;
      U.file = J.at("file").get<std::string>();
      U.standaloneHeader = J.at("kind").get<std::string>() == "header";
      U.status = statusOf(J.at("status").get<std::string>());
      U.firstError = J.value("error", "");
      R.units.push_back(std::move(U));
    }
    for (const json &J : array(Doc, "tools")) {
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
    if (Doc.contains("rulesWithoutInput"))
      R.rulesWithoutInput =
          Doc.at("rulesWithoutInput").get<std::vector<std::string>>();
    // Optional: results written before configuration was read lack it.
    if (Doc.contains("configurationFiles"))
      for (const json &J : array(Doc, "configurationFiles")) {
        UnitSummary U;
        U.file = J.at("file").get<std::string>();
        U.status = statusOf(J.at("status").get<std::string>());
        U.firstError = J.value("error", "");
        R.configFiles.push_back(std::move(U));
      }
    if (Doc.contains("probe")) {
      const json &P = Doc.at("probe");
      ProbeSummary S;
      // "side" is optional: a server probe's result written before the
      // client side existed lacks it.
      S.side = P.value("side", "server");
      S.urls = P.at("urls").get<std::vector<std::string>>();
      if (S.side == "client") {
        S.requestsRecorded = P.at("requestsRecorded").get<size_t>();
      } else if (S.side == "server") {
        S.discoverVersions =
            P.at("discoverVersions").get<std::vector<std::string>>();
        S.handshakeVersions =
            P.at("handshakeVersions").get<std::vector<std::string>>();
        S.sessionWall = P.at("sessionWall").get<bool>();
      } else {
        throw std::runtime_error("probe side '" + S.side.substr(0, 40) +
                                 "' is neither server nor client");
      }
      for (const json &J : array(P, "checks")) {
        RuntimeCheck C;
        C.rule = J.at("ruleId").get<std::string>();
        C.status = J.at("status").get<std::string>();
        if (C.status != "passed" && C.status != "failed" &&
            C.status != "skipped")
          throw std::runtime_error("runtime check with status '" +
                                   C.status.substr(0, 40) + "'");
        C.detail = J.at("detail").get<std::string>();
        C.evidence = J.at("evidence").get<std::vector<std::string>>();
        S.checks.push_back(std::move(C));
      }
      R.probe = std::move(S);
    }
    if (Doc.contains("fileDigests"))
      R.fileDigests =
          Doc.at("fileDigests").get<std::map<std::string, std::string>>();
    return R;
  } catch (const std::exception &E) {
    Error = Path + ": not a usable mcp-cutover result: " + jsonErrorText(E);
    return std::nullopt;
  }
}

} // namespace mcp_cutover
