//===- ClientRequestsFuzzer.cpp - probe --client-cmd / --serve ------------===//
//
// What a client under test sends is untrusted input: the recorder answers
// each request, and the client checks judge them all. Requests are
// separated by NUL bytes; each is a verb line ("POST /mcp"), header lines
// ("Name: value") up to an empty line, and the body. Every answer the
// recorder writes must be JSON, every finding one line with nothing of
// the client's unquoted (no newline, no escape character).
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/probe/ClientProber.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

using namespace mcp_cutover;

namespace {
RecordedRequest parseRequest(llvm::StringRef Text) {
  RecordedRequest R;
  auto [Head, Body] = Text.split("\n\n");
  R.body = Body.str();
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Head.split(Lines, '\n');
  auto [Verb, Path] = Lines.front().split(' ');
  R.verb = Verb.empty() ? "POST" : Verb.str();
  R.path = Path.empty() ? "/mcp" : Path.str();
  for (size_t I = 1; I < Lines.size(); ++I) {
    auto [Name, Value] = Lines[I].split(':');
    R.headers[Name.trim().lower()] = Value.trim().str();
  }
  return R;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Input.split(Parts, '\0');
  std::vector<RecordedRequest> Requests;
  for (llvm::StringRef Part : Parts) {
    Requests.push_back(parseRequest(Part));
    RecordedAnswer A = answerClient(Requests.back(), "/mcp");
    if (!A.body.empty() &&
        nlohmann::json::parse(A.body, nullptr, false).is_discarded())
      fuzz::broken("the recorder answered with a body that is not JSON");
    if (A.status < 200 || A.status > 599)
      fuzz::broken("the recorder answered with status " +
                   std::to_string(A.status));
  }
  CheckLedger Ledger({});
  judgeClient(Requests, "http://127.0.0.1:9/mcp", Ledger);
  ProjectResult Result;
  Ledger.finish(RuleCatalog::builtin(), clientProbeRules(), {}, {}, Result);
  for (const Finding &F : Result.findings)
    if (F.message.find_first_of("\n\r\x1b") != std::string::npos)
      fuzz::broken("a finding holds a raw newline or escape: " + F.message);
  for (const RuntimeCheck &C : Result.probe->checks) {
    if (C.status != "passed" && C.status != "failed" && C.status != "skipped")
      fuzz::broken("a check with status " + C.status);
    for (const std::string &E : C.evidence)
      if (E.find_first_of("\n\r\x1b") != std::string::npos)
        fuzz::broken("evidence holds a raw newline or escape: " + E);
  }
  return 0;
}
