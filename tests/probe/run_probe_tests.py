#!/usr/bin/env python3
"""End-to-end tests of `mcp-cutover probe`: fleets of the two example
servers (built by tests/CMakeLists.txt as cart-server-legacy and
cart-server-stateless) spawned by the probe, the exact findings on the
legacy one, a clean pass on the stateless one with an instance killed
between a handle's creation and its use, the report with a probe result,
and one clear line for every bad option. Ports differ each run: goldens
hold PORT in their place."""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from run_e2e import Env, Failure, expect, multitool_findings, report_args, run_cases  # noqa: E402,F401

CASES = {}
SERVERS = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


PORT = re.compile(r"127\.0\.0\.1:\d+")
MADE_UP = re.compile(r"mcp-cutover-probe-(unknown-)?[0-9a-f]{16}")
PROBE_SUMMARY = re.compile(r"^mcp-cutover: probed \d+ instances?: [^\n]*\n", re.M)


def stable(text):
    """Ports and made-up names differ each run."""
    return MADE_UP.sub(lambda m: "mcp-cutover-probe-%sHEX" % (m.group(1) or ""),
                       PORT.sub("127.0.0.1:PORT", text))


def run(env, *args, timeout=120):
    proc = subprocess.run([env.binary, *args], cwd=env.source, capture_output=True,
                          text=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def stateless_fleet(env, instances=3):
    db = os.path.join(env.tmp, "baskets.db")
    return ["--spawn", "%s --port {port} --store sqlite:%s" % (SERVERS["stateless"], db),
            "--instances", str(instances)]


def legacy_fleet(instances=2):
    return ["--spawn", "%s --port {port}" % SERVERS["legacy"],
            "--instances", str(instances)]


SCENARIO = "fixtures/probe/cart-scenario.yaml"


@case
def stateless_fleet_passes_every_check(env):
    # Three instances on one SQLite file, the basket created on the first,
    # filled and checked out on the others; then again with the first
    # killed after the creation.
    out_json = os.path.join(env.tmp, "probe.json")
    code, out, err = run(env, "probe", *stateless_fleet(env), "--scenario", SCENARIO,
                         "--kill-between", "--json", out_json, "--color", "never")
    expect(code == 0, "exit %d, wanted 0:\n%s%s" % (code, out, err))
    expect(err == "mcp-cutover: probed 3 instances: 9 checks, 9 passed, 0 failed, "
           "0 skipped\n", "stderr: %r" % err)
    env.golden("probe-stateless.txt", stable(out))
    with open(out_json) as f:
        doc = json.load(f)
    expect(doc["findings"] == [], "findings: %s" % doc["findings"])
    probe = doc["probe"]
    expect(probe["discoverVersions"] == ["2026-07-28"], probe["discoverVersions"])
    expect(probe["handshakeVersions"] == [], probe["handshakeVersions"])
    expect(probe["sessionWall"] is False, "session wall")
    fleet = [c for c in probe["checks"] if c["ruleId"] == "probe-handle-fleet"][0]
    # Two follow-ups each on instances 2 and 3, then the same after the kill.
    killed = [e for e in fleet["evidence"] if e.startswith("--kill-between")]
    expect(len(killed) == 1 and "interrupted after create_basket" in killed[0],
           "no kill: %s" % fleet["evidence"])
    calls = [e for e in fleet["evidence"] if e.startswith("POST")]
    expect(len(calls) == 4 and all("-> HTTP 200 with a result" in e for e in calls),
           "follow-ups: %s" % calls)
    expect(PORT.findall(calls[0]) != PORT.findall(calls[1]),
           "both follow-ups on one instance: %s" % calls)


@case
def stateless_fleet_on_redis_passes_every_check(env):
    # The production store: Debian's redis-server on a free loopback port,
    # in this case's folder, no persistence. The same three instances and
    # the same kill between a basket's creation and its use pass the same
    # checks as on SQLite.
    with RedisServer(env.tmp) as redis:
        spawn = "%s --port {port} --store redis://127.0.0.1:%d" % (
            SERVERS["stateless"], redis.port)
        code, out, err = run(env, "probe", "--spawn", spawn, "--instances", "3",
                             "--scenario", SCENARIO, "--kill-between", "--color", "never")
        expect(code == 0, "exit %d, wanted 0:\n%s%s" % (code, out, err))
        expect(err == "mcp-cutover: probed 3 instances: 9 checks, 9 passed, 0 failed, "
               "0 skipped\n", "stderr: %r" % err)
        env.golden("probe-stateless.txt", stable(out))
        # The baskets are Redis's, with its time to live (24 hours idle,
        # as create_basket's description says): one from the scenario's
        # first run, one from its run with the kill.
        keys = redis.command("KEYS", "basket:*").split()
        expect(len(keys) == 2, "baskets in Redis: %r" % keys)
        ttl = int(redis.command("TTL", keys[0]))
        expect(86000 < ttl <= 86400, "time to live %d" % ttl)
    # A store that cannot be reached stops the server with one line.
    proc = subprocess.run([SERVERS["stateless"], "--port", "0", "--store",
                           "redis://127.0.0.1:%d" % redis.port],
                          capture_output=True, text=True, timeout=30)
    expect(proc.returncode == 2 and proc.stderr == "cart-server: redis://127.0.0.1:%d: "
           "Connection refused\n" % redis.port, "unreachable store: %d %r"
           % (proc.returncode, proc.stderr))


class RedisServer:
    """redis-server on a free loopback port, stopped on the way out."""

    def __init__(self, folder):
        self.folder = folder
        self.port = 0
        self.proc = None

    def __enter__(self):
        binary = shutil.which("redis-server")
        expect(binary is not None, "redis-server is not installed (.ci/setup test installs it)")
        for _ in range(5):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            self.proc = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", self.folder, "--daemonize", "no",
                 "--logfile", os.path.join(self.folder, "redis.log")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 10
            while time.time() < deadline and self.proc.poll() is None:
                try:
                    if self.command("PING") == "PONG":
                        return self
                except OSError:
                    time.sleep(0.05)
            self.__exit__(None, None, None)
        raise Failure("redis-server did not start on a loopback port")

    def command(self, *words):
        """One command in RESP; the reply as text (bulk strings of an array
        joined by spaces)."""
        request = "*%d\r\n" % len(words) + "".join(
            "$%d\r\n%s\r\n" % (len(w.encode()), w) for w in words)
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(request.encode())
            data = b""
            while not data.endswith(b"\r\n") or not complete_reply(data):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        lines = data.decode().split("\r\n")
        if lines[0][0] in "+:-":
            return lines[0][1:]
        return " ".join(line for line in lines[1:] if line and line[0] not in "$*")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def complete_reply(data):
    """Whether DATA holds a whole RESP reply of the kinds used here."""
    text = data.decode(errors="replace")
    if text[0] in "+:-":
        return text.endswith("\r\n")
    if text[0] == "$":
        size = int(text[1:text.index("\r\n")])
        return size < 0 or len(data) >= len(text[:text.index("\r\n")]) + 2 + size + 2
    if text[0] == "*":
        count = int(text[1:text.index("\r\n")])
        return text.count("\r\n") >= 1 + 2 * max(count, 0)
    return True


@case
def stateless_without_scenario_calls_no_tool(env):
    # Read-only by default: the handle checks say why they did not run.
    code, out, err = run(env, "probe", *stateless_fleet(env, 2), "--format", "json")
    expect(code == 0, "exit %d: %s" % (code, err))
    checks = {c["ruleId"]: c for c in json.loads(out)["probe"]["checks"]}
    for rule in ("probe-handle-fleet", "probe-unknown-handle"):
        expect(checks[rule]["status"] == "skipped", "%s: %s" % (rule, checks[rule]))
        expect(checks[rule]["detail"] == "no scenario: give --scenario FILE, or "
               "--allow-calls to infer one from tools/list", checks[rule]["detail"])
    # --allow-calls infers create_basket -> add_item, checkout.
    code, out, err = run(env, "probe", *stateless_fleet(env, 2), "--allow-calls",
                         "--format", "json")
    expect(code == 0, "exit %d: %s" % (code, err))
    checks = {c["ruleId"]: c for c in json.loads(out)["probe"]["checks"]}
    expect(checks["probe-handle-fleet"]["status"] == "passed", checks["probe-handle-fleet"])
    expect(checks["probe-unknown-handle"]["status"] == "passed", checks["probe-unknown-handle"])
    # --rules: only the rules asked for are listed as checked (a report
    # must not read the others as verified).
    code, out, err = run(env, "probe", *stateless_fleet(env, 2), "--allow-calls",
                         "--rules", "probe-discover,probe-handle-fleet", "--format", "json")
    expect(code == 0, "exit %d: %s" % (code, err))
    doc = json.loads(out)
    expect([c["ruleId"] for c in doc["probe"]["checks"]] ==
           ["probe-discover", "probe-handle-fleet"], doc["probe"]["checks"])
    expect(doc["rulesRun"] == ["probe-discover", "probe-handle-fleet"], doc["rulesRun"])


@case
def legacy_fleet_fails_each_item(env):
    # The session wall is reported once; behind it, each item on its own.
    out_sarif = os.path.join(env.tmp, "probe.sarif")
    code, out, err = run(env, "probe", *legacy_fleet(), "--allow-calls",
                         "--sarif", out_sarif, "--color", "never")
    expect(code == 1, "exit %d, wanted 1:\n%s%s" % (code, out, err))
    expect(err == "mcp-cutover: probed 2 instances: 9 checks, 1 passed, 6 failed, "
           "2 skipped\n", "stderr: %r" % err)
    env.golden("probe-legacy.txt", stable(out))
    with open(out_sarif) as f:
        sarif = json.load(f)
    results = sarif["runs"][0]["results"]
    expect(all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               .startswith("http://127.0.0.1:") for r in results), "locations")
    # Valid SARIF; what the multitool says beyond the notes every result
    # gets (SARIF2002, docs/sarif.md) is that a URL is neither a file under
    # the root (SARIF2007) nor has lines (SARIF2017): GitHub code scanning
    # cannot show a finding about a running instance, and docs/probe.md says
    # so.
    wanted = []
    for i in range(len(results)):
        where = "runs[0].results[%d]" % i
        wanted += [("note", "SARIF2002", where + ".message"),
                   ("warning", "SARIF2007",
                    where + ".locations[0].physicalLocation.artifactLocation"),
                   ("warning", "SARIF2017", where + ".locations[0].physicalLocation")]
    found = [f for f in multitool_findings(env, out_sarif) if f[1] != "SARIF2009"]
    expect(found == sorted(wanted), "multitool:\n  unexpected %s\n  missing %s" % (
        [f for f in found if f not in wanted], [w for w in wanted if w not in found]))


