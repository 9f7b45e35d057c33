#!/usr/bin/env python3
"""A stdio MCP server for the probe's tests (--stdio): one JSON-RPC message
a line on stdin, its answer a line on stdout.

  --mode stateless  2026-07-28: server/discover, _meta required (-32602),
                    removed methods -32601, lists with their cache fields,
                    the cart's tools with baskets in the JSON file --store
                    (shared by every process, so a basket survives the
                    process that made it), an unknown basket named;
  --mode legacy     2025-11-25: the initialize handshake first, ping,
                    no server/discover, lists without cache fields, baskets
                    in the process's memory.

Both write a log line on stdout before their first answer and a
notification between answers: the probe must skip what is not its answer.
"""
import argparse
import json
import os
import secrets
import sys

CACHE = {"ttlMs": 60000, "cacheScope": "public", "resultType": "complete"}
HANDLE = {"type": "string", "description": "The basket, as create_basket returned it."}
TOOLS = [
    {"name": "create_basket", "description": "Creates a basket; it expires after 24h idle.",
     "inputSchema": {"type": "object", "properties": {}},
     "outputSchema": {"type": "object", "properties": {"basket_id": {"type": "string"}},
                      "required": ["basket_id"]}},
    {"name": "add_item", "description": "Adds an item to a basket.",
     "inputSchema": {"type": "object", "properties": {
         "basket_id": HANDLE, "sku": {"type": "string"},
         "quantity": {"type": "integer"}}, "required": ["basket_id", "sku", "quantity"]}},
    {"name": "checkout", "description": "Checks a basket out.",
     "inputSchema": {"type": "object", "properties": {"basket_id": HANDLE},
                     "required": ["basket_id"]}},
]
REMOVED = {"initialize", "ping", "logging/setLevel", "resources/subscribe",
           "resources/unsubscribe"}
MEMORY = {}


class Store:
    def __init__(self, path):
        self.path = path

    def load(self):
        if self.path is None:
            return MEMORY
        try:
            with open(self.path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def save(self, baskets):
        if self.path is None:
            return
        with open(self.path + ".tmp", "w") as f:
            json.dump(baskets, f)
        os.replace(self.path + ".tmp", self.path)


def text(value, error=False):
    result = {"content": [{"type": "text", "text": value}], "resultType": "complete"}
    if error:
        result["isError"] = True
    return result


def call_tool(store, params):
    name, args = params.get("name"), params.get("arguments") or {}
    baskets = store.load()
    if name == "create_basket":
        basket = "bsk_" + secrets.token_hex(16)
        baskets[basket] = []
        store.save(baskets)
        return dict(text(basket), structuredContent={"basket_id": basket})
    basket = args.get("basket_id", "")
    if basket not in baskets:
        return text("basket %s has expired or does not exist; call create_basket" % basket,
                    error=True)
    if name == "add_item":
        baskets[basket].append([args.get("sku"), args.get("quantity")])
        store.save(baskets)
        return text("added")
    if name == "checkout":
        return text("checked out %d items" % len(baskets[basket]))
    return None


def stateless(store, method, params):
    meta = params.get("_meta") if isinstance(params, dict) else None
    if not isinstance(meta, dict) or "io.modelcontextprotocol/protocolVersion" not in meta \
            or "io.modelcontextprotocol/clientCapabilities" not in meta:
        return None, (-32602, "_meta protocolVersion and clientCapabilities are required")
    if method in REMOVED:
        return None, (-32601, "Method not found: %s was removed" % method)
    if method == "server/discover":
        return dict(CACHE, supportedVersions=["2026-07-28"],
                    capabilities={"tools": {}}), None
    if method == "tools/list":
        return dict(CACHE, tools=TOOLS), None
    if method == "tools/call":
        result = call_tool(store, params)
        if result is not None:
            return result, None
        return None, (-32602, "unknown tool")
    return None, (-32601, "Method not found: %s" % method)


def legacy(store, method, params, state):
    if method == "initialize":
        state["initialized"] = True
        return {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                "serverInfo": {"name": "stdio-legacy", "version": "1"}}, None
    if not state.get("initialized"):
        return None, (-32600, "send initialize first")
    if method == "ping":
        return {}, None
    if method == "tools/list":
        return {"tools": TOOLS}, None
    if method == "tools/call":
        return call_tool(store, params), None
    return None, (-32601, "Method not found: %s" % method)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["stateless", "legacy"], required=True)
    p.add_argument("--store")
    a = p.parse_args()
    store, state = Store(a.store), {}
    print("stdio server starting (a log line on stdout)", flush=True)
    for line in sys.stdin:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if not isinstance(message, dict) or "id" not in message:
            continue
        method, params = message.get("method", ""), message.get("params") or {}
        if a.mode == "stateless":
            result, error = stateless(store, method, params)
        else:
            result, error = legacy(store, method, params, state)
        print(json.dumps({"jsonrpc": "2.0", "method": "notifications/message",
                          "params": {"level": "debug", "data": method}}), flush=True)
        answer = {"jsonrpc": "2.0", "id": message["id"]}
        if error:
            answer["error"] = {"code": error[0], "message": error[1]}
        else:
            answer["result"] = result
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
