#include "tool/probe/McpEndpoint.h"
#include "tool/probe/StdioChannel.h"

#include <httplib.h>

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cmath>

namespace mcp_cutover {

bool EndpointUrl::isLoopback() const {
  llvm::StringRef H(host);
  return H == "localhost" || H == "::1" || H.starts_with("127.");
}

EndpointUrl parseEndpointUrl(const std::string &Text) {
  EndpointUrl U;
  U.text = Text;
  llvm::StringRef Rest(Text);
  if (Rest.consume_front("http://"))
    U.scheme = "http";
  else if (Rest.consume_front("https://"))
    U.scheme = "https";
  else {
    U.problem = "'" + Text + "' is not an http:// or https:// URL";
    return U;
  }
  size_t Slash = Rest.find('/');
  llvm::StringRef Authority = Rest.substr(0, Slash);
  U.path = Slash == llvm::StringRef::npos ? "/" : Rest.substr(Slash).str();
  if (Authority.contains('@')) {
    U.problem = "'" + Text + "': credentials in the URL are not sent";
    return U;
  }
  llvm::StringRef Port;
  if (Authority.consume_front("[")) { // [::1]:8080
    auto [Host, After] = Authority.split(']');
    U.host = Host.str();
    After.consume_front(":");
    Port = After;
  } else {
    auto [Host, After] = Authority.rsplit(':');
    U.host = Host.str();
    Port = Authority.contains(':') ? After : llvm::StringRef();
  }
  if (U.host.empty()) {
    U.problem = "'" + Text + "' names no host";
    return U;
  }
  unsigned Number = 0;
  if (Port.empty())
    U.port = U.scheme == "https" ? 443 : 80;
  else if (Port.getAsInteger(10, Number) || Number == 0 || Number > 65535)
    U.problem = "'" + Text + "': the port must be a number from 1 to 65535";
  else
    U.port = static_cast<int>(Number);
  return U;
}

std::string textMember(const nlohmann::json &Object, const char *Key,
                       const std::string &Default) {
  if (!Object.is_object())
    return Default;
  auto It = Object.find(Key);
  return It != Object.end() && It->is_string() ? It->get<std::string>()
                                               : Default;
}

bool isToolErrorResult(const nlohmann::json &Result) {
  return Result.is_object() && Result.contains("isError") &&
         Result["isError"] == true;
}

std::optional<nlohmann::json> HttpExchange::json() const {
  auto Parsed = nlohmann::json::parse(responseBody, nullptr, false);
  if (!Parsed.is_discarded())
    return Parsed;
  // An SSE body: the first event that holds a JSON-RPC response.
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(responseBody).split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (!Line.consume_front("data:"))
      continue;
    auto Event = nlohmann::json::parse(Line.trim().str(), nullptr, false);
    if (Event.is_object() &&
        (Event.contains("result") || Event.contains("error")))
      return Event;
  }
  return std::nullopt;
}

std::optional<long> HttpExchange::errorCode() const {
  auto J = json();
  if (!J || !J->is_object() || !J->contains("error"))
    return std::nullopt;
  const nlohmann::json &Error = (*J)["error"];
  if (!Error.is_object() || !Error.contains("code") ||
      !Error["code"].is_number_integer())
    return std::nullopt;
  return Error["code"].get<long>();
}

std::optional<std::string>
HttpExchange::responseHeader(const std::string &Lower) const {
  auto It = responseHeaders.find(Lower);
  if (It == responseHeaders.end())
    return std::nullopt;
  return It->second;
}

std::string HttpExchange::answerText() const {
  if (status == 0)
    return "no answer (" + transportError + ")";
  // Over stdio there is no status: what came back is the whole answer.
  std::string Text = stdio ? "" : "HTTP " + std::to_string(status) + " with ";
  if (auto Code = errorCode())
    return Text + "JSON-RPC " + std::to_string(*Code);
  auto J = json();
  if (J && J->is_object() && J->contains("result")) {
    const nlohmann::json &Result = (*J)["result"];
    if (isToolErrorResult(Result))
      return Text + "a tool error";
    return Text + "a result";
  }
  if (stdio)
    return status == 202 ? "no answer (a notification)"
                         : "an answer that is not JSON-RPC";
  // Said, so that "HTTP 400" is never read as the error it was wanted as.
  return Text + (responseBody.empty() ? "an empty body"
                                      : "a body that is not JSON-RPC");
}

