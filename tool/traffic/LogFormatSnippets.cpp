#include "tool/traffic/LogFormatSnippets.h"

namespace mcp_cutover {

std::optional<std::string> logFormatSnippet(const std::string &Proxy) {
  if (Proxy == "nginx")
    return R"(# mcp-cutover traffic: the fields it reads. In the http {} block; then
# "access_log /var/log/nginx/mcp-access.log mcp_cutover;" in the MCP location.
log_format mcp_cutover escape=json '{"time":"$time_iso8601","status":$status,'
  '"request":"$request","user_agent":"$http_user_agent",'
  '"mcp_session_id":"$http_mcp_session_id","mcp_method":"$http_mcp_method",'
  '"mcp_name":"$http_mcp_name",'
  '"mcp_protocol_version":"$http_mcp_protocol_version",'
  '"upstream":"$upstream_addr"}';
)";
  if (Proxy == "envoy")
    return R"(# mcp-cutover traffic: the fields it reads. In the HTTP connection manager
# of the MCP listener.
access_log:
- name: envoy.access_loggers.file
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog
    path: /var/log/envoy/mcp-access.log
    log_format:
      json_format:
        start_time: "%START_TIME%"
        method: "%REQ(:METHOD)%"
        path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"
        response_code: "%RESPONSE_CODE%"
        user_agent: "%REQ(USER-AGENT)%"
        upstream_host: "%UPSTREAM_HOST%"
        mcp_session_id: "%REQ(MCP-SESSION-ID)%"
        mcp_method: "%REQ(MCP-METHOD)%"
        mcp_name: "%REQ(MCP-NAME)%"
        mcp_protocol_version: "%REQ(MCP-PROTOCOL-VERSION)%"
)";
  if (Proxy == "haproxy")
    return R"(# mcp-cutover traffic: the fields it reads. In the frontend of the MCP
# endpoint. Keep the captures in this order: the log holds them by position.
    option httplog
    capture request header Mcp-Session-Id len 128
    capture request header Mcp-Method len 64
    capture request header Mcp-Name len 128
    capture request header MCP-Protocol-Version len 16
    capture request header User-Agent len 256
)";
  return std::nullopt;
}

} // namespace mcp_cutover