def odd_fleet(env, mode):
    server = os.path.join(env.source, "tests", "probe", "odd_server.py")
    return ["--spawn", "python3 %s --port {port} --mode %s" % (server, mode),
            "--instances", "2"]


@case
def odd_fleet_fails_the_fleet_checks(env):
    # The failures the example servers never show: a tools/list that changes
    # with each call, handles in one process's memory, a made-up handle
    # accepted.
    code, out, err = run(env, "probe", *odd_fleet(env, "varying"), "--allow-calls",
                         "--rules", "probe-list-varies,probe-handle-fleet,"
                         "probe-unknown-handle", "--color", "never")
    expect(code == 1, "exit %d, wanted 1:\n%s%s" % (code, out, err))
    expect(err == "mcp-cutover: probed 2 instances: 3 checks, 0 passed, 3 failed, "
           "0 skipped\n", "stderr: %r" % err)
    env.golden("probe-odd-varying.txt", stable(out))


@case
def transition_window_is_checked_both_ways(env):
    # --expect-legacy: a server serving both versions passes, a session on
    # its 2025-11-25 path included; the new-only example fails, saying why.
    code, out, err = run(env, "probe", *odd_fleet(env, "dual"), "--expect-legacy",
                         "--rules", "probe-discover,probe-session-header,probe-legacy-window",
                         "--format", "json")
    expect(code == 0, "exit %d: %s%s" % (code, out, err))
    doc = json.loads(out)
    expect(doc["findings"] == [], doc["findings"])
    probe = doc["probe"]
    expect(probe["discoverVersions"] == ["2026-07-28", "2025-11-25"] and
           probe["handshakeVersions"] == ["2025-11-25"], probe)
    window = [c for c in probe["checks"] if c["ruleId"] == "probe-legacy-window"][0]
    expect(window["status"] == "passed" and [stable(e) for e in window["evidence"]] == [
        "POST http://127.0.0.1:PORT/mcp initialize -> HTTP 200 with a result",
        "POST http://127.0.0.1:PORT/mcp tools/list (2025-11-25) (MCP-Protocol-Version: "
        "2025-11-25, Mcp-Session-Id: dual-session) -> HTTP 200 with a result"], window)
    # Without --expect-legacy the rule is not checked, not even listed.
    code, out, err = run(env, "probe", *odd_fleet(env, "dual"), "--rules",
                         "probe-discover,probe-legacy-window", "--format", "json")
    expect([c["ruleId"] for c in json.loads(out)["probe"]["checks"]] == ["probe-discover"],
           out)
    code, out, err = run(env, "probe", *stateless_fleet(env, 1), "--expect-legacy",
                         "--rules", "probe-legacy-window", "--color", "never")
    expect(code == 1, "exit %d: %s%s" % (code, out, err))
    expect(stable(out).splitlines()[0] ==
           "http://127.0.0.1:PORT/mcp: error: initialize, as a 2025-11-25 client sends it, "
           "was answered with HTTP 400 with JSON-RPC -32020: \"HeaderMismatch: Mcp-Method "
           "must be initialize\": with --expect-legacy, 2025-11-25 clients must still "
           "connect while 2026-07-28 is served [probe-legacy-window]", out)


