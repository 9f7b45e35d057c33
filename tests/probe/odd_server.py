#!/usr/bin/env python3
"""Servers the example servers are not, for the probe's tests:

  --mode varying   a 2026-07-28 server whose tools/list changes with every
                   call (probe-list-varies must say so), whose handles live
                   in one process (probe-handle-fleet on two instances) and
                   that accepts a made-up handle (probe-unknown-handle);
  --mode hostile   answers of the wrong types everywhere, a session id with
                   a terminal escape, bodies that are not UTF-8: the probe
                   must report, never crash or pass bytes through;
  --mode dual      a server in its transition window: 2026-07-28 for
                   requests with its headers and _meta, and the 2025-11-25
                   handshake (with a session) for clients without them
                   (probe --expect-legacy must pass it);
  --mode walled    a 2025-11-25 server behind a session wall, as public C++
                   SDKs build it: a request without Mcp-Session-Id gets 400
                   with {"error": "Missing Mcp-Session-Id header"}, another
                   process's session gets 404, initialize gets 503 once
                   --max-sessions are live, DELETE ends a session, and
                   GET /sessions says how many are live (the probe must
                   leave none behind).

--port 0 takes a free port and prints it on the first line of stdout.
"""
import argparse
import itertools
import json
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CALLS = itertools.count(1)
BASKETS = set()


def varying(method, params):
    if method == "server/discover":
        return {"supportedVersions": ["2026-07-28"], "capabilities": {"tools": {}},
                "ttlMs": 0, "cacheScope": "public", "resultType": "complete"}
    if method == "tools/list":
        n = next(CALLS)
        return {"tools": [
            {"name": "create_basket", "inputSchema": {"type": "object"},
             "outputSchema": {"type": "object",
                              "properties": {"basket_id": {"type": "string"}}}},
            {"name": "checkout", "inputSchema": {
                "type": "object", "properties": {"basket_id": {"type": "string"}},
                "required": ["basket_id"]}},
            {"name": "tool_%d" % n, "inputSchema": {"type": "object"}}],
            "ttlMs": 0, "cacheScope": "public", "resultType": "complete"}
    if method == "tools/call" and params.get("name") == "create_basket":
        basket = "b%d" % next(CALLS)
        BASKETS.add(basket)
        return {"structuredContent": {"basket_id": basket},
                "content": [{"type": "text", "text": basket}]}
    if method == "tools/call":
        basket = params.get("arguments", {}).get("basket_id", "")
        if basket.startswith("b") and basket not in BASKETS:
            return {"isError": True, "content": [{"type": "text", "text": "no basket"}]}
        return {"content": [{"type": "text", "text": "ok"}]}
    return None


def hostile(method, params):
    if method == "server/discover":
        return {"supportedVersions": ["2026-07-28\u001b[31m", 7], "capabilities": [],
                "ttlMs": -1, "cacheScope": 3}
    if method == "initialize":
        return {"protocolVersion": "2025-11-25\n\u001b[2J", "capabilities": "all"}
    if method == "tools/list":
        return {"tools": [
            {"name": 5},
            {"name": "make", "inputSchema": {"type": ["object", "null"]},
             "outputSchema": {"properties": {"x_id": {"type": ["string", "null"]}}}},
            {"name": "use", "inputSchema": {"properties": {
                "x_id": {"type": ["string", "null"]}, "n": {"type": ["integer"]},
                "e": {"enum": []}}, "required": ["x_id", "n", "e", 9]}}],
            "ttlMs": "soon", "cacheScope": None, "resultType": 1}
    if method == "tools/call" and params.get("name") == "make":
        return {"structuredContent": {"x_id": "x\u001b[31m1"}}
    if method == "tools/call":
        return {"isError": "yes", "content": [{"type": 1, "text": ["a"]}, "text"]}
    return {"error": {"code": "late", "message": 5, "data": "\u001b[31m"}}


DUAL_TOOLS = [{"name": "echo", "inputSchema": {"type": "object"}}]
CACHE = {"ttlMs": 0, "cacheScope": "public", "resultType": "complete"}


