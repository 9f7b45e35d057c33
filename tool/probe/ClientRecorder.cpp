#include "tool/probe/ClientRecorder.h"
#include "tool/probe/McpEndpoint.h"

#include "llvm/ADT/StringExtras.h"

#include <httplib.h>

#include <chrono>

namespace mcp_cutover {

namespace {
using nlohmann::json;

/// Requests kept, and the largest body taken: a client in a loop must not
/// fill the memory.
constexpr size_t MaxRequests = 10000;
constexpr size_t MaxBodyBytes = 1 << 20;

json rpcError(const json &Id, long Code, const std::string &Message) {
  return {{"jsonrpc", "2.0"},
          {"id", Id},
          {"error", {{"code", Code}, {"message", Message}}}};
}

json rpcResult(const json &Id, json Result) {
  Result["_meta"] = {{"io.modelcontextprotocol/serverInfo",
                      {{"name", "mcp-cutover-recorder"}, {"version", "1"}}}};
  return {{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}};
}

/// A list result: empty, complete, cacheable for a minute (SEP-2549).
json emptyList(const char *Key) {
  return {{Key, json::array()},
          {"ttlMs", 60000},
          {"cacheScope", "public"},
          {"resultType", "complete"}};
}

/// The answer to one JSON-RPC request.
RecordedAnswer answerRequest(const json &Message) {
  const json Id = Message.contains("id") ? Message["id"] : json();
  const std::string Method = textMember(Message, "method");
  const json Params = Message.value("params", json::object());
  RecordedAnswer A;
  if (Method == "server/discover") {
    A.body = rpcResult(Id, {{"supportedVersions", {"2026-07-28", "2025-11-25"}},
                            {"capabilities",
                             {{"tools", json::object()},
                              {"resources", json::object()},
                              {"prompts", json::object()}}},
                            {"ttlMs", 60000},
                            {"cacheScope", "public"}})
                 .dump();
  } else if (Method == "initialize") {
    // The transition window: the version the client asked for, and a
    // session, so that a legacy client goes on.
    std::string Version =
        Params.is_object() ? textMember(Params, "protocolVersion", "2025-11-25")
                           : "2025-11-25";
    A.body =
        rpcResult(Id, {{"protocolVersion", Version},
                       {"capabilities", {{"tools", json::object()}}},
                       {"serverInfo",
                        {{"name", "mcp-cutover-recorder"}, {"version", "1"}}}})
            .dump();
    A.headers["Mcp-Session-Id"] = RecorderSessionId;
  } else if (Method == "tools/list") {
    A.body = rpcResult(Id, emptyList("tools")).dump();
  } else if (Method == "prompts/list") {
    A.body = rpcResult(Id, emptyList("prompts")).dump();
  } else if (Method == "resources/list") {
    A.body = rpcResult(Id, emptyList("resources")).dump();
  } else if (Method == "resources/templates/list") {
    A.body = rpcResult(Id, emptyList("resourceTemplates")).dump();
  } else if (Method == "tools/call") {
    A.body =
        rpcResult(Id,
                  {{"content",
                    {{{"type", "text"}, {"text", "recorded by mcp-cutover"}}}},
                   {"isError", false}})
            .dump();
  } else {
    A.status = 404;
    A.body = rpcError(Id, -32601, "Method not found: " + Method).dump();
  }
  return A;
}
} // namespace

RecordedAnswer answerClient(const RecordedRequest &R, const std::string &Path) {
  RecordedAnswer A;
  if (R.path != Path) {
    A.status = 404;
    return A;
  }
  if (R.verb != "POST") {
    A.status = 405;
    A.headers["Allow"] = "POST";
    return A;
  }
  json Message = json::parse(R.body, nullptr, /*allow_exceptions=*/false);
  if (!Message.is_object()) {
    A.status = 400;
    A.body =
        rpcError(json(), -32700, "Parse error: not a JSON-RPC message").dump();
    return A;
  }
  // A notification, or the client's answer to a server request.
  if (!Message.contains("id") || !Message.contains("method")) {
    A.status = 202;
    return A;
  }
  return answerRequest(Message);
}

ClientRecorder::ClientRecorder()
    : Server(std::make_unique<httplib::Server>()) {}

ClientRecorder::~ClientRecorder() { stop(); }

std::string ClientRecorder::start(int Port, const std::string &Path) {
  Server->set_payload_max_length(MaxBodyBytes);
  Server->set_read_timeout(5, 0);
  Server->set_write_timeout(5, 0);
  auto Handler = [this, Path](const httplib::Request &Req,
                              httplib::Response &Res) {
    RecordedRequest R;
    R.verb = Req.method;
    R.path = Req.path;
    for (const auto &[Name, Value] : Req.headers)
      R.headers.emplace(llvm::StringRef(Name).lower(), Value);
    R.body = Req.body;
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      if (Requests.size() >= MaxRequests) {
        Res.status = 503;
        return;
      }
      Requests.push_back(R);
    }
    RecordedAnswer A = answerClient(R, Path);
    Res.status = A.status;
    for (const auto &[Name, Value] : A.headers)
      Res.set_header(Name, Value);
    if (!A.body.empty())
      Res.set_content(A.body, "application/json");
  };
  Server->Post(".*", Handler);
  Server->Get(".*", Handler);
  Server->Delete(".*", Handler);
  Server->Put(".*", Handler);
  Server->Patch(".*", Handler);
  int Bound = Port == 0 ? Server->bind_to_any_port("127.0.0.1")
                        : (Server->bind_to_port("127.0.0.1", Port) ? Port : -1);
  if (Bound <= 0)
    return "cannot listen on 127.0.0.1:" + std::to_string(Port) +
           " (is the port taken?)";
  Url = "http://127.0.0.1:" + std::to_string(Bound) + Path;
  // Connections wait in the bound socket's backlog until the loop runs.
  Listener = std::thread([this] { Server->listen_after_bind(); });
  return "";
}

void ClientRecorder::stop() {
  if (Listener.joinable()) {
    // stop() is a no-op until the loop runs: wait for it (bounded).
    for (int Tries = 0; Tries < 200 && !Server->is_running(); ++Tries)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    Server->stop();
    Listener.join();
  }
}

std::vector<RecordedRequest> ClientRecorder::requests() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Requests;
}

} // namespace mcp_cutover
