#!/usr/bin/env python3
"""Save the tools/list results of the official MCP reference servers on npm.

Usage:
    python3 save_tools_lists.py --out bench/reference-servers/tools \
        --packages-dir /tmp/refservers

For each pinned package below it:
  1. installs it with `npm install --prefix PACKAGES_DIR/<short> --no-audit
     --no-fund --ignore-scripts` (one prefix per server, so that one failed
     install or a dependency clash cannot break the others; install scripts
     are never run, and PUPPETEER_SKIP_DOWNLOAD=1 is set so that puppeteer
     would not fetch a browser even if they were -- listing tools does not
     need one);
  2. starts the package's bin with node over stdio (inside a fresh network
     namespace via `unshare --net` when that works, so the server cannot reach
     any network; pass --no-netns to skip that), with harmless arguments and
     dummy env tokens;
  3. sends `initialize` (protocolVersion 2025-06-18, empty capabilities),
     `notifications/initialized`, then `tools/list`, following `nextCursor`
     for at most MAX_PAGES pages;
  4. writes {"tools": [...]} as JSON (indent 2, keys in the server's order)
     to OUT/<short>.json.

Every child is killed at the end, also on timeout. One line per server is
printed: name, version, number of tools, or why it failed. Python 3 stdlib
only.
"""

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

PROTOCOL_VERSION = "2025-06-18"
MAX_PAGES = 20
DEFAULT_TIMEOUT = 30.0

# short name -> (pinned package spec, extra argv after the bin, extra env,
#                 extra pinned packages installed beside it)
# Versions were pinned from `npm view NAME version` when this file was written.
#
# gitlab: the published package imports `zod` without declaring it. Its
# declared zod-to-json-schema@^3.23.5 now resolves to 3.25.x, whose peer range
# (^3.25.28 || ^4) makes npm hoist zod 4; the server's zod-3-style schemas then
# convert to an empty inputSchema ({"$schema": ...} only). Pinning zod@3.25.76
# beside it (the zod 3 that its own SDK 1.0.1 pulls in) restores the schemas
# the package was built with. Run with --no-extras to see the bare behaviour.
SERVERS = [
    ("everything", "@modelcontextprotocol/server-everything@2026.8.31", ["stdio"], {}, []),
    ("filesystem", "@modelcontextprotocol/server-filesystem@2026.8.31", ["{TMPDIR}"], {}, []),
    ("memory", "@modelcontextprotocol/server-memory@2026.8.31", [],
     {"MEMORY_FILE_PATH": "{TMPDIR}/memory.jsonl"}, []),
    ("sequential-thinking", "@modelcontextprotocol/server-sequential-thinking@2026.8.31",
     [], {}, []),
    ("github", "@modelcontextprotocol/server-github@2025.4.8", [],
     {"GITHUB_PERSONAL_ACCESS_TOKEN": "dummy"}, []),
    ("gitlab", "@modelcontextprotocol/server-gitlab@2025.4.25", [],
     {"GITLAB_PERSONAL_ACCESS_TOKEN": "dummy",
      "GITLAB_API_URL": "http://127.0.0.1:9/api/v4"}, ["zod@3.25.76"]),
    ("slack", "@modelcontextprotocol/server-slack@2025.4.25", [],
     {"SLACK_BOT_TOKEN": "dummy", "SLACK_TEAM_ID": "dummy"}, []),
    ("google-maps", "@modelcontextprotocol/server-google-maps@0.6.2", [],
     {"GOOGLE_MAPS_API_KEY": "dummy"}, []),
    ("brave-search", "@modelcontextprotocol/server-brave-search@0.6.2", [],
     {"BRAVE_API_KEY": "dummy"}, []),
    ("postgres", "@modelcontextprotocol/server-postgres@0.6.2",
     ["postgresql://localhost/none"], {}, []),
    # puppeteer: install scripts are not run (--ignore-scripts) and
    # PUPPETEER_SKIP_DOWNLOAD=1 is set, so no browser is fetched; the server
    # launches a browser only on the first tool call, not for tools/list.
    ("puppeteer", "@modelcontextprotocol/server-puppeteer@2025.5.12", [],
     {"PUPPETEER_SKIP_DOWNLOAD": "1"}, []),
]


def split_spec(spec):
    """'@scope/name@1.2.3' -> ('@scope/name', '1.2.3')."""
    at = spec.rfind("@")
    return spec[:at], spec[at + 1:]


def npm_install(prefix, specs):
    # Start from a clean prefix, so a re-run installs exactly `specs`. Only
    # what npm itself creates there is removed.
    if os.path.isdir(prefix):
        for entry in os.listdir(prefix):
            path = os.path.join(prefix, entry)
            if entry == "node_modules":
                shutil.rmtree(path)
            elif entry in ("package.json", "package-lock.json"):
                os.remove(path)
    os.makedirs(prefix, exist_ok=True)
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
    cmd = ["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund",
           "--ignore-scripts", "--save-exact"] + specs
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=env, text=True, timeout=600)
    if p.returncode != 0:
        tail = " | ".join(p.stdout.strip().splitlines()[-3:])
        raise RuntimeError("npm install failed (%d): %s" % (p.returncode, tail))


