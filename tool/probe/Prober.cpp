#include "tool/probe/Prober.h"
#include "tool/probe/CheckLedger.h"
#include "tool/probe/ClientProber.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/LocationUtil.h"
#include "checks/utils/MessageText.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace mcp_cutover {

namespace {
using nlohmann::json;
using Headers = std::map<std::string, std::string>;

constexpr const char *NewVersion = "2026-07-28";
constexpr const char *LegacyVersion = "2025-11-25";

/// The probe rules in the order they run; a check's status is listed in
/// catalog order.
const char *const ProbeRules[] = {
    "probe-discover",       "probe-session-wall",    "probe-session-header",
    "probe-removed-method", "probe-header-mismatch", "probe-list-caching",
    "probe-list-varies",    "probe-handle-fleet",    "probe-unknown-handle",
    "probe-legacy-window"};

/// Checked only with --expect-legacy: a new-only server is no failure.
constexpr const char *LegacyWindowRule = "probe-legacy-window";

std::string randomHex(size_t Bytes) {
  std::random_device Device;
  std::string Out;
  for (size_t I = 0; I < Bytes; ++I)
    Out += llvm::toHex(static_cast<uint8_t>(Device() & 0xff), true);
  return Out;
}

/// "POST tools/list (Mcp-Method: prompts/list) -> HTTP 200 with a result".
std::string evidenceOf(const HttpExchange &X, const std::string &Label) {
  std::string Sent = X.verb + " " + X.url;
  if (!Label.empty())
    Sent += " " + Label;
  std::string Headers;
  for (const auto &[Name, Value] : X.requestHeaders)
    Headers += (Headers.empty() ? "" : ", ") + Name + ": " + Value;
  if (!Headers.empty())
    Sent += " (" + Headers + ")";
  return Sent + " -> " + X.answerText();
}

/// The text of a tool result's content, or of a JSON-RPC error.
std::string answerMessage(const HttpExchange &X) {
  auto J = X.json();
  if (!J || !J->is_object())
    return X.responseBody.substr(0, 200);
  // Not JSON-RPC, but says why: {"error": "Missing Mcp-Session-Id header"}.
  if (J->contains("error") && (*J)["error"].is_string())
    return (*J)["error"].get<std::string>().substr(0, 200);
  if (J->contains("error") && (*J)["error"].is_object())
    return textMember((*J)["error"], "message") +
           ((*J)["error"].contains("data") ? " " + (*J)["error"]["data"].dump()
                                           : "");
  std::string Text;
  if (J->contains("result") && (*J)["result"].is_object()) {
    const json &Result = (*J)["result"];
    if (Result.contains("content") && Result["content"].is_array())
      for (const json &Part : Result["content"])
        if (textMember(Part, "type") == "text")
          Text += (Text.empty() ? "" : " ") + textMember(Part, "text");
  }
  return Text;
}

/// "HTTP 400 with JSON-RPC -32602: \"unknown tool\"": the answer, and
/// what it said, quoted (a server's text may hold anything, a terminal
/// escape or a newline too).
std::string answerWithText(const HttpExchange &X) {
  std::string Text = answerMessage(X);
  return X.answerText() + (Text.empty() ? "" : ": " + quoteInput(Text));
}

/// The result object of a successful JSON-RPC answer.
std::optional<json> resultOf(const HttpExchange &X) {
  if (X.status < 200 || X.status >= 300)
    return std::nullopt;
  auto J = X.json();
  if (!J || !J->is_object() || !J->contains("result"))
    return std::nullopt;
  return (*J)["result"];
}

bool isToolError(const HttpExchange &X) {
  auto R = resultOf(X);
  return !R || isToolErrorResult(*R);
}

/// SEP-2549's fields a complete result lacks: ttlMs (an integer >= 0) and
/// cacheScope (public or private).
void addMissingCacheFields(const json &Result,
                           std::vector<std::string> &Missing) {
  if (!Result.contains("ttlMs") || !Result["ttlMs"].is_number_unsigned())
    Missing.emplace_back("ttlMs");
  json Scope = Result.value("cacheScope", json());
  if (Scope != "public" && Scope != "private")
    Missing.emplace_back("cacheScope");
}

/// Each of a server's `Words`, quoted (quoteInput).
std::vector<std::string> quoted(const std::vector<std::string> &Words) {
  std::vector<std::string> Out;
  Out.reserve(Words.size());
  for (const std::string &Word : Words)
    Out.push_back(quoteInput(Word));
  return Out;
}

/// A session id as the transport allows it: visible ASCII (0x21 to 0x7E).
/// Another is reported as minted, but not carried behind the wall.
bool isVisibleAscii(llvm::StringRef Text) {
  return !Text.empty() &&
         llvm::all_of(Text, [](char C) { return C >= 0x21 && C <= 0x7e; });
}

/// One list answer: the instance, which of its calls, what it listed.
struct SeenList {
  size_t instance;
  int call;
  json list;
};

std::string instances(size_t N) {
  return std::to_string(N) + (N == 1 ? " instance" : " instances");
}

class Prober {
public:
  Prober(Fleet &F, const ProbeOptions &O, const RuleCatalog &C,
         ProjectResult &R)
      : F(F), O(O), Catalog(C), Result(R) {}

