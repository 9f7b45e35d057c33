//===- ClientRecorder.h - A 2026-07-28 server that records a client -------===//
//
// The client side of the probe: a Streamable HTTP server on a loopback
// port that answers as a 2026-07-28 server does (server/discover, empty
// lists with their cache fields, a text result for any tool call, 404 and
// -32601 for removed methods, 405 for GET and DELETE) and keeps every
// request whole, for the client checks to judge afterwards. It also
// answers the legacy initialize handshake, as a server in its transition
// window would, so that a legacy client goes on and shows each thing it
// would break, not only its first.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
} // namespace httplib

namespace mcp_cutover {

/// One request a client sent.
struct RecordedRequest {
  std::string verb;
  std::string path;
  std::map<std::string, std::string> headers; ///< Lower-case names.
  std::string body;
};

/// The recorder's answer to one request.
struct RecordedAnswer {
  int status = 200;
  std::string body; ///< JSON, or "" for none.
  std::map<std::string, std::string> headers;
};

/// The session id the recorder mints for a legacy handshake.
constexpr const char *RecorderSessionId = "mcp-cutover-recorder-session";

/// What the recorder answers to `R` when its endpoint is `Path`.
RecordedAnswer answerClient(const RecordedRequest &R, const std::string &Path);

class ClientRecorder {
public:
  ClientRecorder();
  ClientRecorder(const ClientRecorder &) = delete;
  ClientRecorder &operator=(const ClientRecorder &) = delete;
  ~ClientRecorder();

  /// Listens on 127.0.0.1:`Port` (0: a free port) with its endpoint at
  /// `Path`; "" or the problem.
  std::string start(int Port, const std::string &Path);
  /// Stops listening; what was recorded stays.
  void stop();
  /// "http://127.0.0.1:PORT/PATH".
  const std::string &url() const { return Url; }
  /// The requests so far, in the order they came.
  std::vector<RecordedRequest> requests() const;

private:
  std::unique_ptr<httplib::Server> Server;
  std::thread Listener;
  mutable std::mutex Mutex;
  std::vector<RecordedRequest> Requests;
  std::string Url;
};

} // namespace mcp_cutover