class WalledServers:
    """odd_server.py --mode walled on free loopback ports, run by the test
    (not --spawn) so that what the probe left behind can be asked after
    it ends."""

    def __init__(self, env, count, max_sessions=10):
        self.server = os.path.join(env.source, "tests", "probe", "odd_server.py")
        self.count, self.max_sessions, self.procs, self.urls = count, max_sessions, [], []

    def __enter__(self):
        for _ in range(self.count):
            proc = subprocess.Popen(
                [sys.executable, self.server, "--port", "0", "--mode", "walled",
                 "--max-sessions", str(self.max_sessions)],
                stdout=subprocess.PIPE, text=True)
            self.procs.append(proc)
            self.urls.append("http://127.0.0.1:%s/mcp" % proc.stdout.readline().strip())
        return self

    def live_sessions(self):
        return [json.load(urllib.request.urlopen(url[:-len("/mcp")] + "/sessions",
                                                 timeout=10))["live"] for url in self.urls]

    def __exit__(self, *exc):
        for proc in self.procs:
            proc.terminate()
            proc.wait(timeout=10)


def url_args(urls):
    return [word for url in urls for word in ("--url", url)]


@case
def walled_fleet_is_entered_on_each_instance(env):
    # A session wall without sticky sessions: each instance is entered with
    # a session of its own, so the lists are compared across both; every
    # session the probe minted is ended (a server that caps its sessions
    # would refuse the next run).
    with WalledServers(env, 2) as fleet:
        code, out, err = run(env, "probe", *url_args(fleet.urls), "--rules",
                             "probe-session-wall,probe-list-varies", "--format", "json")
        expect(code == 1, "exit %d: %s%s" % (code, out, err))
        probe = json.loads(out)["probe"]
        checks = {c["ruleId"]: c for c in probe["checks"]}
        expect(probe["sessionWall"] is True and
               checks["probe-session-wall"]["status"] == "failed", probe)
        varies = checks["probe-list-varies"]
        expect(varies["status"] == "passed" and
               [re.sub("[0-9a-f]{32}", "ID", e) for e in varies["evidence"]] == [
                   "tools/list: 4 answers from 2 instances, all identical",
                   "tools/list: the same in a second session (ID)"], varies)
        expect(stable(json.loads(out)["findings"][1]["message"]).startswith(
            "the session "), out)
        expect(fleet.live_sessions() == [0, 0], "sessions left: %r" % fleet.live_sessions())
    # Its handshake refused too (the cap is reached): the wall is still
    # reported, from the server's own words, and each message says what
    # came back.
    with WalledServers(env, 1, max_sessions=0) as fleet:
        code, out, err = run(env, "probe", *url_args(fleet.urls), "--color", "never")
        expect(code == 1, "exit %d: %s%s" % (code, out, err))
        expect(err == "mcp-cutover: probed 1 instance: 9 checks, 0 passed, 5 failed, "
               "4 skipped\n", "stderr: %r" % err)
        env.golden("probe-odd-walled-full.txt", stable(out))


