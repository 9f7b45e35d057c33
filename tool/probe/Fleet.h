//===- Fleet.h - The instances a probe speaks to, and their lifetimes -----===//
//
// Either URLs the user gave (instances the probe cannot start; a restart
// command may stand in for killing one), or local processes the probe
// starts itself on free loopback ports. Started processes are always
// stopped (ProcessGroup): on every return path, and on Ctrl-C or SIGTERM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/probe/McpEndpoint.h"
#include "tool/probe/ProcessGroup.h"

#include <string>
#include <vector>

namespace mcp_cutover {

class Fleet {
public:
  Fleet() = default;
  Fleet(const Fleet &) = delete;
  Fleet &operator=(const Fleet &) = delete;
  ~Fleet();

  /// Instances at URLs; `RestartCommand` ("" for none) is run through
  /// /bin/sh with {index} and {url} replaced to restart one of them.
  void addUrls(const std::vector<EndpointUrl> &Urls, const std::string &Restart,
               double Seconds);
  /// Starts `Count` instances of `Command`, {port} replaced by a free
  /// loopback port each, and waits until each accepts connections. Returns
  /// "" or the problem (naming the instance and its last line of output).
  std::string spawn(const std::string &Command, unsigned Count,
                    const std::string &Path, double Seconds);

  /// Starts `Count` processes of a stdio server `Command`; "" or the
  /// problem. Each is named "stdio:CMD" (with " #N" when there are more).
  std::string spawnStdio(const std::string &Command, unsigned Count,
                         double Seconds);

  size_t size() const { return Instances.size(); }
  /// The instances are stdio servers: no headers, no HTTP statuses.
  bool stdio() const { return Stdio; }
  const McpEndpoint &endpoint(size_t I) const { return Instances[I].endpoint; }
  bool spawned() const { return Spawned; }
  /// Whether an instance can be killed (spawned) or restarted (a restart
  /// command was given).
  bool canInterrupt() const { return Spawned || !RestartCommand.empty(); }
  /// Kills instance `I` at once (SIGKILL, as a crash would), or runs the
  /// restart command for it. Returns "" or the problem.
  std::string interrupt(size_t I);
  /// Starts instance `I` again on its port after interrupt(); "" or the
  /// problem.
  std::string revive(size_t I);
  bool alive(size_t I) const { return Instances[I].alive; }

private:
  struct Instance {
    McpEndpoint endpoint;
    std::string command; ///< With the port filled in.
    std::string log;     ///< Its stdout and stderr.
    ProcessGroup process;
    bool alive = true;
  };
  /// A temporary folder for the instances' output, in `LogDir`.
  bool makeLogDir();
  /// Where instance `N` (from 0) writes its output.
  std::string logPath(unsigned N) const;
  std::string launch(Instance &I);
  /// Waits until `I` accepts connections on its port, or exits, or twice
  /// the request timeout passes.
  std::string awaitReady(Instance &I, double Seconds);
  /// Waits until nothing accepts on `I`'s port after it was killed, or
  /// twice the request timeout passes.
  std::string awaitClosed(Instance &I);

  std::vector<Instance> Instances;
  std::string RestartCommand;
  std::string LogDir;
  double Timeout = 5;
  bool Spawned = false;
  bool Stdio = false;
};

} // namespace mcp_cutover
