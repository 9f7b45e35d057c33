#!/usr/bin/env python3
"""End-to-end tests of `mcp-cutover traffic` and `report --traffic` on
access logs the tests write (tests/traffic/access_logs.py): the same
requests in each format read the same, gzip and standard input too; a log
lacking fields gets one line saying which and how to add them; malformed
lines are counted, never fatal; a spike and the last legacy day; the
legacy example's report with a traffic result; every bad input one line."""
import argparse
import gzip
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
sys.path.insert(0, HERE)
from run_e2e import Env, expect, run_cases  # noqa: E402
import access_logs  # noqa: E402
from access_logs import legacy, modern  # noqa: E402

CASES = {}
DAY = 86400
NOV1 = 1793491200  # 2026-11-01T00:00:00Z
LEGACY = "fixtures/legacy-cart-server/server.cpp"


def report(env, *args):
    """The legacy example's report: the fixture is the project, so paths
    and the title do not depend on where the checkout is."""
    return run(env, "report", LEGACY, "--root",
               os.path.join(env.source, "fixtures", "legacy-cart-server"), *args)


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def run(env, *args, stdin=None):
    proc = subprocess.run([env.binary, *args], cwd=env.source, capture_output=True,
                          text=True, timeout=120, input=stdin)
    return proc.returncode, proc.stdout, proc.stderr


def write_log(env, name, fmt, requests, fields=access_logs.ALL_FIELDS):
    writer = access_logs.FORMATS[fmt]
    return env.write(name, "".join(writer(r, fields) + "\n" for r in requests))


def three_days():
    """Two clients on the legacy path, one migrated, over three days; the
    old one's last request on 2026-11-03 got a 404."""
    out = []
    for day in range(3):
        t = NOV1 + day * DAY
        out += [legacy(t + 3600, agent="old-sdk/0.9"),
                legacy(t + 7200, agent='quoted "agent"', session=None),
                modern(t + 10800), modern(t + 14400, method="tools/list", name=None)]
    out.append(legacy(NOV1 + 2 * DAY + 20000, status=404, agent="old-sdk/0.9"))
    return out


def summary(env, *logs, extra=()):
    code, out, err = run(env, "traffic", *logs, "--format", "json", *extra)
    expect(code == 0, "exit %d: %s" % (code, err))
    return json.loads(out)["traffic"], err


@case
def each_format_reads_the_same_traffic(env):
    requests = three_days()
    seen = {}
    for fmt in access_logs.FORMATS:
        path = write_log(env, fmt + ".log", fmt, requests)
        doc, err = summary(env, path)
        expect(err == "mcp-cutover: read 13 lines from 1 log: 13 MCP requests, 7 legacy\n",
               "%s: stderr %r" % (fmt, err))
        expect(doc["files"][0]["missingFields"] == [] and
               doc["files"][0]["malformedLines"] == 0, "%s: %s" % (fmt, doc["files"]))
        seen[fmt] = {k: v for k, v in doc.items() if k != "files"}
    first = seen["combined"]
    for fmt, doc in seen.items():
        expect(doc == first, "%s reads differently from combined:\n%s\n%s" % (
            fmt, json.dumps(doc, sort_keys=True), json.dumps(first, sort_keys=True)))
    expect(first["reasons"] == {"sessionHeader": 4, "oldProtocolVersion": 7,
                                "noMcpMethod": 7, "initialize": 0}, first["reasons"])
    expect(first["lastLegacy"] == "2026-11-03T05:33:20Z" and
           first["lastSessionHeader"] == "2026-11-03T05:33:20Z", first)
    expect([c["client"] for c in first["clients"]] == ["old-sdk/0.9", 'quoted "agent"'],
           first["clients"])
    # gzip, standard input and several files in any order: the same counts.
    combined = os.path.join(env.tmp, "combined.log")
    with open(combined, "rb") as f, gzip.open(combined + ".gz", "wb") as g:
        g.write(f.read())
    doc, _ = summary(env, combined + ".gz")
    expect(doc["files"][0]["gzip"] is True and doc["requests"] == 13, doc["files"])
    with open(combined) as f:
        code, out, err = run(env, "traffic", "-", "--format", "json", stdin=f.read())
    expect(json.loads(out)["traffic"]["buckets"] == first["buckets"], out)
    early = write_log(env, "early.log", "combined", requests[:6])
    late = write_log(env, "late.log", "envoy", requests[6:])
    doc, _ = summary(env, late, early)
    expect({k: v for k, v in doc.items() if k != "files"} == first, "split files differ")
    code, out, err = run(env, "traffic", combined)
    env.golden("traffic-three-days.txt", out)