@case
def hostile_server_is_reported_never_trusted(env):
    # Wrong types everywhere, a session id and versions with terminal
    # escapes, bodies that are not UTF-8: findings, no crash, and nothing
    # of the server's reaches the terminal unquoted.
    out_json = os.path.join(env.tmp, "probe.json")
    out_sarif = os.path.join(env.tmp, "probe.sarif")
    proc = subprocess.run([env.binary, "probe", *odd_fleet(env, "hostile"), "--allow-calls",
                           "--json", out_json, "--sarif", out_sarif, "--color", "never"],
                          cwd=env.source, capture_output=True, timeout=120)
    expect(proc.returncode == 1, "exit %d: %r" % (proc.returncode, proc.stderr))
    expect(proc.stderr == b"mcp-cutover: probed 2 instances: 9 checks, 3 passed, "
           b"6 failed, 0 skipped\n", "stderr: %r" % proc.stderr)
    expect(b"\x1b" not in proc.stdout, "an escape reached the terminal")
    out = proc.stdout.decode("utf-8")  # raises on bytes that are not UTF-8
    env.golden("probe-odd-hostile.txt", stable(out))
    with open(out_json, encoding="utf-8") as f:
        doc = json.load(f)
    expect(len(doc["findings"]) == 18, "findings: %d" % len(doc["findings"]))
    expect(doc["probe"]["sessionWall"] is False, "a session id with an escape was "
           "carried behind a wall")
    with open(out_sarif, encoding="utf-8") as f:
        expect(len(json.load(f)["runs"][0]["results"]) == 18, "SARIF results")


