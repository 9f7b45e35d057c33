#include "tool/probe/Fleet.h"
#include "tool/probe/Placeholders.h"
#include "tool/probe/StdioChannel.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace mcp_cutover {

Fleet::~Fleet() {
  for (Instance &I : Instances)
    I.process.stop();
  // Best effort: a log folder left in the temporary folder harms nothing.
  if (!LogDir.empty())
    (void)llvm::sys::fs::remove_directories(LogDir);
}

void Fleet::addUrls(const std::vector<EndpointUrl> &Urls,
                    const std::string &Restart, double Seconds) {
  RestartCommand = Restart;
  Timeout = Seconds;
  for (const EndpointUrl &U : Urls)
    Instances.push_back({McpEndpoint(U, Seconds), "", "", {}, true});
}

bool Fleet::makeLogDir() {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("mcp-cutover-probe", Dir))
    return false;
  LogDir = Dir.str().str();
  return true;
}

std::string Fleet::logPath(unsigned N) const {
  return LogDir + "/instance-" + std::to_string(N + 1) + ".log";
}

std::string Fleet::spawn(const std::string &Command, unsigned Count,
                         const std::string &Path, double Seconds) {
  Spawned = true;
  Timeout = Seconds;
  if (!makeLogDir())
    return "cannot create a temporary folder for the instances' output";
  for (unsigned N = 0; N < Count; ++N) {
    int Port = freeLoopbackPort();
    if (Port == 0)
      return "no free loopback port for instance " + std::to_string(N + 1);
    std::string Url = "http://127.0.0.1:" + std::to_string(Port) + Path;
    Instances.push_back(
        {McpEndpoint(parseEndpointUrl(Url), Seconds),
         fillPlaceholder(Command, "{port}", std::to_string(Port)),
         LogDir + "/instance-" + std::to_string(N + 1) + ".log",
         {},
         false});
  }
  // Start them all, then wait for each: they come up side by side.
  for (Instance &I : Instances)
    if (std::string Problem = launch(I); !Problem.empty())
      return Problem;
  for (Instance &I : Instances)
    if (std::string Problem = awaitReady(I, Seconds); !Problem.empty())
      return Problem;
  return "";
}

std::string Fleet::spawnStdio(const std::string &Command, unsigned Count,
                              double Seconds) {
  Spawned = Stdio = true;
  Timeout = Seconds;
  if (!makeLogDir())
    return "cannot create a temporary folder for the servers' output";
  for (unsigned N = 0; N < Count; ++N) {
    EndpointUrl Name;
    Name.text = "stdio:" + Command +
                (Count > 1 ? " #" + std::to_string(N + 1) : std::string());
    auto Channel = std::make_shared<StdioChannel>(Command, logPath(N), Seconds);
    if (std::string Problem = Channel->start(); !Problem.empty())
      return Problem;
    Instances.push_back({McpEndpoint(Name, Channel), Command, "", {}, true});
  }
  return "";
}

std::string Fleet::launch(Instance &I) {
  if (!I.process.start(I.command, I.log))
    return "cannot start instance " +
           std::to_string(&I - Instances.data() + 1) + ": fork failed";
  I.alive = true;
  return "";
}

std::string Fleet::awaitReady(Instance &I, double Seconds) {
  size_t Index = &I - Instances.data() + 1;
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(Seconds * 2);
  while (std::chrono::steady_clock::now() < Deadline) {
    if (std::optional<int> Status = I.process.poll()) {
      I.alive = false;
      std::string Last = lastLineOf(I.log);
      return "instance " + std::to_string(Index) + " (" + I.command +
             ") exited with status " + std::to_string(*Status) +
             " before it accepted connections" +
             (Last.empty() ? "" : ": " + Last);
    }
    if (acceptsOnLoopback(I.endpoint.url().port))
      return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string Command = I.command;
  I.process.stop();
  I.alive = false;
  return "instance " + std::to_string(Index) + " (" + Command +
         ") did not accept connections on port " +
         std::to_string(I.endpoint.url().port) + " within " +
         std::to_string(static_cast<int>(Seconds * 2)) + " s";
}

std::string Fleet::awaitClosed(Instance &I) {
  // The shell that ran the command is reaped, but the server it started
  // may still be exiting with its port open: a revived instance would
  // fail to bind while the probe took the dying one's accept for ready.
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(Timeout * 2);
  while (acceptsOnLoopback(I.endpoint.url().port)) {
    if (std::chrono::steady_clock::now() >= Deadline)
      return "instance " + std::to_string(&I - Instances.data() + 1) +
             " still accepts connections on port " +
             std::to_string(I.endpoint.url().port) + " after it was killed";
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

std::string Fleet::interrupt(size_t Index) {
  Instance &I = Instances[Index];
  if (StdioChannel *Channel = I.endpoint.stdio()) {
    Channel->stop(/*Crash=*/true);
    I.alive = false;
    return "";
  }
  if (Spawned) {
    I.process.stop(/*Crash=*/true);
    I.alive = false;
    return awaitClosed(I);
  }
  if (RestartCommand.empty())
    return "no way to interrupt " + I.endpoint.url().text +
           ": give --restart-cmd";
  std::string Command = fillPlaceholder(
      fillPlaceholder(RestartCommand, "{index}", std::to_string(Index + 1)),
      "{url}", I.endpoint.url().text);
  int Status = std::system(Command.c_str());
  if (Status != 0)
    return "--restart-cmd '" + Command + "' failed with status " +
           std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : Status);
  return "";
}

std::string Fleet::revive(size_t Index) {
  Instance &I = Instances[Index];
  if (!Spawned || I.alive)
    return "";
  if (StdioChannel *Channel = I.endpoint.stdio()) {
    I.alive = true;
    return Channel->start();
  }
  if (std::string Problem = launch(I); !Problem.empty())
    return Problem;
  return awaitReady(I, Timeout);
}

} // namespace mcp_cutover
