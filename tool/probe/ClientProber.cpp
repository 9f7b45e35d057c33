#include "tool/probe/ClientProber.h"
#include "tool/probe/McpEndpoint.h"
#include "tool/probe/Placeholders.h"
#include "tool/probe/ProcessGroup.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/MessageText.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/FileSystem.h"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

namespace mcp_cutover {

namespace {
using nlohmann::json;

constexpr const char *NewVersion = "2026-07-28";
constexpr const char *MetaVersion = "io.modelcontextprotocol/protocolVersion";
constexpr const char *MetaCapabilities =
    "io.modelcontextprotocol/clientCapabilities";

/// Methods 2026-07-28 removed besides the handshake (the facts' list).
const char *const RemovedMethods[] = {"ping",
                                      "logging/setLevel",
                                      "resources/subscribe",
                                      "resources/unsubscribe",
                                      "notifications/roots/list_changed",
                                      "notifications/elicitation/complete"};

/// The headers a finding or evidence line shows, as the spec spells them.
const char *const ShownHeaders[] = {"Mcp-Method", "Mcp-Name",
                                    "MCP-Protocol-Version", "Mcp-Session-Id"};

/// "30", "0.5": seconds as the user gave them.
std::string seconds(double Value) {
  char Text[32];
  std::snprintf(Text, sizeof Text, "%g", Value);
  return Text;
}

std::atomic<bool> StopServing{false};
void stopServing(int) { StopServing = true; }

std::optional<std::string> header(const RecordedRequest &R,
                                  llvm::StringRef Name) {
  auto It = R.headers.find(Name.lower());
  if (It == R.headers.end())
    return std::nullopt;
  return It->second;
}

/// A header value as SEP-2243 encodes it: `=?base64?...?=` for values that
/// are not plain ASCII.
std::string decodedHeader(const std::string &Value) {
  llvm::StringRef V(Value);
  if (!V.consume_front("=?base64?") || !V.consume_back("?="))
    return Value;
  std::vector<char> Out;
  if (llvm::decodeBase64(V, Out))
    return Value;
  return std::string(Out.begin(), Out.end());
}

/// A word the client sent (a verb, a path, a method), as is when it is
/// plain visible ASCII, else quoted: a client may send anything, and a
/// finding is one line.
std::string shown(const std::string &Word) {
  bool Plain = !Word.empty() && llvm::all_of(Word, [](char C) {
    return C > 0x20 && C < 0x7f && C != '"';
  });
  return Plain ? Word : quoteInput(Word);
}

/// "POST tools/call (Mcp-Method: tools/call, Mcp-Name: add_item)": what a
/// client sent, its values quoted (a client may send anything).
std::string evidenceOf(const RecordedRequest &R, const std::string &Method) {
  std::string Text =
      shown(R.verb) + " " + shown(Method.empty() ? R.path : Method);
  std::string Shown;
  for (const char *Name : ShownHeaders)
    if (auto Value = header(R, Name))
      Shown += (Shown.empty() ? "" : ", ") + std::string(Name) + ": " +
               quoteInput(*Value);
  return Shown.empty() ? Text : Text + " (" + Shown + ")";
}

/// The name a request's Mcp-Name must carry, or nullopt for a method
/// without one.
std::optional<std::string> expectedName(const std::string &Method,
                                        const json &Params) {
  if (Method == "tools/call" || Method == "prompts/get")
    return textMember(Params, "name");
  if (Method == "resources/read")
    return textMember(Params, "uri");
  return std::nullopt;
}

class ClientJudge {
public:
  ClientJudge(const std::string &Url, CheckLedger &L) : Url(Url), Ledger(L) {}

  void judge(const RecordedRequest &R);
  void finish(bool SentAnything);

private:
  void message(const RecordedRequest &R, const json &Message);
  void routingHeaders(const RecordedRequest &R, const std::string &Method,
                      const json &Message);
  void meta(const RecordedRequest &R, const std::string &Method,
            const json &Params);
  /// One finding per rule and method (or verb): a client sends the same
  /// request many times.
  bool firstTime(const std::string &Rule, const std::string &What) {
    return Reported.insert(Rule + "\n" + What).second;
  }

