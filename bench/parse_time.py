#!/usr/bin/env python3
"""Wall time of `mcp-cutover check -j N` beside `clang -fsyntax-only` on the
same translation units with the same parallelism.

    bench/parse_time.py --binary build/mcp-cutover -p SDK/build -j 2 [--runs 5]

Both sides read the same compile_commands.json; clang gets each unit's own
command with -fsyntax-only (output and dependency flags removed), the same
-w, and runs N at a time. Prints the median and min of each side and the ratio."""
import argparse
import concurrent.futures
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def syntax_only_commands(db_path, clang):
    with open(db_path) as f:
        entries = json.load(f)
    seen, commands = set(), []
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [clang], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MT", "-MQ"):
                skip = True
                continue
            if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
                continue
            out.append(a)
        out += ["-fsyntax-only", "-w"]
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if path in seen:
            continue
        seen.add(path)
        commands.append((e["directory"], out))
    return commands


def run_clang(commands, jobs):
    def one(cmd):
        d, args = cmd
        return subprocess.run(args, cwd=d, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, commands))


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("-p", dest="build", required=True)
    p.add_argument("-j", dest="jobs", type=int, default=2)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--clang", default="clang++-19")
    a = p.parse_args()
    db = os.path.join(a.build, "compile_commands.json")
    commands = syntax_only_commands(db, a.clang)
    tool = [a.binary, "check", "-p", a.build, "-j", str(a.jobs), "--format", "json"]

    def run_tool():
        subprocess.run(tool, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    run_tool()  # warm the page cache for both sides
    ours, theirs = [], []
    for _ in range(a.runs):
        ours.append(timed(run_tool))
        theirs.append(timed(lambda: run_clang(commands, a.jobs)))
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print("translation units: %d, parallelism: %d, runs: %d" % (len(commands), a.jobs, a.runs))
    print("mcp-cutover check      median %.2fs  min %.2fs" % (mo, min(ours)))
    print("%s -fsyntax-only  median %.2fs  min %.2fs" % (a.clang, mt, min(theirs)))
    print("ratio (mcp-cutover / clang): %.2fx" % (mo / mt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
