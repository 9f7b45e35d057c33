//===- ProxyConfigFuzzer.cpp - proxy and load-balancer configuration ------===//
//
// The five readers (nginx, HAProxy, YAML, TOML, HCL) and the gateway rules
// on the same bytes, as `check deploy/` runs them on every configuration file
// it finds: a file is read or refused with one line that names it and the
// place, every finding and fix-it lies inside the text, and the fix-its
// apply.
//
//===----------------------------------------------------------------------===//
#include "checks/FixApplier.h"
#include "checks/gateway/GatewayAnalysis.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace mcp_cutover;

namespace {
void checkSpan(const SourceSpan &S, const std::vector<size_t> &LineLengths,
               const std::string &What) {
  if (S.line == 0 || S.column == 0 || S.line > LineLengths.size() ||
      S.endLine < S.line || S.endLine > LineLengths.size() + 1 ||
      S.column > LineLengths[S.line - 1] + 1)
    fuzz::broken(What + " outside the text: " + S.key());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<size_t> LineLengths;
  size_t Start = 0;
  for (size_t I = 0; I <= Text.size(); ++I)
    if (I == Text.size() || Text[I] == '\n') {
      LineLengths.push_back(I - Start);
      Start = I + 1;
    }
  for (ProxyKind Kind : {ProxyKind::Nginx, ProxyKind::Haproxy, ProxyKind::Yaml,
                         ProxyKind::Toml, ProxyKind::Hcl}) {
    std::vector<std::string> Notes;
    const std::string Path = "/p/deploy/lb.conf";
    TranslationUnitFacts Facts =
        analyzeGatewayText(Path, Text, Kind, {}, Notes);
    if (Facts.status != UnitStatus::Complete) {
      fuzz::checkOneLineError(Facts.firstError, Path + ":");
      if (!Facts.findings.empty())
        fuzz::broken("findings from a file that was not read");
      continue;
    }
    for (const std::string &Note : Notes)
      fuzz::checkOneLineError(Note, Path + ":");
    std::vector<FixIt> Fixes;
    for (const Finding &F : Facts.findings) {
      checkSpan(F.span, LineLengths, F.ruleId + " finding");
      if (F.message.empty() || F.message.find('\n') != std::string::npos)
        fuzz::broken("a message that is empty or not one line");
      for (const FixIt &Fix : F.fixes) {
        checkSpan(Fix.span, LineLengths, "fix-it");
        Fixes.push_back(Fix);
      }
    }
    // Each fix alone applies to the text it was made for.
    for (const FixIt &Fix : Fixes) {
      std::string Error;
      if (!applyFixIts(Text, {Fix}, Error))
        fuzz::broken("a fix-it does not apply: " + Error);
    }
  }
  return 0;
}
