#include "tool/probe/Fleet.h"
#include "tool/probe/Placeholders.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace mcp_cutover {

namespace {
// The process groups started and not yet stopped, for the signal handler:
// a fixed array, since a handler may neither allocate nor lock.
constexpr int MaxGroups = 256;
std::atomic<pid_t> LiveGroups[MaxGroups];

void killLiveGroups(int Signal) {
  for (std::atomic<pid_t> &G : LiveGroups)
    if (pid_t Group = G.load(); Group > 0)
      kill(-Group, SIGKILL);
  // Then the default action: the probe ends as the signal asked.
  signal(Signal, SIG_DFL);
  raise(Signal);
}

void remember(pid_t Group) {
  static bool Installed = false;
  if (!Installed) {
    Installed = true;
    struct sigaction Action = {};
    Action.sa_handler = killLiveGroups;
    sigemptyset(&Action.sa_mask);
    sigaction(SIGINT, &Action, nullptr);
    sigaction(SIGTERM, &Action, nullptr);
    sigaction(SIGHUP, &Action, nullptr);
  }
  for (std::atomic<pid_t> &G : LiveGroups) {
    pid_t Empty = 0;
    if (G.compare_exchange_strong(Empty, Group))
      return;
  }
}

void forget(pid_t Group) {
  for (std::atomic<pid_t> &G : LiveGroups) {
    pid_t Expected = Group;
    if (G.compare_exchange_strong(Expected, 0))
      return;
  }
}

/// A loopback port nobody listens on now.
int freePort() {
  int Socket = socket(AF_INET, SOCK_STREAM, 0);
  if (Socket < 0)
    return 0;
  sockaddr_in Address = {};
  Address.sin_family = AF_INET;
  Address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t Length = sizeof Address;
  int Port = 0;
  if (bind(Socket, reinterpret_cast<sockaddr *>(&Address), sizeof Address) ==
          0 &&
      getsockname(Socket, reinterpret_cast<sockaddr *>(&Address), &Length) == 0)
    Port = ntohs(Address.sin_port);
  close(Socket);
  return Port;
}

bool accepts(int Port) {
  int Socket = socket(AF_INET, SOCK_STREAM, 0);
  if (Socket < 0)
    return false;
  sockaddr_in Address = {};
  Address.sin_family = AF_INET;
  Address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  Address.sin_port = htons(static_cast<uint16_t>(Port));
  bool Ok = connect(Socket, reinterpret_cast<sockaddr *>(&Address),
                    sizeof Address) == 0;
  close(Socket);
  return Ok;
}

std::string lastLine(const std::string &File) {
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return "";
  llvm::StringRef Text = (*Buffer)->getBuffer().rtrim();
  return Text.substr(Text.rfind('\n') + 1).str();
}

/// Runs `Command` through /bin/sh in a process group of its own, output to
/// `Log`; returns the group's id, or -1.
pid_t startGroup(const std::string &Command, const std::string &Log) {
  pid_t Child = fork();
  if (Child != 0)
    return Child;
  setpgid(0, 0);
  int Out = open(Log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int In = open("/dev/null", O_RDONLY);
  if (Out >= 0) {
    dup2(Out, 1);
    dup2(Out, 2);
  }
  if (In >= 0)
    dup2(In, 0);
  execl("/bin/sh", "sh", "-c", Command.c_str(), static_cast<char *>(nullptr));
  _exit(127);
}
} // namespace

Fleet::~Fleet() {
  for (Instance &I : Instances)
    stop(I);
  // Best effort: a log folder left in the temporary folder harms nothing.
  if (!LogDir.empty())
    (void)llvm::sys::fs::remove_directories(LogDir);
}

void Fleet::addUrls(const std::vector<EndpointUrl> &Urls,
                    const std::string &Restart, double Seconds) {
  RestartCommand = Restart;
  Timeout = Seconds;
  for (const EndpointUrl &U : Urls)
    Instances.push_back({McpEndpoint(U, Seconds), "", "", -1, true});
}

std::string Fleet::spawn(const std::string &Command, unsigned Count,
                         const std::string &Path, double Seconds) {
  Spawned = true;
  Timeout = Seconds;
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("mcp-cutover-probe", Dir))
    return "cannot create a temporary folder for the instances' output";
  LogDir = Dir.str().str();
  for (unsigned N = 0; N < Count; ++N) {
    int Port = freePort();
    if (Port == 0)
      return "no free loopback port for instance " + std::to_string(N + 1);
    std::string Url = "http://127.0.0.1:" + std::to_string(Port) + Path;
    Instances.push_back(
        {McpEndpoint(parseEndpointUrl(Url), Seconds),
         fillPlaceholder(Command, "{port}", std::to_string(Port)),
         LogDir + "/instance-" + std::to_string(N + 1) + ".log", -1, false});
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

std::string Fleet::launch(Instance &I) {
  I.group = startGroup(I.command, I.log);
  if (I.group < 0)
    return "cannot start instance " +
           std::to_string(&I - Instances.data() + 1) + ": fork failed";
  remember(I.group);
  I.alive = true;
  return "";
}

std::string Fleet::awaitReady(Instance &I, double Seconds) {
  size_t Index = &I - Instances.data() + 1;
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(Seconds * 2);
  while (std::chrono::steady_clock::now() < Deadline) {
    int Status = 0;
    if (waitpid(I.group, &Status, WNOHANG) == I.group) {
      forget(I.group);
      I.group = -1;
      I.alive = false;
      std::string Last = lastLine(I.log);
      return "instance " + std::to_string(Index) + " (" + I.command +
             ") exited with status " +
             std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status)
                                              : 128 + WTERMSIG(Status)) +
             " before it accepted connections" +
             (Last.empty() ? "" : ": " + Last);
    }
    if (accepts(I.endpoint.url().port))
      return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string Command = I.command;
  stop(I);
  return "instance " + std::to_string(Index) + " (" + Command +
         ") did not accept connections on port " +
         std::to_string(I.endpoint.url().port) + " within " +
         std::to_string(static_cast<int>(Seconds * 2)) + " s";
}

void Fleet::stop(Instance &I, bool Crash) {
  if (I.group <= 0)
    return;
  kill(-I.group, Crash ? SIGKILL : SIGTERM);
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int Status = 0;
  while (waitpid(I.group, &Status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > Deadline) {
      kill(-I.group, SIGKILL);
      waitpid(I.group, &Status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // The shell's children too, should it have left any.
  kill(-I.group, SIGKILL);
  forget(I.group);
  I.group = -1;
  I.alive = false;
}

std::string Fleet::interrupt(size_t Index) {
  Instance &I = Instances[Index];
  if (Spawned) {
    stop(I, /*Crash=*/true);
    return "";
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
  if (std::string Problem = launch(I); !Problem.empty())
    return Problem;
  return awaitReady(I, Timeout);
}

} // namespace mcp_cutover
