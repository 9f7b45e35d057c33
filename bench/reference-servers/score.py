#!/usr/bin/env python3
"""Scores `mcp-cutover schema` on the reference servers' tools/list against
the hand labels in labels.json, and prints one table.

    bench/reference-servers/score.py --binary build/mcp-cutover

Per server: warnings (target 0), notes (target at most 1), handle findings on
properties the labels say are not handles (false positives), handle findings
missed (labelled handles with no finding; none are labelled here), and
whether a server with session-bound tools got the tools-share-implicit-state
note. Exit 1 when a target is missed."""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HANDLE_RULES = {"handle-not-required", "handle-not-string", "handle-undocumented",
                "handle-not-returned", "handle-lifetime-undocumented"}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", required=True)
    args = ap.parse_args()
    with open(os.path.join(HERE, "labels.json")) as f:
        labels = json.load(f)["servers"]
    proc = subprocess.run([args.binary, "schema", os.path.join(HERE, "tools"),
                           "--root", HERE, "--format", "json"],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit("mcp-cutover schema failed: " + proc.stderr)
    findings = json.loads(proc.stdout)["findings"]
    rows, ok = [], True
    totals = {"warnings": 0, "notes": 0, "fp": 0, "bound": 0, "noted": 0}
    for server in sorted(labels):
        label = labels[server]
        mine = [f for f in findings if f["file"] == "tools/%s.json" % server]
        warnings = sum(f["level"] in ("warning", "error") for f in mine)
        notes = sum(f["level"] == "note" for f in mine)
        handle_findings = [f for f in mine if f["ruleId"] in HANDLE_RULES]
        handles = set(label["handles"])
        fp = [f for f in handle_findings
              if not any("'%s'" % h in f["message"] for h in handles)]
        bound = bool(label["sessionBound"])
        noted = any(f["ruleId"] == "tools-share-implicit-state" for f in mine)
        rows.append((server, label["tools"], warnings, notes, len(fp),
                     len(label["sessionBound"]), "yes" if noted else
                     ("MISSED" if bound else "-")))
        totals["warnings"] += warnings
        totals["notes"] += notes
        totals["fp"] += len(fp)
        totals["bound"] += bound
        totals["noted"] += bound and noted
        ok = ok and warnings == 0 and notes <= 1 and not fp
    print("| server | tools | warnings | notes | handle false positives | "
          "session-bound tools (labels) | family noted |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| %s | %d | %d | %d | %d | %d | %s |" % r)
    print("| all | %d | %d | %d | %d | %d | %d of %d servers |" % (
        sum(r[1] for r in rows), totals["warnings"], totals["notes"],
        totals["fp"], sum(r[5] for r in rows), totals["noted"], totals["bound"]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
