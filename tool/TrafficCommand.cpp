#include "tool/TrafficCommand.h"

#include "tool/SchemaCommand.h"
#include "tool/files/AtomicFile.h"
#include "tool/traffic/LogFormatSnippets.h"
#include "tool/traffic/TrafficAnalysis.h"
#include "tool/traffic/TrafficText.h"

#include <cstdio>

namespace mcp_cutover {

int runTrafficCommand(const TrafficCommandOptions &O) {
  if (!O.printLogFormat.empty()) {
    if (!O.logs.empty())
      return toolError("--print-log-format prints a snippet and reads no log");
    std::optional<std::string> Snippet = logFormatSnippet(O.printLogFormat);
    if (!Snippet)
      return toolError("--print-log-format takes nginx, envoy or haproxy, "
                       "not '" +
                       O.printLogFormat + "'");
    std::fputs(Snippet->c_str(), stdout);
    return 0;
  }
  if (O.logs.empty())
    return toolError("traffic needs the access logs to read (LOG..., or - "
                     "for standard input), or --print-log-format PROXY");
  if (!(O.spikeFactor >= 1 && O.spikeFactor <= 1000))
    return toolError("--spike-factor takes a number from 1 to 1000");
  if (std::count(O.logs.begin(), O.logs.end(), "-") > 1)
    return toolError("standard input (-) can be read once");
  if (!O.json.empty())
    if (std::string Problem = checkWritable(O.json); !Problem.empty())
      return toolError(Problem);
  TrafficOptions Options;
  Options.by = O.by;
  Options.spikeFactor = O.spikeFactor;
  Options.pathPrefix = O.path;
  TrafficAnalysis Analysis(Options);
  for (const std::string &Log : O.logs)
    if (std::string Problem = Analysis.addFile(Log); !Problem.empty())
      return toolError(Problem);
  TrafficSummary S = Analysis.finish();
  std::string Json = trafficToJson(S);
  if (!O.json.empty())
    if (std::string Problem = writeFileAtomically(O.json, Json);
        !Problem.empty())
      return toolError(Problem);
  std::string Out = O.format == "json" ? Json : trafficToText(S);
  std::fwrite(Out.data(), 1, Out.size(), stdout);
  if (O.quiet)
    return 0;
  uint64_t Lines = 0;
  for (const TrafficFile &F : S.files) {
    Lines += F.lines;
    if (F.malformedLines) {
      std::string First;
      for (uint64_t N : F.firstMalformed)
        First += (First.empty() ? "" : ", ") + std::to_string(N);
      std::fprintf(
          stderr, "mcp-cutover: %s: %llu %s, skipped (first: line %s)\n",
          F.path.c_str(), static_cast<unsigned long long>(F.malformedLines),
          F.malformedLines == 1 ? "line is not an access log line"
                                : "lines are not access log lines",
          First.c_str());
    }
    if (!F.advice.empty())
      std::fprintf(stderr, "mcp-cutover: %s\n", F.advice.c_str());
  }
  std::fprintf(stderr,
               "mcp-cutover: read %llu lines from %zu %s: %llu MCP requests, "
               "%llu legacy\n",
               static_cast<unsigned long long>(Lines), S.files.size(),
               S.files.size() == 1 ? "log" : "logs",
               static_cast<unsigned long long>(S.requests),
               static_cast<unsigned long long>(S.legacy));
  return 0;
}

} // namespace mcp_cutover