@case
def report_marks_runtime_items(env):
    # The stateless example's checklist, probed: the two items only running
    # instances show are verified, none needs manual verification among
    # those the probe covers.
    out_json = os.path.join(env.tmp, "probe.json")
    code, _, err = run(env, "probe", *stateless_fleet(env), "--scenario", SCENARIO,
                       "--kill-between", "--json", out_json, "--quiet")
    expect(code == 0, "probe exit %d: %s" % (code, err))
    code, out, err = run(env, *report_args(env, "fixtures/stateless-cart-server",
                                           "--probe", out_json), timeout=300)
    expect(code == 0, "report exit %d: %s" % (code, err))
    env.golden("report-stateless-cart-server-probed.txt", stable(out))
    expect("needs manual verification" not in out.split("GA week")[0],
           "manual items left before GA week")
    # A result without a probe section is refused, naming the file.
    plain = os.path.join(env.tmp, "plain.json")
    with open(plain, "w") as f:
        doc = json.load(open(out_json))
        del doc["probe"]
        json.dump(doc, f)
    code, out, err = run(env, *report_args(env, "fixtures/stateless-cart-server",
                                           "--probe", plain), timeout=300)
    expect(code == 2 and out == "", "exit %d, stdout %r" % (code, out))
    expect(err == "mcp-cutover: error: %s: not a probe result (it has no 'probe' "
           "section; write one with 'mcp-cutover probe --json FILE')\n" % plain, err)


def stdio_server(mode, *extra):
    return ["--stdio", " ".join(["python3", "tests/probe/stdio_server.py", "--mode", mode,
                                 *extra])]


@case
def stdio_servers_are_probed(env):
    # --stdio: two processes of a 2026-07-28 stdio server sharing one
    # basket file, the creator killed between the basket's creation and
    # its use. Headers and sessions are HTTP's: those checks say so.
    store = os.path.join(env.tmp, "baskets.json")
    code, out, err = run(env, "probe", *stdio_server("stateless", "--store", store),
                         "--instances", "2", "--scenario", SCENARIO, "--kill-between",
                         "--format", "json")
    expect(code == 0, "exit %d: %s%s" % (code, out, err))
    expect(err == "mcp-cutover: probed 2 instances: 9 checks, 6 passed, 0 failed, "
           "3 skipped\n", "stderr: %r" % err)
    doc = json.loads(out)
    expect(doc["findings"] == [], doc["findings"])
    checks = {c["ruleId"]: c for c in doc["probe"]["checks"]}
    for rule in ("probe-session-wall", "probe-session-header", "probe-header-mismatch"):
        expect(checks[rule]["status"] == "skipped" and checks[rule]["detail"] ==
               "a stdio server has no HTTP headers and no sessions", checks[rule])
    expect(checks["probe-removed-method"]["evidence"][0] ==
           "SEND stdio:python3 tests/probe/stdio_server.py --mode stateless --store %s #1 "
           "initialize -> JSON-RPC -32601" % store, checks["probe-removed-method"])
    fleet = checks["probe-handle-fleet"]["evidence"]
    expect(any(e.startswith("--kill-between") for e in fleet), fleet)
    # The legacy stdio server: each item that applies to stdio, one finding.
    code, out, err = run(env, "probe", *stdio_server("legacy"), "--color", "never")
    expect(code == 1, "exit %d: %s%s" % (code, out, err))
    env.golden("probe-stdio-legacy.txt", out)
    # A server that ends before it answers: one line, its last words.
    code, out, err = run(env, "probe", "--stdio", "echo cannot start >&2; exit 3")
    expect(code == 2 and out == "" and err ==
           "mcp-cutover: error: stdio:echo cannot start >&2; exit 3: no answer to "
           "server/discover (the server closed its pipes (cannot start))\n",
           "exit %d: %r" % (code, err))


def client_cmd(kind):
    return ["--client-cmd", "%s {url}" % SERVERS[kind + "-client"]]


