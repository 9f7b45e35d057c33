//===- AccessLogFuzzer.cpp - traffic LOG ----------------------------------===//
//
// An access log is untrusted input: any line may be anything, and a .gz
// may be corrupt. The input is read as `traffic` reads a file (zlib, line
// by line, each format), then each line again alone. Promises: a refused
// file is one line naming it; every view a parsed line holds lies inside
// that line (or is the "-" a JSON null reads as); the result reads back from
// its JSON with the same counts; no client name reaches the text unquoted (no
// newline, no escape).
//
//===----------------------------------------------------------------------===//
#include "tests/fuzz/FuzzSupport.h"
#include "tool/traffic/AccessLogLine.h"
#include "tool/traffic/TrafficAnalysis.h"
#include "tool/traffic/TrafficText.h"
#include "tool/traffic/TrafficVerdict.h"

#include <string>

using namespace mcp_cutover;

namespace {
void checkInside(std::string_view Line, std::string_view View,
                 const char *What) {
  // A JSON null is logged as "-", a literal of the reader's own.
  if (View.empty() || View == "-")
    return;
  if (View.data() < Line.data() ||
      View.data() + View.size() > Line.data() + Line.size())
    fuzz::broken(std::string(What) + " lies outside its line");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeScratch("access.log", Data, Size);
  TrafficAnalysis Analysis({});
  std::string Problem = Analysis.addFile(Path);
  if (!Problem.empty()) {
    fuzz::checkOneLineError(Problem, Path + ": ");
    return 0;
  }
  TrafficSummary S = Analysis.finish();
  std::string Error;
  std::optional<TrafficSummary> Back = trafficFromJson(trafficToJson(S), Error);
  if (!Back || Back->requests != S.requests || Back->legacy != S.legacy ||
      Back->buckets.size() != S.buckets.size() ||
      Back->clients.size() != S.clients.size())
    fuzz::broken("the JSON result does not read back: " + Error);
  std::string Text = trafficToText(S);
  if (Text.find('\x1b') != std::string::npos)
    fuzz::broken("an escape character reached the text");
  for (TrafficQuestion Q :
       {TrafficQuestion::LegacyClients, TrafficQuestion::SessionHeaderClients})
    for (const std::string &Line : judgeTraffic(S, Q).lines)
      if (Line.find('\n') != std::string::npos ||
          Line.find('\x1b') != std::string::npos)
        fuzz::broken("a verdict line holds a newline or an escape");
  // Each line alone: what it holds lies inside it.
  std::string_view Input(reinterpret_cast<const char *>(Data), Size);
  AccessLogLine L;
  while (!Input.empty()) {
    size_t End = Input.find('\n');
    std::string_view Line = Input.substr(0, End);
    Input.remove_prefix(End == std::string_view::npos ? Input.size() : End + 1);
    if (!parseAccessLogLine(Line, L))
      continue;
    if (L.status < 100 || L.status > 999)
      fuzz::broken("a status outside 100..999");
    for (auto [View, What] : {std::pair{L.verb, "verb"},
                              {L.path, "path"},
                              {L.userAgent, "user agent"},
                              {L.sessionId, "session id"},
                              {L.mcpMethod, "Mcp-Method"},
                              {L.mcpName, "Mcp-Name"},
                              {L.protocolVersion, "protocol version"},
                              {L.upstream, "upstream"},
                              {L.clientInfo, "client"},
                              {L.rpcMethod, "method"}})
      checkInside(Line, View, What);
    (void)unescapeLogText(L.userAgent);
  }
  return 0;
}
