#!/usr/bin/env python3
"""Robustness sweep: every check, with every unit treated as user code, over
a large body of real C++; no unit may crash where clang itself parses it.

    bench/robustness_sweep.py --binary build-asan/mcp-cutover -j 2 \\
        --db SDK/build \\
        --headers /usr/lib/llvm-19/include/llvm \\
        --header-flags "-std=c++17 -isystem /usr/lib/llvm-19/include" \\
        --tree SDK/tests --tree-flags "-std=c++20 -ISDK/include"

Each corpus is analysed with `--root /`, so no file but the system headers is
"someone else's code": every check walks every function body it meets.
--db takes a folder with compile_commands.json; --headers analyses every
header under a folder as its own unit (pass its include folder with
-isystem in --header-flags, so each header's code is walked once, as the
main file of its unit, and its includes are parsed for declarations only);
--tree every C++
source under a folder with the given flags. Units are chunked so one run's
failure is contained. A unit reported "clang crashed" is re-parsed with
clang++-19 -fsyntax-only: if clang parses it, that is our crash, and the
unit is printed (it becomes a test). This is a benchmark script, not a CI
test: a full sweep takes many minutes under ASan."""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

SOURCE_ENDINGS = (".cpp", ".cc", ".cxx", ".c++")
HEADER_ENDINGS = (".h", ".hpp", ".hh", ".hxx", ".inc", ".def")


def files_under(folder, endings):
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(endings):
                out.append(os.path.join(dirpath, name))
    return out


def db_entries(folder):
    with open(os.path.join(folder, "compile_commands.json")) as f:
        entries = json.load(f)
    out = []
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        out.append({"directory": e["directory"], "file": e["file"],
                    "arguments": args})
    return out


def synthetic_entries(files, flags):
    out = []
    for path in files:
        args = ["clang++", "-x", "c++", *flags]
        out.append({"directory": os.path.dirname(path), "file": path,
                    "arguments": args + ["-c", path]})
    return out


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def clang_parses(entry, clang):
    args = [clang] + [a for a in entry["arguments"][1:]
                      if a not in ("-c",)] + ["-fsyntax-only", "-w"]
    proc = subprocess.run(args, cwd=entry["directory"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc.returncode == 0


def sweep(name, entries, binary, jobs, chunk, clang, timeout):
    summary = {"corpus": name, "units": 0, "lines": 0, "complete": 0,
               "incomplete": 0, "failed": 0, "crashed": [], "runs_failed": [],
               "findings": 0, "seconds": 0.0}
    start = time.perf_counter()
    for i in range(0, len(entries), chunk):
        part = entries[i:i + chunk]
        with tempfile.TemporaryDirectory(prefix="sweep-") as tmp:
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump(part, f)
            cmd = [binary, "check", "-p", tmp, "--root", "/", "--format",
                   "json", "--no-standalone-headers", "-j", str(jobs)]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True,
                                      timeout=timeout)
            except subprocess.TimeoutExpired:
                summary["runs_failed"].append((part[0]["file"], "timeout"))
                continue
        if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
            # 2 with no JSON is "nothing could be analysed": the units say why.
            tail = proc.stderr.strip().splitlines()[-3:]
            if proc.returncode != 2:
                summary["runs_failed"].append(
                    (part[0]["file"], "exit %d: %s" % (proc.returncode, tail)))
                continue
            summary["units"] += len(part)
            summary["failed"] += len(part)
            continue
        doc = json.loads(proc.stdout)
        summary["findings"] += len(doc["findings"])
        by_file = {os.path.normpath(os.path.join(e["directory"], e["file"])): e
                   for e in part}
        for unit in doc["translationUnits"]:
            summary["units"] += 1
            path = "/" + unit["file"] if not unit["file"].startswith("/") else unit["file"]
            summary["lines"] += count_lines(path)
            summary[unit["status"]] += 1
            if "clang crashed" in unit.get("error", ""):
                entry = by_file.get(path)
                ours = entry is not None and clang_parses(entry, clang)
                summary["crashed"].append((path, "clang parses it: OURS" if ours
                                           else "clang fails too"))
    summary["seconds"] = round(time.perf_counter() - start, 1)
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--clang", default="clang++-19")
    ap.add_argument("--db", action="append", default=[])
    ap.add_argument("--headers", action="append", default=[])
    ap.add_argument("--header-flags", default="-std=c++17")
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--tree-flags", default="-std=c++20")
    ap.add_argument("--limit", type=int, default=0,
                    help="at most this many units per corpus (every Nth kept)")
    ap.add_argument("--chunk", type=int, default=40)
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("--json", help="also write the summaries here")
    args = ap.parse_args()

    corpora = []
    for folder in args.db:
        corpora.append(("db " + folder, db_entries(folder)))
    for folder in args.headers:
        corpora.append(("headers " + folder, synthetic_entries(
            files_under(folder, HEADER_ENDINGS), shlex.split(args.header_flags))))
    for folder in args.tree:
        corpora.append(("tree " + folder, synthetic_entries(
            files_under(folder, SOURCE_ENDINGS), shlex.split(args.tree_flags))))
    results = []
    for name, entries in corpora:
        if args.limit and len(entries) > args.limit:
            step = len(entries) / args.limit
            entries = [entries[int(i * step)] for i in range(args.limit)]
        results.append(sweep(name, entries, args.binary, args.jobs, args.chunk,
                             args.clang, args.timeout))
        r = results[-1]
        print("%-60s units %5d  lines %8d  complete %5d  incomplete %5d  "
              "failed %4d  crashed %d  findings %5d  %7.1f s" % (
                  r["corpus"][-60:], r["units"], r["lines"], r["complete"],
                  r["incomplete"], r["failed"], len(r["crashed"]),
                  r["findings"], r["seconds"]), flush=True)
        for path, verdict in r["crashed"]:
            print("    crashed: %s (%s)" % (path, verdict))
        for path, why in r["runs_failed"]:
            print("    run failed near %s: %s" % (path, why))
    total_units = sum(r["units"] for r in results)
    total_lines = sum(r["lines"] for r in results)
    ours = sum(1 for r in results for _, v in r["crashed"] if "OURS" in v)
    print("total: %d units, %d lines in their main files, %d crashes where "
          "clang parses the unit, %d runs that did not finish" % (
              total_units, total_lines, ours,
              sum(len(r["runs_failed"]) for r in results)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 1 if ours or any(r["runs_failed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