def dual(method, params, headers):
    """(status, result or error, headers) of the transition window."""
    new = headers.get("MCP-Protocol-Version") == "2026-07-28"
    meta = params.get("_meta") if isinstance(params, dict) else None
    if new and (not isinstance(meta, dict) or
                "io.modelcontextprotocol/clientCapabilities" not in meta):
        return 400, {"code": -32602, "message": "_meta is required"}, []
    if new and headers.get("Mcp-Method") != method:
        return 400, {"code": -32020, "message": "HeaderMismatch"}, []
    if method == "server/discover" and new:
        return 200, dict(CACHE, supportedVersions=["2026-07-28", "2025-11-25"],
                         capabilities={"tools": {}}), []
    if method == "initialize" and not new:
        return 200, {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                     "serverInfo": {"name": "dual", "version": "1"}}, \
            [("Mcp-Session-Id", "dual-session")]
    if method == "tools/list" and (new or headers.get("Mcp-Session-Id") == "dual-session"):
        return 200, dict(CACHE, tools=DUAL_TOOLS), []
    return 404, {"code": -32601, "message": "Method not found: %s" % method}, []


SESSIONS = set()
SESSIONS_LOCK = threading.Lock()
WALLED_TOOLS = [{"name": "add", "inputSchema": {"type": "object"}}]


def walled(method, params, headers, max_sessions):
    """(status, body, headers) behind the session wall."""
    session = headers.get("Mcp-Session-Id")
    with SESSIONS_LOCK:
        if method == "initialize":
            if len(SESSIONS) >= max_sessions:
                return 503, {"error": "Too many sessions"}, []
            session = uuid.uuid4().hex
            SESSIONS.add(session)
            return 200, {"result": {
                "protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                "serverInfo": {"name": "walled", "version": "1"}}}, \
                [("Mcp-Session-Id", session)]
        if not session:
            return 400, {"error": "Missing Mcp-Session-Id header"}, []
        if session not in SESSIONS:
            return 404, {"error": "Session not found"}, []
    if method == "tools/list":
        return 200, {"result": {"tools": WALLED_TOOLS}}, []
    return 404, {"error": {"code": -32601, "message": "Method not found"}}, []


class Handler(BaseHTTPRequestHandler):
    mode = "varying"
    max_sessions = 10

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.mode == "hostile":
            return self.answer(200, b"\xff\xfe not UTF-8 \x1b[31m")
        if self.mode == "walled" and self.path == "/sessions":
            with SESSIONS_LOCK:
                return self.answer(200, json.dumps({"live": len(SESSIONS)}).encode())
        self.answer(405, b"")

    def do_DELETE(self):
        if self.mode == "walled":
            session = self.headers.get("Mcp-Session-Id")
            with SESSIONS_LOCK:
                if session not in SESSIONS:
                    return self.answer(404, b'{"error": "Session not found"}')
                SESSIONS.discard(session)
            return self.answer(200, b"")
        self.do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            message = json.loads(body)
            method, params = message.get("method", ""), message.get("params", {}) or {}
        except ValueError:
            return self.answer(400, b"")
        if self.mode == "walled":
            if "id" not in message:
                return self.answer(202, b"")
            status, out, headers = walled(method, params, self.headers,
                                          self.max_sessions)
            if "result" in out or isinstance(out.get("error"), dict):
                out = dict(out, jsonrpc="2.0", id=message.get("id"))
            return self.answer(status, json.dumps(out).encode(), headers)
        if self.mode == "dual":
            if "id" not in message:
                return self.answer(202, b"")
            status, result, headers = dual(method, params, self.headers)
            key = "result" if status == 200 else "error"
            out = {"jsonrpc": "2.0", "id": message.get("id"), key: result}
            return self.answer(status, json.dumps(out).encode(), headers)
        if self.mode == "hostile":
            result = hostile(method, params)
            if "error" in result:
                out = json.dumps({"jsonrpc": "2.0", "id": message.get("id"),
                                  "error": result["error"]}).encode()
                return self.answer(404, out + b"\xff",
                                   [("Mcp-Session-Id", "\x1b[31mred")])
            out = json.dumps({"jsonrpc": "2.0", "id": message.get("id"), "result": result})
            return self.answer(200, out.encode(), [("Mcp-Session-Id", "\x1b[31mred")])
        result = varying(method, params)
        if result is None:
            out = {"jsonrpc": "2.0", "id": message.get("id"),
                   "error": {"code": -32601, "message": "Method not found"}}
            return self.answer(404, json.dumps(out).encode())
        out = {"jsonrpc": "2.0", "id": message.get("id"), "result": result}
        self.answer(200, json.dumps(out).encode())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mode", choices=["varying", "hostile", "dual", "walled"],
                   default="varying")
    p.add_argument("--max-sessions", type=int, default=10)
    a = p.parse_args()
    Handler.mode = a.mode
    Handler.max_sessions = a.max_sessions
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    if a.port == 0:
        print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
