//===- ProcessGroup.h - A command run in a process group of its own -------===//
//
// The probe starts commands (server instances, a client under test) and
// must never leave one running: each runs through /bin/sh in a process
// group of its own, is stopped with its whole group by the destructor, and
// by a handler that kills every live group on Ctrl-C, SIGTERM or SIGHUP.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace mcp_cutover {

class ProcessGroup {
public:
  ProcessGroup() = default;
  ProcessGroup(const ProcessGroup &) = delete;
  ProcessGroup &operator=(const ProcessGroup &) = delete;
  ProcessGroup(ProcessGroup &&Other) noexcept : Group(Other.Group) {
    Other.Group = -1;
  }
  ProcessGroup &operator=(ProcessGroup &&Other) noexcept;
  ~ProcessGroup() { stop(); }

  /// Runs `Command` through /bin/sh, stdin from /dev/null, stdout and
  /// stderr to the file `Log`. Returns false when it cannot fork.
  bool start(const std::string &Command, const std::string &Log);
  /// The same with pipes to its stdin and from its stdout (stderr to
  /// `Log`): `Input` and `Output` are the probe's ends, to close.
  bool startPiped(const std::string &Command, const std::string &Log,
                  int &Input, int &Output);
  bool running() const { return Group > 0; }
  /// The exit status once the command has ended (128 + N for signal N),
  /// without waiting; nullopt while it runs. Its group is forgotten then.
  std::optional<int> poll();
  /// Stops the group: SIGTERM, SIGKILL after 2 s; SIGKILL at once when
  /// `Crash`. Returns the command's exit status, or nullopt if none ran.
  std::optional<int> stop(bool Crash = false);

private:
  bool launch(const std::string &Command, const std::string &Log, bool Piped,
              int &Input, int &Output);

  pid_t Group = -1;
};

/// A loopback port nobody listens on now (0 if none could be had).
int freeLoopbackPort();
/// Whether something accepts connections on the loopback `Port`.
bool acceptsOnLoopback(int Port);
/// The last non-empty line of the file `Path` ("" if none).
std::string lastLineOf(const std::string &Path);

} // namespace mcp_cutover