@case
def legacy_client_fails_each_item(env):
    # The legacy example client against the recorder: its handshake, the
    # session it echoes, the ping it sends, and a tools/call without the
    # routing headers or _meta, each a finding; the recorder answers the
    # handshake, so the client goes on and shows the rest.
    out_json = os.path.join(env.tmp, "client.json")
    out_sarif = os.path.join(env.tmp, "client.sarif")
    code, out, err = run(env, "probe", *client_cmd("legacy"), "--json", out_json,
                         "--sarif", out_sarif, "--color", "never")
    expect(code == 1, "exit %d, wanted 1:\n%s%s" % (code, out, err))
    expect(err == "mcp-cutover: recorded 4 requests from the client: 5 checks, 0 passed, "
           "5 failed, 0 skipped\n", "stderr: %r" % err)
    env.golden("probe-client-legacy.txt", stable(out))
    with open(out_json) as f:
        doc = json.load(f)
    probe = doc["probe"]
    expect(probe["side"] == "client" and probe["requestsRecorded"] == 4, probe)
    expect("discoverVersions" not in probe, "server fields on a client probe")
    expect([(c["ruleId"], c["status"]) for c in probe["checks"]] ==
           [(r, "failed") for r in ("probe-client-initialize", "probe-client-session-header",
                                    "probe-client-removed-method",
                                    "probe-client-routing-headers", "probe-client-meta")],
           probe["checks"])
    expect(doc["rulesRun"] == [c["ruleId"] for c in probe["checks"]], doc["rulesRun"])
    # Valid SARIF: the multitool says only what it says of every probe
    # result (a URL is no file under the root and has no lines: SARIF2007,
    # SARIF2017; see legacy_fleet_fails_each_item).
    said = {f[1] for f in multitool_findings(env, out_sarif) if f[0] != "note"}
    expect(said == {"SARIF2007", "SARIF2017"}, "SARIF Multitool: %s" % said)


@case
def stateless_client_passes_every_check(env):
    # The migrated example client: server/discover first, headers and _meta
    # on every request, no session. Its report marks both client items
    # verified at runtime.
    out_json = os.path.join(env.tmp, "client.json")
    code, out, err = run(env, "probe", *client_cmd("stateless"), "--json", out_json,
                         "--color", "never")
    expect(code == 0, "exit %d, wanted 0:\n%s%s" % (code, out, err))
    expect(err == "mcp-cutover: recorded 3 requests from the client: 5 checks, 5 passed, "
           "0 failed, 0 skipped\n", "stderr: %r" % err)
    with open(out_json) as f:
        checks = {c["ruleId"]: c for c in json.load(f)["probe"]["checks"]}
    expect(checks["probe-client-routing-headers"]["evidence"] == [
        'POST server/discover (Mcp-Method: "server/discover", MCP-Protocol-Version: '
        '"2026-07-28")',
        'POST tools/call (Mcp-Method: "tools/call", Mcp-Name: "create_basket", '
        'MCP-Protocol-Version: "2026-07-28")',
        'POST tools/call (Mcp-Method: "tools/call", Mcp-Name: "add_item", '
        'MCP-Protocol-Version: "2026-07-28")'], checks["probe-client-routing-headers"])
    code, out, err = run(env, *report_args(env, "fixtures/stateless-client",
                                           "--probe", out_json), timeout=300)
    expect(code == 0, "report exit %d: %s" % (code, err))
    for title in ("Make clients try 2026-07-28 first (server/discover or per-request _meta) "
                  "and fall back to initialize only for old servers",
                  "Send Mcp-Method, Mcp-Name and MCP-Protocol-Version from clients, and the "
                  "protocol version and capabilities in _meta"):
        expect("  [x] %s: done, verified at runtime\n" % title in out,
               "not verified: %s\n%s" % (title, out))


