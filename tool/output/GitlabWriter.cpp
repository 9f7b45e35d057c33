//===- GitlabWriter.cpp - GitLab Code Quality JSON ------------------------===//
//
// GitLab shows a Code Quality report in the merge request, comparing the
// report of the branch with the target's by fingerprint, so every finding
// is listed (a baseline's unchanged ones too) and only suppressed ones are
// left out. Format: docs.gitlab.com, "Code Quality report format".
//
//===----------------------------------------------------------------------===//
#include "tool/output/Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <nlohmann/json.hpp>

namespace mcp_cutover {

namespace {
const char *severity(Level L) {
  switch (L) {
  case Level::Error:
    return "critical";
  case Level::Warning:
    return "major";
  case Level::Note:
    return "info";
  }
  return "info";
}

nlohmann::ordered_json issue(const std::string &Check,
                             const std::string &Description, Level L,
                             const std::string &Fingerprint,
                             const SourceSpan &Span) {
  nlohmann::ordered_json Lines = {{"begin", Span.line}};
  if (Span.endLine > Span.line)
    Lines["end"] = Span.endLine;
  return {{"type", "issue"},
          {"check_name", Check},
          {"description", Description},
          {"categories", {"Compatibility"}},
          {"severity", severity(L)},
          {"fingerprint", Fingerprint},
          {"location", {{"path", Span.file}, {"lines", Lines}}}};
}
} // namespace

std::string renderGitlabCodeQuality(const ProjectResult &Result) {
  nlohmann::ordered_json Issues = nlohmann::ordered_json::array();
  for (const Finding &F : Result.findings)
    Issues.push_back(issue(F.ruleId, F.message + " [" + F.ruleId + "]", F.level,
                           F.fingerprint, F.span));
  // A directive that could not be honoured fails the run like a finding;
  // it has no rule fingerprint, so one is made from where and what.
  for (const SuppressionProblem &P : Result.suppressionProblems) {
    llvm::SHA256 Hash;
    Hash.update(P.span.file + ":" + std::to_string(P.span.line) + ":" +
                std::to_string(P.span.column) + ":" + P.message);
    auto Digest = Hash.final();
    Issues.push_back(issue(
        "suppression-directive", P.message, P.level,
        llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16), true), P.span));
  }
  return Issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

} // namespace mcp_cutover