  const std::string &Url;
  CheckLedger &Ledger;
  std::set<std::string> Reported;
  bool SawRequest = false;
  bool SawPost = false;
};

void ClientJudge::judge(const RecordedRequest &R) {
  if (R.verb != "POST") {
    if (firstTime("probe-client-removed-method", R.verb))
      Ledger.fail("probe-client-removed-method", Url,
                  "the client sent " + shown(R.verb) + " to the endpoint" +
                      (R.verb == "GET"
                           ? " (the standalone SSE stream): 2026-07-28 "
                             "removed it; server-to-client notifications "
                             "come on a subscriptions/listen POST stream"
                       : R.verb == "DELETE"
                           ? " (ending a session): 2026-07-28 has no "
                             "sessions to end"
                           : ": a 2026-07-28 endpoint takes POST only") +
                      " (SEP-2575, SEP-2567)",
                  evidenceOf(R, ""));
    return;
  }
  json Body = json::parse(R.body, nullptr, /*allow_exceptions=*/false);
  // A batch (removed in 2025-06-18) is judged message by message.
  if (Body.is_array()) {
    for (const json &Message : Body)
      if (Message.is_object())
        message(R, Message);
  } else if (Body.is_object()) {
    message(R, Body);
  }
}

void ClientJudge::message(const RecordedRequest &R, const json &Message) {
  const std::string Method = textMember(Message, "method");
  // The client's answer to a server request has no method: nothing here
  // judges it.
  if (Method.empty())
    return;
  SawPost = true;
  const json Params = Message.contains("params") ? Message["params"] : json();
  const std::string Evidence = evidenceOf(R, Method);
  if (Method == "initialize" || Method == "notifications/initialized") {
    // The handshake is one item: its other faults (no routing headers, a
    // session) go with it.
    if (firstTime("probe-client-initialize", Method))
      Ledger.fail(
          "probe-client-initialize", Url,
          Method == "initialize"
              ? "the client opened with the legacy 'initialize' handshake "
                "(protocolVersion " +
                    quoteInput(textMember(Params, "protocolVersion")) +
                    "): a 2026-07-28 server answers it with HTTP 404 and "
                    "-32601; ask server/discover, or send each request with "
                    "_meta protocolVersion and clientCapabilities, and fall "
                    "back to initialize only for a server that does not "
                    "answer them (SEP-2575)"
              : "the client sent 'notifications/initialized': removed with "
                "the handshake; stop sending it (SEP-2575)",
          Evidence);
    return;
  }
  Ledger.pass("probe-client-initialize", Evidence);
  for (const char *Removed : RemovedMethods)
    if (Method == Removed) {
      if (firstTime("probe-client-removed-method", Method))
        Ledger.fail("probe-client-removed-method", Url,
                    "the client sent " + quoteInput(Method) +
                        ", which 2026-07-28 removed: a 2026-07-28 server "
                        "answers it with HTTP 404 and -32601; stop sending "
                        "it (SEP-2575)",
                    Evidence);
      // Its other faults go with it: the fix is to stop sending it.
      return;
    }
  Ledger.pass("probe-client-removed-method", Evidence);
  if (auto Session = header(R, "Mcp-Session-Id")) {
    if (firstTime("probe-client-session-header", Method))
      Ledger.fail("probe-client-session-header", Url,
                  shown(Method) +
                      " was sent with Mcp-Session-Id: " + quoteInput(*Session) +
                      "; a 2026-07-28 client never sends one: the state it "
                      "named travels in explicit handles (SEP-2567)",
                  Evidence);
  } else {
    Ledger.pass("probe-client-session-header", Evidence);
  }
  routingHeaders(R, Method, Message);
  // _meta rides on requests; a notification has nothing to answer.
  if (Message.contains("id")) {
    SawRequest = true;
    meta(R, Method, Params);
  }
}

void ClientJudge::routingHeaders(const RecordedRequest &R,
                                 const std::string &Method,
                                 const json &Message) {
  std::vector<std::string> Missing, Wrong;
  auto Sent = header(R, "Mcp-Method");
  if (!Sent)
    Missing.emplace_back("Mcp-Method");
  else if (decodedHeader(*Sent) != Method)
    Wrong.push_back("Mcp-Method " + quoteInput(*Sent));
  const json Params = Message.contains("params") ? Message["params"] : json();
  if (auto Name = expectedName(Method, Params)) {
    auto SentName = header(R, "Mcp-Name");
    if (!SentName)
      Missing.emplace_back("Mcp-Name");
    else if (decodedHeader(*SentName) != *Name)
      Wrong.push_back("Mcp-Name " + quoteInput(*SentName) + " for " +
                      quoteInput(*Name));
  }
  auto Version = header(R, "MCP-Protocol-Version");
  json Meta =
      Params.is_object() && Params.contains("_meta") ? Params["_meta"] : json();
  std::string MetaSays = textMember(Meta, MetaVersion);
  if (!Version)
    Missing.emplace_back("MCP-Protocol-Version");
  else if (!MetaSays.empty() && *Version != MetaSays)
    Wrong.push_back("MCP-Protocol-Version " + quoteInput(*Version) +
                    " while _meta says " + quoteInput(MetaSays));
  const std::string Evidence = evidenceOf(R, Method);
  if (Missing.empty() && Wrong.empty()) {
    Ledger.pass("probe-client-routing-headers", Evidence);
    return;
  }
  if (!firstTime("probe-client-routing-headers", Method))
    return;
  std::string What;
  if (!Missing.empty())
    What = "without " + joinWithAnd(Missing);
  if (!Wrong.empty())
    What += (What.empty() ? "with " : ", and with ") + joinWithAnd(Wrong);
  Ledger.fail("probe-client-routing-headers", Url,
              shown(Method) + " was sent " + What +
                  ": gateways route on these headers, and a 2026-07-28 "
                  "server refuses the request with HTTP 400 and -32020 "
                  "(SEP-2243)",
              Evidence);
}

void ClientJudge::meta(const RecordedRequest &R, const std::string &Method,
                       const json &Params) {
  json Meta =
      Params.is_object() && Params.contains("_meta") ? Params["_meta"] : json();
  std::vector<std::string> Missing;
  std::string Version = textMember(Meta, MetaVersion);
  if (Version.empty())
    Missing.emplace_back(std::string("_meta ") + MetaVersion);
  if (!Meta.is_object() || !Meta.contains(MetaCapabilities) ||
      !Meta[MetaCapabilities].is_object())
    Missing.emplace_back(Missing.empty()
                             ? std::string("_meta ") + MetaCapabilities
                             : MetaCapabilities);
  const std::string Evidence = evidenceOf(R, Method);
  std::string What;
  if (!Missing.empty())
    What = "without " + joinWithAnd(Missing) +
           ": a 2026-07-28 server answers it with HTTP 400 and -32602";
  else if (Version != NewVersion)
    What = "asking for protocol version " + quoteInput(Version) +
           " although the server lists 2026-07-28 in server/discover";
  if (What.empty()) {
    Ledger.pass("probe-client-meta", Evidence);
    return;
  }
  if (firstTime("probe-client-meta", Method))
    Ledger.fail("probe-client-meta", Url,
                shown(Method) + " was sent " + What + " (SEP-2575)", Evidence);
}

void ClientJudge::finish(bool SentAnything) {
  if (!SentAnything)
    return;
  const char *Why = "the client sent no request besides the handshake";
  if (!SawPost)
    Why = "the client sent no JSON-RPC message by POST";
  Ledger.skip("probe-client-routing-headers", Why);
  Ledger.skip("probe-client-session-header", Why);
  if (!SawRequest)
    Ledger.skip("probe-client-meta", Why);
}
} // namespace

const std::vector<const char *> &clientProbeRules() {
  static const std::vector<const char *> Rules = {
      "probe-client-initialize", "probe-client-session-header",
      "probe-client-removed-method", "probe-client-routing-headers",
      "probe-client-meta"};
  return Rules;
}

void judgeClient(const std::vector<RecordedRequest> &Requests,
                 const std::string &Url, CheckLedger &Ledger) {
  ClientJudge Judge(Url, Ledger);
  for (const RecordedRequest &R : Requests)
    Judge.judge(R);
  Judge.finish(!Requests.empty());
}

std::string runClientProbe(const ClientProbeOptions &O,
                           const RuleCatalog &Catalog, ProjectResult &Result) {
  ClientRecorder Recorder;
  if (std::string Problem =
          Recorder.start(O.servePort < 0 ? 0 : O.servePort, O.path);
      !Problem.empty())
    return Problem;
  const auto Deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration<double>(O.duration);
  std::string Ran;
  if (!O.clientCommand.empty()) {
    llvm::SmallString<128> Log;
    if (llvm::sys::fs::createTemporaryFile("mcp-cutover-client", "log", Log))
      return "cannot create a temporary file for the client's output";
    std::string Command =
        fillPlaceholder(O.clientCommand, "{url}", Recorder.url());
    ProcessGroup Client;
    if (!Client.start(Command, Log.str().str()))
      return "cannot start the client (" + Command + "): fork failed";
    std::optional<int> Status;
    while (!(Status = Client.poll()) &&
           std::chrono::steady_clock::now() < Deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::string Last = lastLineOf(Log.str().str());
    (void)llvm::sys::fs::remove(Log);
    if (!Status) {
      Client.stop();
      Ran = "the client was still running after " + seconds(O.duration) +
            " s (--duration) and was stopped";
    } else if (*Status != 0) {
      Ran = "the client exited with status " + std::to_string(*Status) +
            (Last.empty() ? "" : ": " + Last);
    }
  } else {
    StopServing = false;
    struct sigaction Action = {};
    Action.sa_handler = stopServing;
    sigemptyset(&Action.sa_mask);
    sigaction(SIGINT, &Action, nullptr);
    sigaction(SIGTERM, &Action, nullptr);
    if (!O.quiet)
      std::fprintf(stderr,
                   "mcp-cutover: recording at %s for %s s (Ctrl-C ends it)\n",
                   Recorder.url().c_str(), seconds(O.duration).c_str());
    while (!StopServing && std::chrono::steady_clock::now() < Deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
  }
  Recorder.stop();
  std::vector<RecordedRequest> Requests = Recorder.requests();
  if (Requests.empty())
    return "the client sent no request to " + Recorder.url() +
           (Ran.empty() ? "" : " (" + Ran + ")");
  if (!Ran.empty() && !O.quiet)
    std::fprintf(stderr, "mcp-cutover: note: %s\n", Ran.c_str());
  CheckLedger Ledger(O.rules);
  judgeClient(Requests, Recorder.url(), Ledger);
  ProbeSummary Summary;
  Summary.urls.push_back(Recorder.url());
  Summary.side = "client";
  Summary.requestsRecorded = Requests.size();
  Ledger.finish(Catalog, clientProbeRules(), {{Recorder.url(), "the recorder"}},
                std::move(Summary), Result);
  return "";
}

} // namespace mcp_cutover
