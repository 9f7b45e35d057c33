//===- ProbeCommand.h - What `probe` runs ---------------------------------===//
//
// `mcp-cutover probe` checks a running fleet, or a client against a
// recording server (tool/probe), and writes its findings with the same writers
// as `check`. The options that are the probe's own live here; the output
// options are `check`'s.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/SchemaCommand.h"

#include <string>
#include <vector>

namespace mcp_cutover {

struct ProbeCommandOptions {
  std::vector<std::string> urls;
  std::string spawn; ///< "CMD --port {port}"
  std::string stdio; ///< "CMD": a stdio server.
  /// 0: the default, 3 spawned HTTP instances or 1 stdio process.
  unsigned instances = 0;
  std::string path = "/mcp"; ///< Of a spawned instance's endpoint.
  std::string restartCommand;
  std::string scenario;
  bool killBetween = false;
  bool allowCalls = false;
  bool allowRemote = false;
  bool expectLegacy = false;
  double timeout = 5;
  /// The client side: a client under test run against the recorder, or
  /// the recorder serving on a port for any client.
  std::string clientCommand; ///< "CMD {url}"
  int servePort = -1;        ///< -1: not serving.
  double duration = 30;
};

/// `mcp-cutover probe`. Returns the exit code; a problem is one line on
/// stderr and nothing on stdout.
int runProbeCommand(const CheckOptions &Given, const ProbeCommandOptions &P);

} // namespace mcp_cutover
