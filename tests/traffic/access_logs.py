#!/usr/bin/env python3
"""Access logs of an MCP endpoint as proxies write them, for the traffic
tests and bench/traffic_speed.py: the same requests in each format the
traffic command reads (nginx combined with extra fields, nginx
escape=json, Envoy JSON, HAProxy through syslog).

A request is a dict: time (Unix seconds, UTC), status, verb, path, agent,
session (None: not sent), method and name (the Mcp-Method and Mcp-Name
headers, None: not sent), version (MCP-Protocol-Version, None: not sent)
and upstream. `fields` drops what a proxy did not log.
"""
import json
import time

ALL_FIELDS = ("session", "method", "name", "version", "upstream", "agent")


def clf_time(second, zone="+0000"):
    t = time.gmtime(second)
    return time.strftime("%d/%b/%Y:%H:%M:%S", t) + " " + zone


def iso_time(second):
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(second))


def dash(value):
    return "-" if value is None else value


def combined(r, fields=ALL_FIELDS):
    """nginx's combined format with `key="value"` extras."""
    agent = r["agent"].replace('"', "\\x22")
    line = '10.0.0.%d - - [%s] "%s %s HTTP/1.1" %d 512 "-" "%s"' % (
        r.get("client", 1), clf_time(r["time"]), r["verb"], r["path"], r["status"], agent)
    extras = {"session": "mcp_session_id", "method": "mcp_method", "name": "mcp_name",
              "version": "mcp_protocol_version", "upstream": "upstream"}
    for field, key in extras.items():
        if field in fields:
            line += ' %s="%s"' % (key, dash(r[field]))
    return line


def nginx_json(r, fields=ALL_FIELDS):
    """nginx `log_format ... escape=json` as --print-log-format nginx has it:
    a header the request lacks is an empty string."""
    out = {"time": iso_time(r["time"]), "status": r["status"],
           "request": "%s %s HTTP/1.1" % (r["verb"], r["path"])}
    keys = {"agent": "user_agent", "session": "mcp_session_id", "method": "mcp_method",
            "name": "mcp_name", "version": "mcp_protocol_version", "upstream": "upstream"}
    for field, key in keys.items():
        if field in fields:
            out[key] = r[field] or ""
    return json.dumps(out, separators=(",", ":"))


def envoy_json(r, fields=ALL_FIELDS):
    """Envoy's json_format as --print-log-format envoy has it: a missing
    header is null."""
    out = {"start_time": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(r["time"])),
           "method": r["verb"], "path": r["path"], "response_code": r["status"]}
    keys = {"agent": "user_agent", "upstream": "upstream_host", "session": "mcp_session_id",
            "method": "mcp_method", "name": "mcp_name", "version": "mcp_protocol_version"}
    for field, key in keys.items():
        if field in fields:
            out[key] = r[field]
    return json.dumps(out, separators=(",", ":"))


def haproxy(r, fields=ALL_FIELDS):
    """HAProxy's httplog through syslog, with the captures of
    --print-log-format haproxy in their order."""
    t = time.gmtime(r["time"])
    syslog = time.strftime("%b %d %H:%M:%S", t)
    accept = time.strftime("%d/%b/%Y:%H:%M:%S", t) + ".123"
    captures = ""
    if "session" in fields:
        captures = " {%s}" % "|".join(
            r[f] or "" for f in ("session", "method", "name", "version", "agent"))
    return ('%s lb haproxy[123]: 10.0.0.%d:40000 [%s] mcp mcp_back/%s 0/0/1/2/3 %d 512 '
            '- - ---- 1/1/1/1/0 0/0%s "%s %s HTTP/1.1"' % (
                syslog, r.get("client", 1), accept, r["upstream"].replace(":", "_"),
                r["status"], captures, r["verb"], r["path"]))


FORMATS = {"combined": combined, "nginx-json": nginx_json, "envoy": envoy_json,
           "haproxy": haproxy}


def legacy(second, status=200, agent="old-sdk/0.9", session="s-1"):
    return {"time": second, "status": status, "verb": "POST", "path": "/mcp",
            "agent": agent, "session": session, "method": None, "name": None,
            "version": "2025-11-25", "upstream": "10.1.0.1:8080"}


def modern(second, status=200, agent="new-sdk/2.0", method="tools/call", name="add"):
    return {"time": second, "status": status, "verb": "POST", "path": "/mcp",
            "agent": agent, "session": None, "method": method, "name": name,
            "version": "2026-07-28", "upstream": "10.1.0.2:8080"}
