#include "tool/ProbeCommand.h"

#include "tool/probe/ClientProber.h"
#include "tool/probe/Fleet.h"
#include "tool/probe/Prober.h"

#include <cstdio>

namespace mcp_cutover {

namespace {
constexpr unsigned MaxInstances = 16;
constexpr double MaxTimeoutSeconds = 120;

constexpr double MaxDurationSeconds = 3600;

/// The client side's options; "" when they hold together.
std::string validateClientSide(const ProbeCommandOptions &P) {
  if (!P.urls.empty() || !P.spawn.empty() || !P.stdio.empty())
    return "--client-cmd and --serve check a client: they exclude --url, "
           "--spawn and --stdio";
  if (!P.clientCommand.empty() && P.servePort >= 0)
    return "--client-cmd and --serve exclude each other (--client-cmd "
           "starts its own recorder)";
  if (P.servePort > 65535 || (P.servePort < 0 && P.clientCommand.empty()))
    return "--serve takes a port from 0 (a free one) to 65535";
  if (!P.clientCommand.empty() &&
      P.clientCommand.find("{url}") == std::string::npos)
    return "--client-cmd needs {url} in the command, where the recording "
           "server's endpoint goes";
  if (!(P.duration > 0 && P.duration <= MaxDurationSeconds))
    return "--duration takes seconds from 0 to " +
           std::to_string(static_cast<int>(MaxDurationSeconds));
  if (P.path.empty() || P.path.front() != '/')
    return "--path takes the endpoint's path, such as /mcp";
  if (!P.scenario.empty() || P.allowCalls || P.killBetween ||
      !P.restartCommand.empty() || P.expectLegacy)
    return "--scenario, --allow-calls, --kill-between, --restart-cmd and "
           "--expect-legacy are for a fleet of servers, not a client";
  return "";
}

bool clientSide(const ProbeCommandOptions &P) {
  return !P.clientCommand.empty() || P.servePort != -1;
}

std::string validate(const ProbeCommandOptions &P,
                     std::vector<EndpointUrl> &Urls) {
  if (clientSide(P))
    return validateClientSide(P);
  if (!P.stdio.empty() && (!P.urls.empty() || !P.spawn.empty()))
    return "--stdio excludes --url and --spawn (a stdio server has no "
           "address)";
  if (P.stdio.empty() && P.urls.empty() == P.spawn.empty())
    return P.urls.empty() ? "probe needs --url URL (once per instance), "
                            "--spawn \"CMD --port {port}\" or --stdio \"CMD\" "
                            "(a server), or --client-cmd \"CMD {url}\" or "
                            "--serve PORT (a client)"
                          : "--url and --spawn exclude each other";
  if (!(P.timeout > 0 && P.timeout <= MaxTimeoutSeconds))
    return "--timeout takes seconds from 0 to " +
           std::to_string(static_cast<int>(MaxTimeoutSeconds));
  // Instances the probe starts itself: HTTP servers, or stdio ones.
  if (P.urls.empty()) {
    if (!P.spawn.empty() && P.spawn.find("{port}") == std::string::npos)
      return "--spawn needs {port} in the command, where the instance's "
             "port goes";
    if (P.instances > MaxInstances)
      return "--instances takes 1 to " + std::to_string(MaxInstances);
    if (!P.spawn.empty() && (P.path.empty() || P.path.front() != '/'))
      return "--path takes the endpoint's path, such as /mcp";
    if (!P.restartCommand.empty())
      return std::string("--restart-cmd is for --url fleets: the probe "
                         "restarts the ") +
             (P.stdio.empty() ? "instances it spawned itself"
                              : "stdio servers it started itself");
    return "";
  }
  for (const std::string &Text : P.urls) {
    EndpointUrl U = parseEndpointUrl(Text);
    if (!U.problem.empty())
      return U.problem;
    if (!U.isLoopback() && !P.allowRemote)
      return "'" + Text +
             "' is not a loopback address: give --allow-remote "
             "to probe it";
    Urls.push_back(U);
  }
  if (P.killBetween && P.restartCommand.empty())
    return "--kill-between on --url instances needs --restart-cmd \"CMD "
           "{index} {url}\" to interrupt one";
  return "";
}

void printSummary(const ProbeSummary &S) {
  size_t Passed = 0, Failed = 0, Skipped = 0;
  for (const RuntimeCheck &C : S.checks)
    (C.status == "passed" ? Passed : C.status == "failed" ? Failed : Skipped)++;
  std::string What =
      S.side == "client"
          ? "recorded " + std::to_string(S.requestsRecorded) + " request" +
                (S.requestsRecorded == 1 ? "" : "s") + " from the client"
          : "probed " + std::to_string(S.urls.size()) + " instance" +
                (S.urls.size() == 1 ? "" : "s");
  std::fprintf(stderr,
               "mcp-cutover: %s: %zu check%s, %zu passed, %zu failed, %zu "
               "skipped\n",
               What.c_str(), S.checks.size(), S.checks.size() == 1 ? "" : "s",
               Passed, Failed, Skipped);
}
/// The summary, the baseline, and the outputs.
int finishProbe(ProjectResult &Result, const CheckOptions &O,
                const RunInputs &In) {
  if (!O.quiet && Result.probe)
    printSummary(*Result.probe);
  if (In.baseline)
    applyBaseline(Result, *In.baseline);
  return emitResult(Result, O, In.failOn);
}
} // namespace

int runProbeCommand(const CheckOptions &Given, const ProbeCommandOptions &P) {
  std::vector<EndpointUrl> Urls;
  if (std::string Problem = validate(P, Urls); !Problem.empty())
    return toolError(Problem);
  CheckOptions O = Given;
  RunInputs In;
  std::string Root = chooseRoot(O.root, {});
  if (std::string Problem = loadConfig(O, In, Root); !Problem.empty())
    return toolError(Problem);
  if (std::string Problem = prepareRun(O, In); !Problem.empty())
    return toolError(Problem);
  ProjectResult Result;
  Result.root = Root;
  if (clientSide(P)) {
    ClientProbeOptions Client;
    Client.clientCommand = P.clientCommand;
    Client.servePort = P.clientCommand.empty() ? P.servePort : -1;
    Client.path = P.path;
    Client.duration = P.duration;
    Client.quiet = O.quiet;
    Client.rules = In.rules;
    if (std::string Problem =
            runClientProbe(Client, RuleCatalog::builtin(), Result);
        !Problem.empty())
      return toolError(Problem);
    return finishProbe(Result, O, In);
  }
  ProbeOptions Options;
  Options.allowCalls = P.allowCalls;
  Options.killBetween = P.killBetween;
  Options.expectLegacy = P.expectLegacy;
  Options.rules = In.rules;
  Options.root = Root;
  if (!P.scenario.empty()) {
    ProbeScenario S;
    if (std::string Problem = loadProbeScenario(P.scenario, S);
        !Problem.empty())
      return toolError(Problem);
    Options.scenario = std::move(S);
  }
  Fleet F;
  if (!P.stdio.empty()) {
    if (std::string Problem =
            F.spawnStdio(P.stdio, P.instances ? P.instances : 1, P.timeout);
        !Problem.empty())
      return toolError(Problem);
  } else if (!P.spawn.empty()) {
    if (std::string Problem =
            F.spawn(P.spawn, P.instances ? P.instances : 3, P.path, P.timeout);
        !Problem.empty())
      return toolError(Problem);
  } else {
    F.addUrls(Urls, P.restartCommand, P.timeout);
  }
  if (std::string Problem =
          runProbe(F, Options, RuleCatalog::builtin(), Result);
      !Problem.empty())
    return toolError(Problem);
  return finishProbe(Result, O, In);
}

} // namespace mcp_cutover
