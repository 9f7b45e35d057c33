#include "tool/probe/ProcessGroup.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

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

int exitStatus(int Status) {
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
}

sockaddr_in loopback(int Port) {
  sockaddr_in Address = {};
  Address.sin_family = AF_INET;
  Address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  Address.sin_port = htons(static_cast<uint16_t>(Port));
  return Address;
}
} // namespace

ProcessGroup &ProcessGroup::operator=(ProcessGroup &&Other) noexcept {
  if (this != &Other) {
    stop();
    Group = Other.Group;
    Other.Group = -1;
  }
  return *this;
}

bool ProcessGroup::start(const std::string &Command, const std::string &Log) {
  int Input = -1, Output = -1;
  return launch(Command, Log, /*Piped=*/false, Input, Output);
}

bool ProcessGroup::startPiped(const std::string &Command,
                              const std::string &Log, int &Input, int &Output) {
  return launch(Command, Log, /*Piped=*/true, Input, Output);
}

bool ProcessGroup::launch(const std::string &Command, const std::string &Log,
                          bool Piped, int &Input, int &Output) {
  stop();
  int ToChild[2] = {-1, -1}, FromChild[2] = {-1, -1};
  if (Piped) {
    if (pipe2(ToChild, O_CLOEXEC) != 0)
      return false;
    if (pipe2(FromChild, O_CLOEXEC) != 0) {
      close(ToChild[0]);
      close(ToChild[1]);
      return false;
    }
    // A server that exits must not take the probe with it on its next
    // write: the write fails instead (EPIPE).
    signal(SIGPIPE, SIG_IGN);
  }
  pid_t Child = fork();
  if (Child < 0) {
    for (int Fd : {ToChild[0], ToChild[1], FromChild[0], FromChild[1]})
      if (Fd >= 0)
        close(Fd);
    return false;
  }
  if (Child == 0) {
    setpgid(0, 0);
    int Out = open(Log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int In = Piped ? ToChild[0] : open("/dev/null", O_RDONLY);
    if (Piped)
      dup2(FromChild[1], 1);
    else if (Out >= 0)
      dup2(Out, 1);
    if (Out >= 0)
      dup2(Out, 2);
    if (In >= 0)
      dup2(In, 0);
    execl("/bin/sh", "sh", "-c", Command.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  // The parent sets the group too: a signal may come before the child runs.
  setpgid(Child, Child);
  Group = Child;
  remember(Group);
  if (Piped) {
    close(ToChild[0]);
    close(FromChild[1]);
    Input = ToChild[1];
    Output = FromChild[0];
  }
  return true;
}

std::optional<int> ProcessGroup::poll() {
  if (Group <= 0)
    return std::nullopt;
  int Status = 0;
  if (waitpid(Group, &Status, WNOHANG) != Group)
    return std::nullopt;
  // The shell's children too, should it have left any.
  kill(-Group, SIGKILL);
  forget(Group);
  Group = -1;
  return exitStatus(Status);
}

std::optional<int> ProcessGroup::stop(bool Crash) {
  if (Group <= 0)
    return std::nullopt;
  kill(-Group, Crash ? SIGKILL : SIGTERM);
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int Status = 0;
  while (waitpid(Group, &Status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > Deadline) {
      kill(-Group, SIGKILL);
      waitpid(Group, &Status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(-Group, SIGKILL);
  forget(Group);
  Group = -1;
  return exitStatus(Status);
}

int freeLoopbackPort() {
  int Socket = socket(AF_INET, SOCK_STREAM, 0);
  if (Socket < 0)
    return 0;
  sockaddr_in Address = loopback(0);
  socklen_t Length = sizeof Address;
  int Port = 0;
  if (bind(Socket, reinterpret_cast<sockaddr *>(&Address), sizeof Address) ==
          0 &&
      getsockname(Socket, reinterpret_cast<sockaddr *>(&Address), &Length) == 0)
    Port = ntohs(Address.sin_port);
  close(Socket);
  return Port;
}

bool acceptsOnLoopback(int Port) {
  int Socket = socket(AF_INET, SOCK_STREAM, 0);
  if (Socket < 0)
    return false;
  sockaddr_in Address = loopback(Port);
  bool Ok = connect(Socket, reinterpret_cast<sockaddr *>(&Address),
                    sizeof Address) == 0;
  close(Socket);
  return Ok;
}

std::string lastLineOf(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  llvm::StringRef Text = (*Buffer)->getBuffer().rtrim();
  return Text.substr(Text.rfind('\n') + 1).str();
}

} // namespace mcp_cutover
