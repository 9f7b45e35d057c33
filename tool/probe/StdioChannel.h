//===- StdioChannel.h - An MCP server spoken to over stdin and stdout -----===//
//
// `probe --stdio CMD`: the server runs as a child process (ProcessGroup)
// and takes one JSON-RPC message a line on its stdin, answering on its
// stdout. A request's answer is the first line that is a response with its
// id; the server's notifications and requests in between are skipped, a
// bounded number of them. Every read is bounded by the timeout.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/probe/McpEndpoint.h"
#include "tool/probe/ProcessGroup.h"

#include <string>

namespace mcp_cutover {

class StdioChannel {
public:
  StdioChannel(std::string Command, std::string Log, double TimeoutSeconds)
      : Command(std::move(Command)), Log(std::move(Log)),
        Timeout(TimeoutSeconds) {}
  StdioChannel(const StdioChannel &) = delete;
  StdioChannel &operator=(const StdioChannel &) = delete;
  ~StdioChannel() { stop(); }

  /// Starts the server; "" or the problem.
  std::string start();
  /// Stops it (SIGKILL at once when `Crash`, as a crash would).
  void stop(bool Crash = false);
  const std::string &command() const { return Command; }
  const std::string &log() const { return Log; }

  /// Sends `Message` as one line and reads its answer into `X` (status 200
  /// when a response came, 0 with `transportError` when none did).
  void exchange(const nlohmann::json &Message, HttpExchange &X);

private:
  /// "the server closed its pipes (its last line of output)".
  std::string gone() const;
  /// The next line of the server's stdout, or nullopt (`Problem` says why).
  std::optional<std::string> readLine(std::string &Problem);

  std::string Command;
  std::string Log;
  double Timeout;
  ProcessGroup Process;
  int Input = -1;
  int Output = -1;
  std::string Pending; ///< Read, not yet a whole line.
};

} // namespace mcp_cutover