def find_bin(prefix, name):
    pkg_dir = os.path.join(prefix, "node_modules", *name.split("/"))
    with open(os.path.join(pkg_dir, "package.json")) as f:
        meta = json.load(f)
    b = meta.get("bin")
    if isinstance(b, dict):
        b = next(iter(b.values()))
    if not b:
        raise RuntimeError("package has no bin")
    return os.path.join(pkg_dir, b), meta.get("version", "?")


def netns_works():
    try:
        return subprocess.run(["unshare", "--net", "true"],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class Server:
    """A child MCP server spoken to with newline-delimited JSON-RPC."""

    def __init__(self, argv, env, cwd):
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env, cwd=cwd, start_new_session=True)
        self.lines = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.next_id = 1

    def _read_out(self):
        for raw in self.proc.stdout:
            self.lines.put(raw)
        self.lines.put(None)

    def _read_err(self):
        for raw in self.proc.stderr:
            if len(self.stderr) < 200:
                self.stderr.append(raw.decode("utf-8", "replace").rstrip())

    def send(self, msg):
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        self.proc.stdin.flush()

    def request(self, method, params, deadline):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timeout waiting for %s" % method)
            try:
                raw = self.lines.get(timeout=left)
            except queue.Empty:
                raise TimeoutError("timeout waiting for %s" % method)
            if raw is None:
                err = " | ".join(self.stderr[-3:])
                raise RuntimeError("server exited before answering %s: %s" % (method, err))
            try:
                msg = json.loads(raw)
            except ValueError:
                continue  # stray non-JSON output on stdout
            if msg.get("id") == rid and ("result" in msg or "error" in msg):
                if "error" in msg:
                    raise RuntimeError("%s error: %s" % (method, json.dumps(msg["error"])))
                return msg["result"]
            if "method" in msg and "id" in msg:
                # a request from the server (e.g. roots/list, ping): answer it
                if msg["method"] == "ping":
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": {}})
                elif msg["method"] == "roots/list":
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": {"roots": []}})
                else:
                    self.send({"jsonrpc": "2.0", "id": msg["id"],
                               "error": {"code": -32601, "message": "Method not found"}})

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 15)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, 9)
                except OSError:
                    pass
                self.proc.wait()
        for s in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                s.close()
            except OSError:
                pass


def list_tools(bin_path, args, extra_env, timeout, use_netns, tmpdir):
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "NODE_PATH")}
    env.update({k: v.replace("{TMPDIR}", tmpdir) for k, v in extra_env.items()})
    argv = ["node", bin_path] + [a.replace("{TMPDIR}", tmpdir) for a in args]
    if use_netns:
        argv = ["unshare", "--net"] + argv
    srv = Server(argv, env, tmpdir)
    deadline = time.monotonic() + timeout
    try:
        init = srv.request("initialize", {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": "mcp-cutover-bench", "version": "1"},
        }, deadline)
        srv.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        tools = []
        cursor = None
        for _ in range(MAX_PAGES):
            params = {"cursor": cursor} if cursor else {}
            res = srv.request("tools/list", params, deadline)
            tools.extend(res.get("tools", []))
            cursor = res.get("nextCursor")
            if not cursor:
                break
        else:
            raise RuntimeError("more than %d tools/list pages" % MAX_PAGES)
        return {"tools": tools}, init
    finally:
        srv.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="folder for <short>.json files")
    ap.add_argument("--packages-dir", required=True,
                    help="scratch folder for npm installs (outside the repo)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help="seconds per server for initialize + tools/list")
    ap.add_argument("--only", nargs="*", help="short names to run (default: all)")
    ap.add_argument("--no-install", action="store_true",
                    help="reuse what is already installed in --packages-dir")
    ap.add_argument("--no-extras", action="store_true",
                    help="do not install the extra pinned packages (see SERVERS)")
    ap.add_argument("--no-netns", action="store_true",
                    help="do not run servers inside `unshare --net`")
    a = ap.parse_args()

    os.makedirs(a.out, exist_ok=True)
    pkgs_dir = os.path.abspath(a.packages_dir)
    use_netns = not a.no_netns and netns_works()
    if not use_netns:
        print("note: servers run without a separate network namespace", file=sys.stderr)

    failed = 0
    for short, spec, args, extra_env, extras in SERVERS:
        if a.only and short not in a.only:
            continue
        name, version = split_spec(spec)
        prefix = os.path.join(pkgs_dir, short)
        tmpdir = tempfile.mkdtemp(prefix="mcp-ref-%s-" % short)
        try:
            if not a.no_install:
                npm_install(prefix, [spec] + ([] if a.no_extras else extras))
            bin_path, got = find_bin(prefix, name)
            if got != version:
                raise RuntimeError("installed %s, expected %s" % (got, version))
            result, init = list_tools(bin_path, args, extra_env, a.timeout,
                                      use_netns, tmpdir)
            with open(os.path.join(a.out, short + ".json"), "w") as f:
                json.dump(result, f, indent=2, ensure_ascii=False)
                f.write("\n")
            empty = sum(1 for t in result["tools"]
                        if "type" not in (t.get("inputSchema") or {}))
            print("%-20s %-12s %3d tools  (server protocolVersion %s)%s" % (
                short, version, len(result["tools"]),
                init.get("protocolVersion", "?"),
                "  WARNING: %d inputSchema without a type" % empty if empty else ""),
                flush=True)
        except Exception as e:  # report and go on with the next server
            failed += 1
            print("%-20s %-12s FAILED: %s" % (short, version, e), flush=True)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