  std::string run();

private:
  bool enabled(const std::string &Rule) const { return Ledger.enabled(Rule); }
  void evidence(const std::string &Rule, const std::string &Text) {
    Ledger.evidence(Rule, Text);
  }
  void pass(const std::string &Rule, const HttpExchange &X,
            const std::string &Label) {
    if (enabled(Rule))
      Ledger.pass(Rule, evidenceOf(X, Label));
  }
  void skip(const std::string &Rule, const std::string &Why) {
    Ledger.skip(Rule, Why);
  }
  void fail(const std::string &Rule, const std::string &Url,
            const std::string &Message, const HttpExchange *X = nullptr,
            const std::string &Label = "") {
    Ledger.fail(Rule, Url, Message, X ? evidenceOf(*X, Label) : "");
  }

  /// Whether `X` is the error a 2026-07-28 server gives: JSON-RPC `Code`,
  /// over HTTP with status `Status`.
  bool answered(const HttpExchange &X, int Status, long Code) const {
    return X.errorCode() == Code && (X.stdio || X.status == Status);
  }
  /// "HTTP 400 with JSON-RPC -32602", or "JSON-RPC -32602" over stdio.
  std::string wants(int Status, long Code) const {
    return (F.stdio() ? "" : "HTTP " + std::to_string(Status) + " with ") +
           "JSON-RPC " + std::to_string(Code);
  }

  /// Headers of a request to `Instance` that plays by the 2026-07-28
  /// rules, plus that instance's legacy session when the probe is behind a
  /// session wall.
  Headers headersFor(size_t Instance, const json &Message) const {
    Headers H = routingHeaders(Message, NewVersion);
    if (!Sessions[Instance].empty())
      H["Mcp-Session-Id"] = Sessions[Instance];
    return H;
  }
  HttpExchange send(size_t Instance, const json &Message, const Headers &H) {
    HttpExchange X = F.endpoint(Instance).post(Message, H);
    noteSessionHeader(X, Message.value("method", ""));
    // Any answer may mint one (initialize as a removed method too).
    if (auto Session = X.responseHeader("mcp-session-id");
        Session && isVisibleAscii(*Session) &&
        !llvm::is_contained(Minted, std::make_pair(Instance, *Session)))
      Minted.emplace_back(Instance, *Session);
    return X;
  }
  HttpExchange request(size_t Instance, const std::string &Method,
                       json Params = json::object(), bool WithMeta = true) {
    json Message = rpcRequest(Method, std::move(Params), ++NextId, WithMeta);
    return send(Instance, Message, headersFor(Instance, Message));
  }
  const std::string &url(size_t Instance) const {
    return F.endpoint(Instance).url().text;
  }
  /// The first live instance after `After`, round-robin.
  std::optional<size_t> nextAlive(size_t After) const {
    for (size_t K = 1; K <= F.size(); ++K) {
      size_t I = (After + K) % F.size();
      if (F.alive(I))
        return I;
    }
    return std::nullopt;
  }

  /// "3 instances", or "1 of 2 instances (instance 2 gave no list)": a
  /// comparison counts the instances that answered, not the fleet.
  std::string answeringInstances(const std::vector<SeenList> &Lists) const {
    std::set<size_t> Answered;
    for (const SeenList &S : Lists)
      Answered.insert(S.instance);
    if (Answered.size() == F.size())
      return instances(F.size());
    std::vector<std::string> Silent;
    for (size_t I = 0; I < F.size(); ++I)
      if (!Answered.count(I))
        Silent.push_back("instance " + std::to_string(I + 1));
    return std::to_string(Answered.size()) + " of " + instances(F.size()) +
           " (" + joinWithAnd(Silent) + " gave no list)";
  }

  void noteSessionHeader(const HttpExchange &X, const std::string &Method) {
    auto Minted = X.responseHeader("mcp-session-id");
    if (!Minted || SessionHeaderReported || (LegacyPath && O.expectLegacy))
      return;
    SessionHeaderReported = true;
    fail("probe-session-header", X.url,
         Method + " was answered with Mcp-Session-Id: " + quoteInput(*Minted) +
             "; a 2026-07-28 server never mints or echoes a session id",
         &X, Method);
  }