nlohmann::json newStyleMeta() {
  return {
      {"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
      {"io.modelcontextprotocol/clientCapabilities", nlohmann::json::object()},
      {"io.modelcontextprotocol/clientInfo",
       {{"name", "mcp-cutover-probe"}, {"version", MCP_CUTOVER_VERSION}}}};
}

nlohmann::json rpcRequest(const std::string &Method, nlohmann::json Params,
                          long Id, bool WithMeta) {
  if (!Params.is_object())
    Params = nlohmann::json::object();
  if (WithMeta)
    Params["_meta"] = newStyleMeta();
  return {
      {"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", Params}};
}

std::map<std::string, std::string> routingHeaders(const nlohmann::json &Message,
                                                  const std::string &Version) {
  std::map<std::string, std::string> Headers;
  std::string Method = Message.value("method", "");
  Headers["Mcp-Method"] = Method;
  const nlohmann::json Params =
      Message.value("params", nlohmann::json::object());
  if ((Method == "tools/call" || Method == "prompts/get") && Params.is_object())
    Headers["Mcp-Name"] = Params.value("name", "");
  else if (Method == "resources/read" && Params.is_object())
    Headers["Mcp-Name"] = Params.value("uri", "");
  if (!Version.empty())
    Headers["MCP-Protocol-Version"] = Version;
  return Headers;
}

namespace {
httplib::Headers toHeaders(const std::map<std::string, std::string> &Headers) {
  httplib::Headers Out;
  for (const auto &[Name, Value] : Headers)
    Out.emplace(Name, Value);
  return Out;
}

void configure(httplib::Client &Client, double Timeout) {
  time_t Seconds = static_cast<time_t>(Timeout);
  time_t Micros = static_cast<time_t>((Timeout - std::floor(Timeout)) * 1e6);
  Client.set_connection_timeout(Seconds, Micros);
  Client.set_read_timeout(Seconds, Micros);
  Client.set_write_timeout(Seconds, Micros);
  Client.set_keep_alive(false);
  // A redirect would send the request somewhere the user did not name.
  Client.set_follow_location(false);
}

/// What went wrong, in words a user acts on.
std::string transportErrorText(httplib::Error E) {
  switch (E) {
  case httplib::Error::Connection:
    return "cannot connect";
  case httplib::Error::ConnectionTimeout:
    return "connecting timed out";
  case httplib::Error::Read:
    return "no complete answer before the timeout or the connection closed";
  case httplib::Error::Write:
    return "the request could not be sent";
  case httplib::Error::SSLConnection:
    return "TLS handshake failed";
  case httplib::Error::SSLServerVerification:
    return "the server's TLS certificate was not verified";
  default:
    return httplib::to_string(E);
  }
}

void record(HttpExchange &X, const httplib::Response &R) {
  X.status = R.status;
  X.responseBody = R.body;
  for (const auto &[Name, Value] : R.headers)
    X.responseHeaders[llvm::StringRef(Name).lower()] = Value;
}

void record(HttpExchange &X, const httplib::Result &R) {
  if (R)
    record(X, *R);
  else
    X.transportError = transportErrorText(R.error());
}

std::string base(const EndpointUrl &U) {
  std::string Host =
      U.host.find(':') != std::string::npos ? "[" + U.host + "]" : U.host;
  return U.scheme + "://" + Host + ":" + std::to_string(U.port);
}
} // namespace

HttpExchange
McpEndpoint::post(const nlohmann::json &Message,
                  const std::map<std::string, std::string> &Headers) const {
  HttpExchange X;
  X.url = Url.text;
  if (Stdio) {
    Stdio->exchange(Message, X);
    return X;
  }
  X.requestHeaders = Headers;
  X.requestBody = Message.dump();
  httplib::Client Client(base(Url));
  configure(Client, Timeout);
  httplib::Headers Sent = toHeaders(Headers);
  Sent.emplace("Accept", "application/json, text/event-stream");
  record(X, Client.Post(Url.path, Sent, X.requestBody, "application/json"));
  return X;
}

HttpExchange
McpEndpoint::bare(const std::string &Verb,
                  const std::map<std::string, std::string> &Headers) const {
  HttpExchange X;
  X.verb = Verb;
  X.url = Url.text;
  X.requestHeaders = Headers;
  if (Stdio) {
    X.stdio = true;
    X.transportError = "a stdio server has no HTTP verbs";
    return X;
  }
  httplib::Client Client(base(Url));
  configure(Client, Timeout);
  httplib::Headers Sent = toHeaders(Headers);
  Sent.emplace("Accept", "text/event-stream");
  if (Verb != "GET") {
    record(X, Client.Delete(Url.path, Sent));
    return X;
  }
  // A GET a legacy server serves opens an SSE stream that does not end: the
  // status and headers are all the probe needs, so it hangs up after them.
  httplib::Response Head;
  bool Answered = false;
  httplib::Result R = Client.Get(
      Url.path, Sent,
      [&](const httplib::Response &Response) {
        Head = Response;
        Answered = true;
        return false;
      },
      [](const char *, size_t) { return false; });
  if (Answered)
    record(X, Head);
  else
    record(X, R);
  return X;
}

} // namespace mcp_cutover
