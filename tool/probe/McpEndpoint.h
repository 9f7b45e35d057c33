//===- McpEndpoint.h - One Streamable HTTP endpoint, spoken to exactly ----===//
//
// The probe's only way to the network: JSON-RPC POSTs and bare GET/DELETE on
// one URL, each on a fresh connection (so "across connections" means what
// it says), each bounded by a timeout. What was sent and received is kept
// whole, as the evidence a finding or the report quotes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// "http://127.0.0.1:8080/mcp" taken apart; `problem` is set when it is not
/// an http(s) URL with a host.
struct EndpointUrl {
  std::string text;
  std::string scheme; ///< "http" or "https".
  std::string host;
  int port = 0;
  std::string path; ///< "/" when the URL has none.
  std::string problem;
  bool isLoopback() const;
};
EndpointUrl parseEndpointUrl(const std::string &Text);

/// One request and its answer.
struct HttpExchange {
  std::string verb = "POST";
  std::string url;
  std::map<std::string, std::string> requestHeaders;
  std::string requestBody;
  int status = 0; ///< 0: no answer (`transportError` says why).
  /// Lower-case names.
  std::map<std::string, std::string> responseHeaders;
  std::string responseBody;
  std::string transportError;
  /// Over a stdio server's pipes: no HTTP status (200 stands for "an
  /// answer came") and no headers.
  bool stdio = false;

  /// The body as JSON (the first `data:` event of an SSE body too), or
  /// nullopt.
  std::optional<nlohmann::json> json() const;
  /// The JSON-RPC error code of the answer, or nullopt.
  std::optional<long> errorCode() const;
  /// "HTTP 404 with JSON-RPC -32601", "HTTP 200 with a result", "HTTP 400
  /// with a body that is not JSON-RPC", "no answer (connection refused)":
  /// what a message says was received.
  std::string answerText() const;
  std::optional<std::string> responseHeader(const std::string &Lower) const;
};

/// `Object[Key]` when `Object` is an object and that member a string, else
/// `Default`: what a server answers may hold any type anywhere, and
/// json::value() throws on a type it cannot convert.
std::string textMember(const nlohmann::json &Object, const char *Key,
                       const std::string &Default = "");

/// Whether a result says `isError: true` (a tool's error, not the
/// protocol's); any other type of isError says nothing.
bool isToolErrorResult(const nlohmann::json &Result);

/// The headers and `_meta` a 2026-07-28 client sends.
nlohmann::json newStyleMeta();

class StdioChannel;

class McpEndpoint {
public:
  McpEndpoint(EndpointUrl Url, double TimeoutSeconds)
      : Url(std::move(Url)), Timeout(TimeoutSeconds) {}
  /// A stdio server: `Url.text` names it ("stdio:CMD"), `Channel` speaks
  /// to it; headers are not sent.
  McpEndpoint(EndpointUrl Url, std::shared_ptr<StdioChannel> Channel)
      : Url(std::move(Url)), Stdio(std::move(Channel)) {}
  const EndpointUrl &url() const { return Url; }
  StdioChannel *stdio() const { return Stdio.get(); }

  /// POSTs `Message` (a JSON-RPC request) with exactly `Headers` besides
  /// Content-Type and Accept.
  HttpExchange post(const nlohmann::json &Message,
                    const std::map<std::string, std::string> &Headers) const;
  /// A bare GET or DELETE on the endpoint.
  HttpExchange bare(const std::string &Verb,
                    const std::map<std::string, std::string> &Headers) const;

private:
  EndpointUrl Url;
  double Timeout = 5;
  std::shared_ptr<StdioChannel> Stdio;
};

/// The routing headers of SEP-2243 for `Message`: Mcp-Method, Mcp-Name
/// (tools/call, prompts/get, resources/read), MCP-Protocol-Version.
std::map<std::string, std::string>
routingHeaders(const nlohmann::json &Message,
               const std::string &Version = "2026-07-28");

/// A JSON-RPC request with `_meta` protocolVersion and clientCapabilities
/// in its params (unless `WithMeta` is false).
nlohmann::json rpcRequest(const std::string &Method, nlohmann::json Params,
                          long Id, bool WithMeta = true);

} // namespace mcp_cutover
