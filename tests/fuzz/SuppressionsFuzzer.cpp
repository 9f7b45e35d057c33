//===- SuppressionsFuzzer.cpp - NOLINT and `mcp-cutover: ignore` ----------===//
//
// The directive scanner on one file's text, as the linker runs it on every
// file with a finding: the directives, the problems, a lookup per rule and
// line, and each line's text for fingerprints.
//
//===----------------------------------------------------------------------===//
#include "checks/RuleCatalog.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tool/link/Suppressions.h"

using namespace mcp_cutover;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  const RuleCatalog &Catalog = RuleCatalog::builtin();
  FileSuppressions Directives("main.cpp", Text, Catalog);
  for (const SuppressionProblem &P : Directives.problems())
    if (P.span.line == 0 || P.span.column == 0 || P.message.empty() ||
        P.message.find('\n') != std::string::npos)
      fuzz::broken("a problem without a place or a one-line message: " +
                   P.message);
  llvm::StringRef Rest(Text);
  for (unsigned Line = 1; Line <= 64 && !Rest.empty(); ++Line) {
    auto [Current, After] = Rest.split('\n');
    Rest = After;
    if (withoutDirectives(Current).size() > Current.size())
      fuzz::broken("a line grew without its directives");
    for (const char *Rule : {"session-id-header", "removed-method"})
      if (const Suppression *S = Directives.find(Rule, Line))
        if (S->directive.line == 0 || S->directive.line > Line)
          fuzz::broken("a directive after the line it accepts");
  }
  return 0;
}