@case
def missing_fields_are_named_and_the_rest_runs(env):
    path = write_log(env, "plain.log", "combined", three_days(), fields=("agent",))
    code, out, err = run(env, "traffic", path, "--format", "json")
    expect(code == 0, "exit %d" % code)
    expect(err == "mcp-cutover: %s: the log lacks Mcp-Session-Id, Mcp-Method, Mcp-Name, "
           "MCP-Protocol-Version and the upstream address; add them with the snippet of "
           "'mcp-cutover traffic --print-log-format nginx'\n"
           "mcp-cutover: read 13 lines from 1 log: 13 MCP requests, 0 legacy\n" % path,
           "stderr %r" % err)
    doc = json.loads(out)["traffic"]
    expect(doc["sessionHeaderLogged"] is False and doc["requests"] == 13 and
           len(doc["buckets"]) == 3, doc)
    # HAProxy without captures: its own advice.
    path = write_log(env, "haproxy.log", "haproxy", three_days(), fields=())
    code, out, err = run(env, "traffic", path, "-q")
    expect(err == "" and code == 0, err)
    code, out, err = run(env, "traffic", path)
    expect(err.splitlines()[0] == "mcp-cutover: %s: the log lacks Mcp-Session-Id, "
           "Mcp-Method, Mcp-Name, MCP-Protocol-Version and User-Agent; add them with the "
           "snippet of 'mcp-cutover traffic --print-log-format haproxy'" % path, err)


@case
def malformed_lines_are_counted_never_fatal(env):
    lines = [access_logs.combined(r) for r in three_days()]
    for at in (1, 4, 8, 9, 10, 11, 12):
        lines.insert(at, "not a log line %d" % at)
    lines.insert(3, '{"time": "2026-11-01T00:00:00Z", "status": 200')  # cut short
    lines.insert(5, "")  # blank: not counted at all
    path = env.write("mixed.log", "\n".join(lines) + "\n")
    bad = [n for n, line in enumerate(lines, 1) if line.startswith(("not", "{"))]
    expect(len(bad) == 8, bad)
    code, out, err = run(env, "traffic", path, "--format", "json")
    expect(code == 0, "exit %d" % code)
    doc = json.loads(out)["traffic"]
    expect(doc["requests"] == 13 and doc["files"][0]["malformedLines"] == 8 and
           doc["files"][0]["firstMalformedLines"] == bad[:5], doc["files"])
    expect(err.splitlines()[0] == "mcp-cutover: %s: 8 lines are not access log lines, "
           "skipped (first: line %s)" % (path, ", ".join(map(str, bad[:5]))), err)


def month_with_a_spike():
    """2026-11-01 to 2026-11-22: two legacy 404s a day, thirty on the 11th,
    the last legacy request on the 14th, then a week of migrated clients
    only."""
    out = []
    for day in range(22):
        t = NOV1 + day * DAY
        out.append(modern(t + 100))
        if day < 14:
            errors = 30 if day == 10 else 2
            out += [legacy(t + 200 + i, status=404, agent="old-sdk/0.%d" % (i % 2))
                    for i in range(errors)]
    return out


@case
def spike_and_last_legacy_day(env):
    path = write_log(env, "month.log", "nginx-json", month_with_a_spike())
    doc, _ = summary(env, path)
    expect(doc["spikes"] == [{"day": "2026-11-11", "legacy4xx": 30,
                              "previousWeekMean": 2.0}], doc["spikes"])
    expect(doc["lastLegacy"] == "2026-11-14T00:03:21Z", doc["lastLegacy"])
    expect(len(doc["buckets"]) == 22 and doc["buckets"][10] == {
        "start": "2026-11-11T00:00:00Z", "requests": 31, "legacy": 30, "legacy4xx": 30,
        "legacy5xx": 0, "sessionHeader": 30, "sessionHeader4xx": 30}, doc["buckets"][10])
    # A higher factor: no spike.
    doc, _ = summary(env, path, extra=("--spike-factor", "20"))
    expect(doc["spikes"] == [], doc["spikes"])
    # By hour: one bucket per hour that has requests.
    doc, _ = summary(env, path, extra=("--by", "hour"))
    expect(doc["by"] == "hour" and len(doc["buckets"]) == 22 and
           doc["buckets"][1]["start"] == "2026-11-02T00:00:00Z", doc["buckets"][:2])
    code, out, err = run(env, "traffic", path, "--by", "hour")
    env.golden("traffic-month-by-hour.txt", out)