  std::string discover();
  void enterBehindWall(const HttpExchange &X);
  json legacyInitialize();
  std::optional<std::string> legacyHandshake(size_t Instance);
  void legacyWindow();
  void requestMeta();
  void removedMethods();
  void unknownSessionHeader();
  void headerMismatch();
  void lists();
  void servedSchemas();
  void handleFlows();
  void bareVerbs();
  void endSessions();
  void finish();

  Fleet &F;
  const ProbeOptions &O;
  const RuleCatalog &Catalog;
  ProjectResult &Result;
  CheckLedger Ledger{O.rules};
  ProbeSummary Summary;
  long NextId = 0;
  /// Per instance, the legacy session carried behind a session wall
  /// (empty: none). Each instance gets its own: behind a wall without
  /// sticky sessions, another instance's session is refused.
  std::vector<std::string> Sessions;
  /// Every session the probe minted, by instance: each is ended at the
  /// close, so that a run leaves no session behind (a server that caps its
  /// sessions would refuse the next run).
  std::vector<std::pair<size_t, std::string>> Minted;
  /// How the last initialize handshake was answered.
  std::string HandshakeAnswer;
  json Capabilities;
  bool SessionHeaderReported = false;
  /// A request of the 2025-11-25 path is on its way: with --expect-legacy,
  /// a session minted there is the transition window's, not a finding.
  bool LegacyPath = false;
  json ServedTools; ///< tools/list's tools, once read.
};

std::string Prober::run() {
  Sessions.assign(F.size(), "");
  for (size_t I = 0; I < F.size(); ++I)
    Summary.urls.push_back(url(I));
  // What lives in HTTP headers (sessions, routing) is not a stdio
  // server's to get right.
  if (F.stdio())
    for (const char *Rule : {"probe-session-wall", "probe-session-header",
                             "probe-header-mismatch"})
      skip(Rule, "a stdio server has no HTTP headers and no sessions");
  if (std::string Problem = discover(); !Problem.empty())
    return Problem;
  requestMeta();
  removedMethods();
  if (!F.stdio()) {
    unknownSessionHeader();
    headerMismatch();
  }
  lists();
  servedSchemas();
  handleFlows();
  legacyWindow();
  // Last: a legacy server's DELETE ends the probe's session.
  if (!F.stdio())
    bareVerbs();
  endSessions();
  finish();
  return "";
}

std::string Prober::discover() {
  HttpExchange X = request(0, "server/discover");
  if (X.status == 0)
    return X.url + ": no answer to server/discover (" + X.transportError + ")";
  std::optional<json> R = resultOf(X);
  // The handshake too, for the versions a transition window still serves
  // and for a look behind a session wall.
  if (!R || !R->is_object())
    return enterBehindWall(X), "";
  // No wall: a 2026-07-28 client never carries the session the legacy
  // path minted (a server in its transition window mints one there).
  legacyHandshake(0);
  pass("probe-session-wall", X, "server/discover");
  std::vector<std::string> Missing;
  const json Versions = R->value("supportedVersions", json());
  bool HasNew = false;
  if (Versions.is_array())
    for (const json &V : Versions)
      if (V.is_string()) {
        Summary.discoverVersions.push_back(V.get<std::string>());
        HasNew |= V == NewVersion;
      }
  if (!HasNew)
    Missing.emplace_back("supportedVersions with 2026-07-28");
  if (R->contains("capabilities") && (*R)["capabilities"].is_object())
    Capabilities = (*R)["capabilities"];
  else
    Missing.emplace_back("capabilities");
  addMissingCacheFields(*R, Missing);
  if (!Missing.empty())
    fail("probe-discover", X.url,
         "server/discover answered without " + joinWithAnd(Missing), &X,
         "server/discover");
  else
    pass("probe-discover", X, "server/discover");
  return "";
}

void Prober::enterBehindWall(const HttpExchange &X) {
  std::optional<std::string> Session = legacyHandshake(0);
  std::string Behind =
      Summary.handshakeVersions.empty()
          ? ""
          : "; the server speaks only the initialize "
            "handshake (" +
                joinWithAnd(quoted(Summary.handshakeVersions)) + ")";
  fail("probe-discover", X.url,
       "server/discover was answered with " + X.answerText() +
           ", not a result: a 2026-07-28 server must implement it" + Behind,
       &X, "server/discover");
  bool Refused = X.status >= 400 && X.status < 500;
  // A wall the server names ("Missing Mcp-Session-Id header") is one even
  // when its handshake is refused too (a server that caps its sessions).
  bool NamesSession = llvm::StringRef(X.responseBody)
                          .take_front(4096)
                          .contains_insensitive("session");
  if (Refused && Session) {
    Sessions[0] = *Session;
    Summary.sessionWall = true;
    fail("probe-session-wall", X.url,
         "a request without Mcp-Session-Id was refused with " + X.answerText() +
             ": any instance must answer any request without a session; "
             "the probe looked behind the wall with a session of its own "
             "(" +
             *Session + ")",
         &X, "server/discover");
    if (F.size() < 2)
      return;
    json List = rpcRequest("tools/list", json::object(), ++NextId);
    Headers H = routingHeaders(List, NewVersion);
    H["Mcp-Session-Id"] = *Session;
    HttpExchange Other = send(1, List, H);
    if (!resultOf(Other))
      fail("probe-session-wall", Other.url,
           "the session " + *Session + ", minted by " + url(0) +
               ", was refused by " + Other.url + " with " + Other.answerText() +
               ": this fleet works only behind sticky sessions",
           &Other, "tools/list");
    // Behind the wall, each instance with a session of its own: the checks
    // that compare instances still compare them.
    for (size_t I = 1; I < F.size(); ++I)
      if (auto Own = legacyHandshake(I))
        Sessions[I] = *Own;
  } else if (Refused && NamesSession) {
    Summary.sessionWall = true;
    fail("probe-session-wall", X.url,
         "a request without Mcp-Session-Id was refused with " +
             answerWithText(X) +
             ": any instance must answer any request without a session; "
             "initialize, which would mint one, was answered with " +
             HandshakeAnswer + ", so nothing behind the wall was checked",
         &X, "server/discover");
  } else {
    skip("probe-session-wall", "server/discover was answered with " +
                                   X.answerText() + ", and initialize with " +
                                   HandshakeAnswer +
                                   ": no session wall to look behind");
  }
}

json Prober::legacyInitialize() {
  // As a 2025-11-25 client sends it: no routing headers, no _meta.
  return rpcRequest(
      "initialize",
      {{"protocolVersion", LegacyVersion},
       {"capabilities", json::object()},
       {"clientInfo",
        {{"name", "mcp-cutover-probe"}, {"version", MCP_CUTOVER_VERSION}}}},
      ++NextId, /*WithMeta=*/false);
}

std::optional<std::string> Prober::legacyHandshake(size_t Instance) {
  LegacyPath = true;
  HttpExchange X = send(Instance, legacyInitialize(), {});
  LegacyPath = false;
  HandshakeAnswer = answerWithText(X);
  std::optional<json> R = resultOf(X);
  if (!R || !R->is_object())
    return std::nullopt;
  std::string Version = textMember(*R, "protocolVersion");
  if (!Version.empty() &&
      !llvm::is_contained(Summary.handshakeVersions, Version))
    Summary.handshakeVersions.push_back(Version);
  if (Capabilities.is_null() && R->contains("capabilities"))
    Capabilities = (*R)["capabilities"];
  auto Session = X.responseHeader("mcp-session-id");
  if (!Session || !isVisibleAscii(*Session))
    return std::nullopt;
  json Initialized = {{"jsonrpc", "2.0"},
                      {"method", "notifications/initialized"}};
  LegacyPath = true;
  send(Instance, Initialized,
       {{"Mcp-Session-Id", *Session},
        {"MCP-Protocol-Version", Version.empty() ? LegacyVersion : Version}});
  LegacyPath = false;
  return Session;
}

void Prober::legacyWindow() {
  if (!O.expectLegacy || !enabled(LegacyWindowRule))
    return;
  // A 2025-11-25 client of its own, beside the probe's other requests: the
  // handshake, its notification, and tools/list as such a client sends
  // them (no routing headers, no _meta; the session, if one was minted).
  LegacyPath = true;
  HttpExchange X = send(0, legacyInitialize(), {});
  std::optional<json> R = resultOf(X);
  std::string Version =
      R && R->is_object() ? textMember(*R, "protocolVersion") : "";
  if (Version.empty()) {
    LegacyPath = false;
    return fail(LegacyWindowRule, X.url,
                "initialize, as a 2025-11-25 client sends it, was answered "
                "with " +
                    answerWithText(X) +
                    ": with --expect-legacy, 2025-11-25 clients must still "
                    "connect while 2026-07-28 is served",
                &X, "initialize");
  }
  pass(LegacyWindowRule, X, "initialize");
  Headers H = {{"MCP-Protocol-Version", Version}};
  if (auto Session = X.responseHeader("mcp-session-id");
      Session && isVisibleAscii(*Session)) {
    H["Mcp-Session-Id"] = *Session;
    json Initialized = {{"jsonrpc", "2.0"},
                        {"method", "notifications/initialized"}};
    HttpExchange N = send(0, Initialized, H);
    if (N.status < 200 || N.status >= 300)
      fail(LegacyWindowRule, N.url,
           "notifications/initialized, as a 2025-11-25 client sends it, was "
           "answered with " +
               answerWithText(N) +
               ": with --expect-legacy, the handshake must complete",
           &N, "notifications/initialized");
  }
  json List = rpcRequest("tools/list", json::object(), ++NextId,
                         /*WithMeta=*/false);
  HttpExchange L = send(0, List, H);
  LegacyPath = false;
  std::optional<json> LR = resultOf(L);
  if (!LR || !LR->is_object() || !(*LR)["tools"].is_array())
    return fail(LegacyWindowRule, L.url,
                "tools/list, as a 2025-11-25 client sends it after the "
                "handshake, was answered with " +
                    answerWithText(L) +
                    ": with --expect-legacy, 2025-11-25 clients must still "
                    "work while 2026-07-28 is served",
                &L, "tools/list (2025-11-25)");
  // Both paths serve one server: the same tools.
  auto Names = [](const json &Tools) {
    std::vector<std::string> Out;
    if (Tools.is_array())
      for (const json &T : Tools)
        Out.push_back(textMember(T, "name"));
    std::sort(Out.begin(), Out.end());
    return Out;
  };
  if (!ServedTools.is_null() && Names((*LR)["tools"]) != Names(ServedTools))
    return fail(LegacyWindowRule, L.url,
                "the tools a 2025-11-25 client lists (" +
                    joinWithAnd(quoted(Names((*LR)["tools"]))) +
                    ") are not those a 2026-07-28 client lists (" +
                    joinWithAnd(quoted(Names(ServedTools))) +
                    "): both paths must serve the same tools",
                &L, "tools/list (2025-11-25)");
  pass(LegacyWindowRule, L, "tools/list (2025-11-25)");
}

void Prober::requestMeta() {
  // Without _meta at all, then with the version but no clientCapabilities:
  // both are required (SEP-2575).
  HttpExchange X = request(0, "tools/list", json::object(), /*WithMeta=*/false);
  if (answered(X, 400, -32602))
    pass("probe-discover", X, "tools/list without _meta");
  else
    fail("probe-discover", X.url,
         "tools/list without _meta io.modelcontextprotocol/protocolVersion "
         "was answered with " +
             X.answerText() + "; a request missing it wants " +
             wants(400, -32602),
         &X, "tools/list without _meta");
  json Message = rpcRequest("tools/list", json::object(), ++NextId,
                            /*WithMeta=*/false);
  Message["params"]["_meta"] = {
      {"io.modelcontextprotocol/protocolVersion", NewVersion}};
  HttpExchange Y = send(0, Message, headersFor(0, Message));
  const std::string Label = "tools/list without _meta clientCapabilities";
  if (answered(Y, 400, -32602))
    return pass("probe-discover", Y, Label);
  fail("probe-discover", Y.url,
       "tools/list without _meta io.modelcontextprotocol/clientCapabilities "
       "was answered with " +
           Y.answerText() + "; a request missing it wants " +
           wants(400, -32602),
       &Y, Label);
}

void Prober::removedMethods() {
  const std::pair<const char *, json> Removed[] = {
      {"initialize",
       {{"protocolVersion", NewVersion},
        {"capabilities", json::object()},
        {"clientInfo", {{"name", "mcp-cutover-probe"}, {"version", "1"}}}}},
      {"ping", json::object()},
      {"logging/setLevel", {{"level", "info"}}},
      {"resources/subscribe", {{"uri", "mcp-cutover-probe://none"}}},
      {"resources/unsubscribe", {{"uri", "mcp-cutover-probe://none"}}}};
  for (const auto &[Method, Params] : Removed) {
    HttpExchange X = request(0, Method, Params);
    if (answered(X, 404, -32601)) {
      pass("probe-removed-method", X, Method);
      continue;
    }
    fail("probe-removed-method", X.url,
         std::string(Method) + " was answered with " + X.answerText() +
             "; a method removed in 2026-07-28 wants " + wants(404, -32601),
         &X, Method);
  }
}

void Prober::unknownSessionHeader() {
  json Message = rpcRequest("tools/list", json::object(), ++NextId);
  Headers H = routingHeaders(Message, NewVersion);
  std::string Made = "mcp-cutover-probe-" + randomHex(8);
  H["Mcp-Session-Id"] = Made;
  HttpExchange X = send(0, Message, H);
  if (resultOf(X))
    return pass("probe-session-header", X, "tools/list");
  fail("probe-session-header", X.url,
       "tools/list carrying Mcp-Session-Id: " + Made + " was answered with " +
           X.answerText() +
           "; a 2026-07-28 server ignores the header and answers as without it",
       &X, "tools/list");
}

void Prober::headerMismatch() {
  struct Case {
    std::string what;
    json message;
    Headers headers;
  };
  std::vector<Case> Cases;
  json List = rpcRequest("tools/list", json::object(), ++NextId);
  Headers Good = headersFor(0, List);
  Headers H = Good;
  H["Mcp-Method"] = "prompts/list";
  Cases.push_back({"tools/list with Mcp-Method: prompts/list", List, H});
  H = Good;
  H.erase("Mcp-Method");
  Cases.push_back({"tools/list without Mcp-Method", List, H});
  H = Good;
  H.erase("MCP-Protocol-Version");
  Cases.push_back({"tools/list without MCP-Protocol-Version", List, H});
  H = Good;
  H["MCP-Protocol-Version"] = LegacyVersion;
  Cases.push_back({"tools/list with MCP-Protocol-Version: 2025-11-25 and "
                   "_meta protocolVersion 2026-07-28",
                   List, H});
  // A tool nobody has: a server that does not check the header still does
  // nothing with the call.
  json Call = rpcRequest("tools/call",
                         {{"name", "mcp-cutover-probe-no-such-tool"},
                          {"arguments", json::object()}},
                         ++NextId);
  H = headersFor(0, Call);
  H["Mcp-Name"] = "mcp-cutover-probe-other-tool";
  Cases.push_back({"tools/call of mcp-cutover-probe-no-such-tool with "
                   "Mcp-Name: mcp-cutover-probe-other-tool",
                   Call, H});
  for (const Case &C : Cases) {
    HttpExchange X = send(0, C.message, C.headers);
    if (X.status == 400 && X.errorCode() == -32020) {
      pass("probe-header-mismatch", X, C.message.value("method", ""));
      continue;
    }
    fail("probe-header-mismatch", X.url,
         C.what + " was answered with " + X.answerText() +
             "; a header missing or disagreeing with the body wants HTTP 400 "
             "with JSON-RPC -32020",
         &X, C.message.value("method", ""));
  }
}

void Prober::lists() {
  struct ListMethod {
    const char *method, *capability, *key;
  };
  const ListMethod Methods[] = {
      {"tools/list", "tools", "tools"},
      {"prompts/list", "prompts", "prompts"},
      {"resources/list", "resources", "resources"},
      {"resources/templates/list", "resources", "resourceTemplates"}};
  bool AnyRead = false;
  for (const ListMethod &M : Methods) {
    bool Declared =
        Capabilities.is_object() && Capabilities.contains(M.capability);
    if (!Declared && std::string(M.method) != "tools/list")
      continue;
    std::vector<SeenList> Lists;
    bool CachingReported = false;
    for (size_t I = 0; I < F.size(); ++I)
      for (int Call = 1; Call <= 2; ++Call) {
        HttpExchange X = request(I, M.method);
        std::optional<json> R = resultOf(X);
        if (!R || !R->is_object())
          continue;
        AnyRead = true;
        if (ServedTools.is_null() && M.key == std::string("tools") &&
            R->contains("tools"))
          ServedTools = (*R)["tools"];
        std::vector<std::string> Missing;
        addMissingCacheFields(*R, Missing);
        json Type = R->value("resultType", json());
        if (Type != "complete" && Type != "input_required")
          Missing.emplace_back("resultType");
        if (!Missing.empty() && !CachingReported) {
          CachingReported = true;
          fail("probe-list-caching", X.url,
               std::string(M.method) + " answered without " +
                   joinWithAnd(Missing) +
                   "; a complete list result carries ttlMs, cacheScope and "
                   "resultType",
               &X, M.method);
        } else if (Missing.empty()) {
          pass("probe-list-caching", X, M.method);
        }
        Lists.push_back({I, Call, R->value(M.key, json())});
      }
    for (const SeenList &S : Lists) {
      if (S.list == Lists.front().list)
        continue;
      fail("probe-list-varies", url(S.instance),
           std::string(M.method) + " differs between " +
               url(Lists.front().instance) + " (call " +
               std::to_string(Lists.front().call) + ") and " + url(S.instance) +
               " (call " + std::to_string(S.call) +
               "); lists must not vary per instance, connection or call "
               "(and tools/list comes in a deterministic order)");
      break;
    }
    if (Lists.size() > 1 && Lists.back().list == Lists.front().list)
      evidence("probe-list-varies",
               std::string(M.method) + ": " + std::to_string(Lists.size()) +
                   " answers from " + answeringInstances(Lists) +
                   ", all identical");
  }
  // Behind a session wall: does the list vary per session?
  if (!Sessions[0].empty() && !ServedTools.is_null()) {
    if (std::optional<std::string> Second = legacyHandshake(0)) {
      json List = rpcRequest("tools/list", json::object(), ++NextId);
      Headers H = routingHeaders(List, NewVersion);
      H["Mcp-Session-Id"] = *Second;
      HttpExchange X = send(0, List, H);
      std::optional<json> R = resultOf(X);
      if (R && R->is_object() && R->value("tools", json()) != ServedTools)
        fail("probe-list-varies", X.url,
             "tools/list differs between two sessions; lists must not vary "
             "per connection",
             &X, "tools/list");
      else if (R)
        evidence("probe-list-varies",
                 "tools/list: the same in a second session (" + *Second + ")");
      else
        evidence("probe-list-varies", "tools/list in a second session was "
                                      "answered with " +
                                          X.answerText() +
                                          ": not compared across sessions");
    } else {
      evidence("probe-list-varies",
               "a second session was refused (initialize: " + HandshakeAnswer +
                   "): not compared across sessions");
    }
  }
  if (!AnyRead) {
    std::string Why = "no list method answered with a result";
    if (Summary.sessionWall && Sessions[0].empty())
      Why += ": every request was refused at the session wall";
    skip("probe-list-caching", Why);
    skip("probe-list-varies", Why);
  }
}

void Prober::servedSchemas() {
  std::set<std::string> SchemaRules;
  for (const Rule &R : Catalog.rules())
    if (!R.runtime && enabled(R.id))
      SchemaRules.insert(R.id);
  // An empty set would run every rule (isRuleEnabled): --rules named only
  // runtime rules.
  if (ServedTools.is_null() || SchemaRules.empty())
    return;
  std::string Error;
  std::string Path = url(0) + "#tools/list";
  auto File = parseToolFile(Path, json{{"tools", ServedTools}}.dump(2), Error);
  if (!File)
    return;
  OwnershipPolicy Policy(O.root.empty() ? "/" : O.root, {});
  ProjectResult Schema =
      linkProject({}, Catalog, Policy, SchemaRules, {*File}, HandleNaming());
  for (Finding &Fd : Schema.findings) {
    Fd.message = "served tools/list: " + Fd.message;
    Fd.span = SourceSpan{url(0), 0, 0, 0, 0};
    Fd.related.clear();
    Fd.fixes.clear();
    Ledger.add(std::move(Fd));
  }
}

void Prober::handleFlows() {
  std::optional<ProbeScenario> S = O.scenario;
  if (!S && O.allowCalls && !ServedTools.is_null())
    S = inferScenario(ServedTools);
  if (!S) {
    std::string Why =
        O.scenario || O.allowCalls
            ? "no tool returns a *_id handle that another tool requires"
            : "no scenario: give --scenario FILE, or --allow-calls to infer "
              "one from tools/list";
    skip("probe-handle-fleet", Why);
    skip("probe-unknown-handle", Why);
    return;
  }
  auto call = [&](size_t Instance, const ScenarioCall &C,
                  const std::string &Handle) {
    return request(
        Instance, "tools/call",
        {{"name", C.tool}, {"arguments", withHandle(C.arguments, Handle)}});
  };
  // Creates a handle on `Creator`; nullopt after reporting why not.
  auto create = [&](size_t Creator) -> std::optional<std::string> {
    HttpExchange X = call(Creator, S->create, "");
    std::optional<json> R = resultOf(X);
    json Handle;
    if (R && R->is_object() && R->contains("structuredContent")) {
      json::json_pointer Pointer;
      try {
        Pointer = json::json_pointer(S->handlePointer);
        const json &Content = (*R)["structuredContent"];
        if (Content.contains(Pointer))
          Handle = Content.at(Pointer);
      } catch (const json::exception &) {
        // A pointer the scenario got wrong: no handle, reported below.
        Handle = nullptr;
      }
    }
    if (Handle.is_string() && !Handle.get<std::string>().empty())
      return Handle.get<std::string>();
    fail("probe-handle-fleet", X.url,
         S->create.tool + " gave no handle at structuredContent" +
             S->handlePointer + " (" + answerWithText(X) + ")",
         &X, "tools/call " + S->create.tool);
    return std::nullopt;
  };
  // The follow-ups, each on the next live instance after the creator.
  auto followUps = [&](size_t Creator, const std::string &Handle,
                       const std::string &After) {
    size_t At = Creator;
    for (const ScenarioCall &C : S->followUps) {
      auto Next = nextAlive(At);
      if (!Next)
        return;
      At = *Next;
      HttpExchange X = call(At, C, Handle);
      if (!isToolError(X)) {
        pass("probe-handle-fleet", X, "tools/call " + C.tool);
        continue;
      }
      fail("probe-handle-fleet", X.url,
           C.tool + " with the handle " + S->create.tool + " returned on " +
               url(Creator) + After + " failed on " + X.url + " (" +
               answerWithText(X) +
               "): what a handle names must live in storage every instance "
               "shares",
           &X, "tools/call " + C.tool);
      return;
    }
  };
  if (F.size() < 2) {
    skip("probe-handle-fleet",
         "one instance: give --url once per instance, or --spawn or --stdio "
         "with --instances 2 or more");
  } else if (auto Handle = create(0)) {
    followUps(0, *Handle, "");
    if (O.killBetween) {
      if (!F.canInterrupt()) {
        evidence("probe-handle-fleet",
                 "--kill-between: not run, the fleet is URLs without "
                 "--restart-cmd");
      } else if (auto Second = create(0)) {
        if (std::string Problem = F.interrupt(0); !Problem.empty()) {
          // Not revived: whatever still holds its port would be taken
          // for the new instance.
          evidence("probe-handle-fleet", "--kill-between: " + Problem);
        } else {
          followUps(0, *Second,
                    F.spawned() ? " (killed after it)"
                                : " (restarted after it)");
          evidence("probe-handle-fleet", "--kill-between: " + url(0) +
                                             " interrupted after " +
                                             S->create.tool);
          if (std::string Problem = F.revive(0); !Problem.empty())
            evidence("probe-handle-fleet", "revive: " + Problem);
        }
      }
    }
  }
  // A made-up handle must get an error that says what is wrong.
  const ScenarioCall &First = S->followUps.front();
  std::string Made = "mcp-cutover-probe-unknown-" + randomHex(8);
  size_t Instance = F.alive(0) ? 0 : nextAlive(0).value_or(0);
  HttpExchange X = call(Instance, First, Made);
  std::string Text = answerMessage(X);
  std::string Lower = llvm::StringRef(Text).lower();
  bool Says = false;
  for (const char *Word : {"unknown", "expired", "not found", "does not exist",
                           "no such", "invalid", "not exist"})
    Says |= Lower.find(Word) != std::string::npos;
  if (!isToolError(X))
    fail("probe-unknown-handle", X.url,
         First.tool + " with the made-up handle " + Made + " succeeded (" +
             X.answerText() + "); an unknown handle must get an error",
         &X, "tools/call " + First.tool);
  else if (Text.find(Made) == std::string::npos || !Says)
    fail("probe-unknown-handle", X.url,
         First.tool + " with the made-up handle " + Made +
             " got an error that does not name the handle and say it is "
             "unknown or expired: " +
             quoteInput(Text),
         &X, "tools/call " + First.tool);
  else
    pass("probe-unknown-handle", X, "tools/call " + First.tool);
}

void Prober::bareVerbs() {
  for (const char *Verb : {"GET", "DELETE"}) {
    Headers H = {{"MCP-Protocol-Version", NewVersion}};
    if (!Sessions[0].empty())
      H["Mcp-Session-Id"] = Sessions[0];
    HttpExchange X = F.endpoint(0).bare(Verb, H);
    noteSessionHeader(X, Verb);
    // A legacy server's DELETE ends the session: not one to end again.
    if (std::string(Verb) == "DELETE" && X.status >= 200 && X.status < 300)
      std::erase(Minted, std::make_pair(size_t(0), Sessions[0]));
    if (X.status == 405) {
      pass("probe-removed-method", X, "");
      continue;
    }
    fail("probe-removed-method", X.url,
         std::string(Verb) + " on the endpoint was answered with " +
             (X.status == 0 ? X.answerText()
                            : "HTTP " + std::to_string(X.status)) +
             "; a 2026-07-28 server answers GET and DELETE with 405",
         &X, "");
  }
}

void Prober::endSessions() {
  // As a 2025-11-25 client ends one; the answer is no check's business.
  for (const auto &[Instance, Session] : Minted)
    if (F.alive(Instance))
      F.endpoint(Instance).bare("DELETE",
                                {{"Mcp-Session-Id", Session},
                                 {"MCP-Protocol-Version", LegacyVersion}});
  Minted.clear();
}

void Prober::finish() {
  // Each instance by its place in the fleet, not its port.
  std::vector<std::pair<std::string, std::string>> Places;
  Places.reserve(F.size());
  for (size_t I = 0; I < F.size(); ++I)
    Places.emplace_back(url(I), "instance " + std::to_string(I + 1));
  std::vector<const char *> Rules;
  for (const char *Rule : ProbeRules)
    if (O.expectLegacy || llvm::StringRef(Rule) != LegacyWindowRule)
      Rules.push_back(Rule);
  Ledger.finish(Catalog, Rules, Places, std::move(Summary), Result);
}
} // namespace

std::vector<std::string> probeRuleIds() {
  std::vector<std::string> Ids(std::begin(ProbeRules), std::end(ProbeRules));
  Ids.insert(Ids.end(), clientProbeRules().begin(), clientProbeRules().end());
  std::sort(Ids.begin(), Ids.end());
  return Ids;
}

std::string runProbe(Fleet &F, const ProbeOptions &Options,
                     const RuleCatalog &Catalog, ProjectResult &Result) {
  return Prober(F, Options, Catalog, Result).run();
}

} // namespace mcp_cutover
