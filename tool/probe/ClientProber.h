//===- ClientProber.h - The client checks of `mcp-cutover probe` ----------===//
//
// The other side of the cutover: a client under test (`--client-cmd`, run
// against the recorder) or any client pointed at it (`--serve PORT`) sends
// its requests to a 2026-07-28 server that records them (ClientRecorder);
// what it sent is then judged by the probe-client-* rules: the legacy
// handshake, a session header, missing or disagreeing routing headers,
// missing _meta, removed methods.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/RuleCatalog.h"
#include "tool/link/ProjectLinker.h"
#include "tool/probe/CheckLedger.h"
#include "tool/probe/ClientRecorder.h"

#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

struct ClientProbeOptions {
  /// `--client-cmd`: run through /bin/sh with {url} replaced by the
  /// recorder's endpoint; "" with --serve.
  std::string clientCommand;
  /// `--serve PORT`: record on this loopback port (0: a free one) until
  /// Ctrl-C or `duration`; -1 with --client-cmd.
  int servePort = -1;
  std::string path = "/mcp";
  /// The longest the client may run, or the recorder serve (seconds).
  double duration = 30;
  bool quiet = false;
  /// Enabled rules (empty: all).
  std::set<std::string> rules;
};

/// The ids of the client checks' rules, in the order they are judged.
const std::vector<const char *> &clientProbeRules();

/// Judges what a client sent to the recorder at `Url` into `Ledger`.
void judgeClient(const std::vector<RecordedRequest> &Requests,
                 const std::string &Url, CheckLedger &Ledger);

/// Runs the client (or serves for --serve), judges what it sent and fills
/// `Result`. Returns "" or a problem that leaves nothing to report (the
/// recorder cannot listen, the client sent nothing).
std::string runClientProbe(const ClientProbeOptions &Options,
                           const RuleCatalog &Catalog, ProjectResult &Result);

} // namespace mcp_cutover