@case
def serve_records_any_client(env):
    # --serve: any client, here this test, until Ctrl-C. A GET for the old
    # SSE stream, a good tools/list, and a tools/call whose Mcp-Name names
    # another tool.
    proc = subprocess.Popen([env.binary, "probe", "--serve", "0", "--duration", "60",
                             "--format", "json"], cwd=env.source, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        found = re.fullmatch(r"mcp-cutover: recording at (http://127\.0\.0\.1:\d+/mcp) "
                             r"for 60 s \(Ctrl-C ends it\)\n", line)
        expect(found, "first line %r" % line)
        url = found.group(1)
        meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities": {}}
        status, _ = http(url, "GET", None, {})
        expect(status == 405, "GET answered %d" % status)
        status, body = http(url, "POST", {"jsonrpc": "2.0", "id": 1, "method": "tools/list",
                                          "params": {"_meta": meta}},
                            {"Mcp-Method": "tools/list", "MCP-Protocol-Version": "2026-07-28"})
        expect(status == 200 and body["result"]["tools"] == [] and
               body["result"]["ttlMs"] == 60000, "tools/list: %d %s" % (status, body))
        status, body = http(url, "POST", {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                                          "params": {"name": "add_item", "arguments": {},
                                                     "_meta": meta}},
                            {"Mcp-Method": "tools/call", "Mcp-Name": "checkout",
                             "MCP-Protocol-Version": "2026-07-28"})
        expect(status == 200, "tools/call answered %d" % status)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    expect(proc.returncode == 1, "exit %d: %s" % (proc.returncode, err))
    expect(err == "mcp-cutover: recorded 3 requests from the client: 5 checks, 3 passed, "
           "2 failed, 0 skipped\n", "stderr: %r" % err)
    doc = json.loads(out)
    expect([(f["ruleId"], stable(f["message"])) for f in doc["findings"]] == [
        ("probe-client-removed-method", "the client sent GET to the endpoint (the standalone "
         "SSE stream): 2026-07-28 removed it; server-to-client notifications come on a "
         "subscriptions/listen POST stream (SEP-2575, SEP-2567)"),
        ("probe-client-routing-headers", 'tools/call was sent with Mcp-Name "checkout" for '
         '"add_item": gateways route on these headers, and a 2026-07-28 server refuses the '
         "request with HTTP 400 and -32020 (SEP-2243)")], doc["findings"])


def http(url, verb, message, headers):
    """One request to the recorder; (status, JSON body or None)."""
    data = json.dumps(message).encode() if message is not None else None
    request = urllib.request.Request(url, data=data, method=verb, headers=dict(
        headers, **({"Content-Type": "application/json"} if data else {})))
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
            return answer.status, json.loads(body) if body else None
    except urllib.error.HTTPError as error:
        return error.code, None


@case
def bad_options_get_one_line(env):
    out_json = os.path.join(env.tmp, "never.json")
    bad_scenario = env.write("bad.yaml", "create:\n  tool: x\nfollow_ups: []\n")
    cases = [
        ([], "probe needs --url URL (once per instance), --spawn \"CMD --port {port}\" or "
         "--stdio \"CMD\" (a server), or --client-cmd \"CMD {url}\" or --serve PORT (a "
         "client)"),
        (["--stdio", "srv", "--url", "http://127.0.0.1:1/mcp"], "--stdio excludes --url and "
         "--spawn (a stdio server has no address)"),
        (["--client-cmd", "client"], "--client-cmd needs {url} in the command, where the "
         "recording server's endpoint goes"),
        (["--client-cmd", "c {url}", "--url", "http://127.0.0.1:1/mcp"],
         "--client-cmd and --serve check a client: they exclude --url, --spawn and --stdio"),
        (["--client-cmd", "c {url}", "--serve", "0"], "--client-cmd and --serve exclude "
         "each other (--client-cmd starts its own recorder)"),
        (["--serve", "70000"], "--serve takes a port from 0 (a free one) to 65535"),
        (["--serve", "0", "--duration", "0"], "--duration takes seconds from 0 to 3600"),
        (["--client-cmd", "c {url}", "--allow-calls"], "--scenario, --allow-calls, "
         "--kill-between, --restart-cmd and --expect-legacy are for a fleet of servers, "
         "not a client"),
        (["--client-cmd", "true {url}"], "the client sent no request to "
         "http://127.0.0.1:PORT/mcp"),
        (["--client-cmd", "sleep 30 # {url}", "--duration", "0.5"], "the client sent no "
         "request to http://127.0.0.1:PORT/mcp (the client was still running after 0.5 s "
         "(--duration) and was stopped)"),
        (["--client-cmd", "echo no server here >&2; exit 4 # {url}"], "the client sent no "
         "request to http://127.0.0.1:PORT/mcp (the client exited with status 4: no server "
         "here)"),
        (["--url", "http://127.0.0.1:1/mcp", "--spawn", "x {port}"],
         "--url and --spawn exclude each other"),
        (["--url", "ftp://127.0.0.1/mcp"], "'ftp://127.0.0.1/mcp' is not an http:// or "
         "https:// URL"),
        (["--url", "http://example.com/mcp"], "'http://example.com/mcp' is not a loopback "
         "address: give --allow-remote to probe it"),
        (["--url", "http://127.0.0.1:99999/mcp"], "'http://127.0.0.1:99999/mcp': the port "
         "must be a number from 1 to 65535"),
        (["--spawn", "server --port 8080"], "--spawn needs {port} in the command, where "
         "the instance's port goes"),
        (["--spawn", "x {port}", "--instances", "17"], "--instances takes 1 to 16"),
        (["--url", "http://127.0.0.1:1/mcp", "--timeout", "0"],
         "--timeout takes seconds from 0 to 120"),
        (["--url", "http://127.0.0.1:1/mcp", "--kill-between"],
         "--kill-between on --url instances needs --restart-cmd \"CMD {index} {url}\" "
         "to interrupt one"),
        (["--url", "http://127.0.0.1:1/mcp", "--scenario", "missing.yaml"],
         "missing.yaml: no such file"),
        (["--url", "http://127.0.0.1:1/mcp", "--scenario", bad_scenario],
         "%s:2:3: 'create' says no 'handle' (a JSON Pointer into structuredContent, "
         "such as /basket_id)" % bad_scenario),
        (["--url", "http://127.0.0.1:1/mcp", "--rules", "probe-nonsense"],
         "unknown rule 'probe-nonsense' (mcp-cutover rules lists them)"),
        (["--url", "http://127.0.0.1:1/mcp"],
         "http://127.0.0.1:1/mcp: no answer to server/discover (cannot connect)"),
        (["--spawn", "sh -c 'echo cannot bind >&2; exit 3' {port}", "--instances", "1"],
         "instance 1 (sh -c 'echo cannot bind >&2; exit 3' {port}) exited with status 3 "
         "before it accepted connections: cannot bind"),
    ]
    for args, message in cases:
        code, out, err = run(env, "probe", *args, "--json", out_json)
        expect(code == 2, "%s: exit %d, wanted 2" % (args, code))
        expect(out == "", "%s: stdout %r" % (args, out))
        wanted = "mcp-cutover: error: " + message
        got = PORT.sub("127.0.0.1:PORT", err)
        expect(PORT.sub("127.0.0.1:PORT", wanted) + "\n" == re.sub(r"\(sh -c '(.*)' \d+\)",
                                                                  r"(sh -c '\1' {port})", got),
               "%s:\n  got    %r\n  wanted %r" % (args, err, wanted))
        expect(not os.path.exists(out_json), "%s: wrote %s" % (args, out_json))


@case
def ctrl_c_stops_spawned_instances(env):
    # Instances that never accept connections keep the probe waiting; Ctrl-C
    # must take them down with it.
    marker = "mcp-cutover-probe-test-%d" % os.getpid()
    proc = subprocess.Popen([env.binary, "probe", "--spawn",
                             "exec python3 -c 'import time; time.sleep(60)' %s {port}"
                             % marker, "--instances", "2",
                             "--timeout", "30"],
                            cwd=env.source, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while time.time() < deadline and count_processes(marker) < 2:
        time.sleep(0.05)
    expect(count_processes(marker) == 2, "instances not started")
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    expect(proc.returncode == -signal.SIGINT, "exit %s" % proc.returncode)
    deadline = time.time() + 5
    while time.time() < deadline and count_processes(marker):
        time.sleep(0.05)
    expect(count_processes(marker) == 0, "instances left running after Ctrl-C")


def count_processes(marker):
    found = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open("/proc/%s/stat" % pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmd and cmd.split()[0].endswith("python3") and state != "Z":
            found += 1
    return found


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary")
    p.add_argument("--legacy-server")
    p.add_argument("--stateless-server")
    p.add_argument("--legacy-client")
    p.add_argument("--stateless-client")
    p.add_argument("--source-dir")
    p.add_argument("--case")
    p.add_argument("--sarif-multitool")
    p.add_argument("--list", action="store_true")
    p.add_argument("--update", action="store_true")
    a = p.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    SERVERS["legacy"] = a.legacy_server and os.path.abspath(a.legacy_server)
    SERVERS["stateless"] = a.stateless_server and os.path.abspath(a.stateless_server)
    SERVERS["legacy-client"] = a.legacy_client and os.path.abspath(a.legacy_client)
    SERVERS["stateless-client"] = a.stateless_client and os.path.abspath(a.stateless_client)
    return run_cases(CASES, a.case, lambda: Env(
        os.path.abspath(a.binary), os.path.realpath(a.source_dir), a.update,
        a.sarif_multitool))


if __name__ == "__main__":
    sys.exit(main())
