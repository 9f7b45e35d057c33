#include "tool/output/Baseline.h"

#include "checks/utils/InputLimits.h"
#include "tool/output/ResultReader.h"

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>

namespace mcp_cutover {

namespace {
using nlohmann::json;

unsigned lineOrColumn(const json &Region, const char *Key) {
  if (!Region.contains(Key))
    return 0;
  const json &V = Region.at(Key);
  if (!V.is_number_unsigned() || V.get<uint64_t>() > MaxLineOrColumn)
    throw std::runtime_error(std::string("region '") + Key +
                             "' must be a whole number");
  return static_cast<unsigned>(V.get<uint64_t>());
}

SourceSpan spanOf(const json &PhysicalLocation) {
  SourceSpan S;
  S.file = PhysicalLocation.at("artifactLocation").at("uri").get<std::string>();
  if (PhysicalLocation.contains("region")) {
    const json &Region = PhysicalLocation.at("region");
    S.line = lineOrColumn(Region, "startLine");
    S.column = lineOrColumn(Region, "startColumn");
    S.endLine = lineOrColumn(Region, "endLine");
    S.endColumn = lineOrColumn(Region, "endColumn");
  }
  return S;
}

/// The results of a SARIF log mcp-cutover wrote, as findings (only what a
/// baseline needs: rule, message, location, fingerprint, suppression).
std::vector<Finding> sarifFindings(const json &Log) {
  std::vector<Finding> Out;
  for (const json &Run : Log.at("runs")) {
    // A merged log holds other tools' runs too (clang-tidy's): not ours.
    if (!Run.is_object() ||
        Run.value(json::json_pointer("/tool/driver/name"), std::string()) !=
            "mcp-cutover" ||
        !Run.contains("results"))
      continue;
    for (const json &R : Run.at("results")) {
      // A result absent from the log's own baseline is not in this run.
      if (R.value("baselineState", "") == "absent")
        continue;
      if (!R.contains("partialFingerprints") ||
          !R.at("partialFingerprints").contains("mcpCutover/v1"))
        throw std::runtime_error("a result without partialFingerprints "
                                 "'mcpCutover/v1' (not written by "
                                 "mcp-cutover?)");
      Finding F;
      F.ruleId = R.at("ruleId").get<std::string>();
      F.message = R.at("message").at("text").get<std::string>();
      if (R.contains("level") &&
          !parseLevel(R.at("level").get<std::string>(), F.level))
        throw std::runtime_error("a result with an unknown level");
      F.fingerprint =
          R.at("partialFingerprints").at("mcpCutover/v1").get<std::string>();
      if (R.contains("locations") && !R.at("locations").empty())
        F.span = spanOf(R.at("locations").at(0).at("physicalLocation"));
      if (R.contains("suppressions") && !R.at("suppressions").empty()) {
        const json &S = R.at("suppressions").at(0);
        Suppression Accepted;
        Accepted.justification = S.value("justification", "");
        if (S.contains("location"))
          Accepted.directive = spanOf(S.at("location").at("physicalLocation"));
        F.suppression = Accepted;
      }
      Out.push_back(std::move(F));
    }
  }
  return Out;
}
} // namespace

std::optional<Baseline> loadBaseline(const std::string &Path,
                                     std::string &Error) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text); !Problem.empty()) {
    Error = "--baseline " + Path + ": " + Problem;
    return std::nullopt;
  }
  if (std::string Problem = checkJsonShape(Text); !Problem.empty()) {
    Error = "--baseline " + Path + ": not a usable baseline: " + Problem;
    return std::nullopt;
  }
  json Doc = json::parse(Text, nullptr, false);
  if (Doc.is_discarded() || !Doc.is_object()) {
    Error = "--baseline " + Path +
            ": not valid JSON (want a previous --json or --sarif output)";
    return std::nullopt;
  }
  Baseline Base;
  Base.path = Path;
  if (!Doc.contains("runs")) {
    auto Result = readJsonResult(Path, "", Error);
    if (!Result) {
      Error = "--baseline " + Error;
      return std::nullopt;
    }
    Base.findings = std::move(Result->findings);
    Base.findings.insert(Base.findings.end(), Result->suppressed.begin(),
                         Result->suppressed.end());
    return Base;
  }
  try {
    if (!Doc.at("runs").is_array())
      throw std::runtime_error("'runs' must be an array");
    Base.findings = sarifFindings(Doc);
  } catch (const std::exception &E) {
    Error = "--baseline " + Path +
            ": not a usable SARIF baseline: " + jsonErrorText(E);
    return std::nullopt;
  }
  return Base;
}

void applyBaseline(ProjectResult &Result, const Baseline &Base) {
  Result.hasBaseline = true;
  // Counted, not a set: a baseline holding one fingerprint twice (two
  // runs in one log) matches two findings, and one of them is fixed when
  // only one is left.
  std::map<std::string, int> Unmatched;
  for (const Finding &F : Base.findings)
    ++Unmatched[F.fingerprint];
  for (std::vector<Finding> *List : {&Result.findings, &Result.suppressed})
    for (Finding &F : *List) {
      int &Left = Unmatched[F.fingerprint];
      F.baselineState = Left > 0 ? "unchanged" : "new";
      Left -= Left > 0;
    }
  for (const Finding &F : Base.findings)
    if (int &Left = Unmatched[F.fingerprint]; Left > 0) {
      --Left;
      Finding Gone = F;
      Gone.baselineState = "absent";
      Result.fixed.push_back(std::move(Gone));
    }
}

} // namespace mcp_cutover