@case
def report_marks_the_ga_items(env):
    # Legacy traffic until the logs end: both GA items open, with the
    # clients and dates that keep them open.
    month = write_log(env, "month.log", "combined", month_with_a_spike()[:40])
    result = os.path.join(env.tmp, "traffic.json")
    code, _, err = run(env, "traffic", month, "--json", result, "-q")
    expect(code == 0, err)
    code, out, err = report(env, "--traffic", result, "--today", "2026-11-30")
    expect(code == 0, "exit %d: %s" % (code, err))
    env.golden("report-legacy-traffic.txt", out)
    # A week without legacy requests after the last one: both done.
    quiet = write_log(env, "quiet.log", "combined", month_with_a_spike())
    code, _, err = run(env, "traffic", quiet, "--json", result, "-q")
    code, out, err = report(env, "--traffic", result, "--today", "2026-11-30")
    ga = out[out.index("\nGA week ("):]
    for title, since in (
            ("Alert on 4xx spikes from clients still sending Mcp-Session-Id",
             "no request carrying Mcp-Session-Id since"),
            ("Delete the initialize and session code paths once no old client remains",
             "no legacy request since")):
        expect("  [x] %s: done, verified in the access logs\n      Access logs: %s "
               "2026-11-14T00:03:21Z (7 days of logs after it, to 2026-11-22)\n"
               % (title, since) in ga, ga)
    # The HTML report charts the legacy requests per day, inline.
    code, html, err = report(env, "--traffic", result, "--format", "html",
                             "--today", "2026-11-30")
    expect("<svg" in html and "<script" not in html and "http://" not in
           html[html.index("<svg"):html.index("</svg>")], "chart")


@case
def bad_inputs_get_one_line(env):
    out_json = os.path.join(env.tmp, "out.json")
    binary = env.write("binary.log", "10.0.0.1 - - [01/Nov/2026:00:00:00 +0000] \0\n")
    corrupt = env.write("corrupt.log.gz", b"\x1f\x8b\x08\x00garbage" * 20, mode="wb")
    good = write_log(env, "good.log", "combined", three_days())
    with open(good, "rb") as f:
        whole = gzip.compress(f.read())
    cut = env.write("cut.log.gz", whole[:len(whole) // 2], mode="wb")
    not_json = env.write("not.json", "{")
    probe_like = env.write("probe.json", '{"schemaVersion": 1, "findings": []}')
    cases = [
        (["traffic"], "traffic needs the access logs to read (LOG..., or - for standard "
         "input), or --print-log-format PROXY"),
        (["traffic", "missing.log"], "missing.log: cannot be read (No such file or directory)"),
        (["traffic", env.tmp], "%s: is a folder, not a log file" % env.tmp),
        (["traffic", binary], "%s: holds NUL bytes: a binary file, not an access log" % binary),
        (["traffic", corrupt], "%s: corrupt gzip data (too many length or distance symbols)" % corrupt),
        (["traffic", cut], "%s: gzip data cut short (the file ends inside a compressed "
         "block)" % cut),
        (["traffic", good, "--spike-factor", "0"], "--spike-factor takes a number from 1 "
         "to 1000"),
        (["traffic", "-", "-"], "standard input (-) can be read once"),
        (["traffic", "--print-log-format", "caddy"], "--print-log-format takes nginx, envoy "
         "or haproxy, not 'caddy'"),
        (["traffic", good, "--print-log-format", "nginx"], "--print-log-format prints a "
         "snippet and reads no log"),
        (["report", LEGACY, "--traffic", "missing.json"], "missing.json: cannot read: No such file or directory"),
        (["report", LEGACY, "--traffic", not_json], "%s: not JSON" % not_json),
        (["report", LEGACY, "--traffic", probe_like], "%s: not a traffic result (it has no "
         "'traffic' section; write one with 'mcp-cutover traffic LOG... --json FILE')"
         % probe_like),
    ]
    for args, message in cases:
        extra = ["--json", out_json] if args[0] == "traffic" else ["-o", out_json]
        code, out, err = run(env, *args, *extra)
        expect(code == 2, "%s: exit %d, wanted 2 (%s)" % (args, code, err))
        expect(out == "", "%s: stdout %r" % (args, out))
        expect(err == "mcp-cutover: error: " + message + "\n",
               "%s:\n  got    %r\n  wanted %r" % (args, err, message))
        expect(not os.path.exists(out_json), "%s: wrote %s" % (args, out_json))


@case
def print_log_format_is_what_the_reader_reads(env):
    for proxy in ("nginx", "envoy", "haproxy"):
        code, out, err = run(env, "traffic", "--print-log-format", proxy)
        expect(code == 0 and err == "", err)
        env.golden("traffic-log-format-%s.txt" % proxy, out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary")
    p.add_argument("--source-dir")
    p.add_argument("--case")
    p.add_argument("--list", action="store_true")
    p.add_argument("--update", action="store_true")
    a = p.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    return run_cases(CASES, a.case, lambda: Env(
        os.path.abspath(a.binary), os.path.abspath(a.source_dir), a.update))


if __name__ == "__main__":
    sys.exit(main())
