//===- ResultFuzzer.cpp - `report --from FILE` ----------------------------===//
//
// readJsonResult() on one file, then what runReport() does with what it
// read: the plan and its three renderings. The result names source files
// under a scratch root that holds one, so quoting lines is exercised too.
//
//===----------------------------------------------------------------------===//
#include "checks/RuleCatalog.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tool/files/SourceCache.h"
#include "tool/output/ResultReader.h"
#include "tool/report/Checklist.h"
#include "tool/report/CutoverPlan.h"
#include "tool/report/ReportWriters.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const bool Once = [] {
    std::string Source;
    for (int I = 1; I <= 12; ++I)
      Source += "int line" + std::to_string(I) + " = 0;\n";
    fuzz::writeScratch("server.cpp",
                       reinterpret_cast<const uint8_t *>(Source.data()),
                       Source.size());
    return true;
  }();
  (void)Once;
  std::string Path = fuzz::writeScratch("result.json", Data, Size);
  std::string Error;
  auto Result = readJsonResult(Path, fuzz::scratchDir(), Error);
  if (!Result) {
    fuzz::checkOneLineError(Error, Path + ": ");
    return 0;
  }
  PlanOptions Options;
  Options.gaDay = *parseDate("2026-07-28");
  Options.today = *parseDate("2026-06-01");
  SourceCache Sources;
  CutoverPlan Plan = buildPlan(*Result, RuleCatalog::builtin(),
                               Checklist::builtin(), Options, Sources);
  renderTextReport(Plan, false);
  renderMarkdownReport(Plan);
  renderHtmlReport(Plan);
  return 0;
}
