#include "tool/probe/StdioChannel.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace mcp_cutover {

namespace {
/// A line longer than this is no answer the probe reads (the limits of
/// docs/limits.md for a server's answer).
constexpr size_t MaxLineBytes = 16 << 20;
/// Lines that are not the answer (notifications, server requests) skipped
/// before giving up on it.
constexpr int MaxSkippedLines = 1000;

bool writeAll(int Fd, const std::string &Text) {
  for (size_t Done = 0; Done < Text.size();) {
    ssize_t N = write(Fd, Text.data() + Done, Text.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}
} // namespace

std::string StdioChannel::gone() const {
  std::string Last = lastLineOf(Log);
  return "the server closed its pipes" +
         (Last.empty() ? std::string() : " (" + Last + ")");
}

std::string StdioChannel::start() {
  stop();
  Pending.clear();
  if (!Process.startPiped(Command, Log, Input, Output))
    return "cannot start the stdio server (" + Command + "): fork failed";
  return "";
}

void StdioChannel::stop(bool Crash) {
  if (Input >= 0)
    close(Input);
  if (Output >= 0)
    close(Output);
  Input = Output = -1;
  Process.stop(Crash);
}

std::optional<std::string> StdioChannel::readLine(std::string &Problem) {
  const auto Deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(Timeout);
  while (true) {
    if (size_t End = Pending.find('\n'); End != std::string::npos) {
      std::string Line = Pending.substr(0, End);
      Pending.erase(0, End + 1);
      return Line;
    }
    if (Pending.size() > MaxLineBytes) {
      Problem = "a line of more than 16 MiB on the server's stdout";
      return std::nullopt;
    }
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    if (Left.count() <= 0 || Output < 0) {
      Problem = Output < 0 ? "the server is not running"
                           : "no complete answer before the timeout";
      return std::nullopt;
    }
    pollfd P = {Output, POLLIN, 0};
    int Ready = poll(&P, 1, static_cast<int>(Left.count()));
    if (Ready < 0 && errno == EINTR)
      continue;
    if (Ready <= 0)
      continue; // The deadline is checked above.
    char Buffer[65536];
    ssize_t N = read(Output, Buffer, sizeof Buffer);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      Problem = gone();
      return std::nullopt;
    }
    Pending.append(Buffer, static_cast<size_t>(N));
  }
}

void StdioChannel::exchange(const nlohmann::json &Message, HttpExchange &X) {
  X.stdio = true;
  X.verb = "SEND";
  X.requestBody = Message.dump();
  if (Input < 0 || !writeAll(Input, X.requestBody + "\n")) {
    // The server has ended (a write fails only then): the same words as
    // when its stdout ends first.
    X.transportError = gone();
    return;
  }
  // A notification has no answer.
  if (!Message.contains("id")) {
    X.status = 202;
    return;
  }
  for (int Skipped = 0; Skipped <= MaxSkippedLines; ++Skipped) {
    std::string Problem;
    std::optional<std::string> Line = readLine(Problem);
    if (!Line) {
      X.transportError = Problem;
      return;
    }
    auto Parsed = nlohmann::json::parse(*Line, nullptr, false);
    // What is not an answer to this request: a log line on stdout (a
    // finding of its own, in a stricter probe), a notification, a request.
    if (!Parsed.is_object() || Parsed.contains("method") ||
        !Parsed.contains("id") || Parsed["id"] != Message["id"])
      continue;
    X.status = 200;
    X.responseBody = *Line;
    return;
  }
  X.transportError = "more than 1000 lines without the answer";
}

} // namespace mcp_cutover
