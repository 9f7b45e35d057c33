#!/usr/bin/env python3
"""Cold, warm and one-header-edit runs of `mcp-cutover check` with the
incremental cache (--cache-dir), on one compilation database.

    bench/cache_rerun.py --binary build/mcp-cutover -p SDK/build \\
        --header SDK/include/x.h [-j 2] [--runs 3] [-- CHECK_ARGS...]

Each scenario runs --runs times (the median is printed):
  cold   an empty cache: every unit parsed, every entry written;
  warm   nothing changed: every unit from the cache;
  edit   a comment appended to --header (restored afterwards): the units
         that read it are parsed again, the rest come from the cache.
For the edit, the units that read the header are counted from the cache's
own entries (each lists every file its unit read), and compared with the
units the run parsed (from its summary line). The JSON output of every run
must be the same bytes as the cold run's (the edit's comment changes no
finding). Not a test: figures for the closing note."""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SUMMARY = re.compile(r"analysed (\d+) translation units? in [\d.]+ s.*?(\d+) from the cache")


def run(binary, args, cache):
    start = time.monotonic()
    proc = subprocess.run([binary, "check", *args, "--cache-dir", cache, "--format", "json"],
                          capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit("mcp-cutover failed (%d): %s" % (proc.returncode, proc.stderr[-2000:]))
    m = SUMMARY.search(proc.stderr)
    if not m:
        sys.exit("no summary line with cache figures: %r" % proc.stderr[-500:])
    units, hits = int(m.group(1)), int(m.group(2))
    doc = json.loads(proc.stdout)
    for key in ("translationUnits",):
        doc.pop(key, None)
    return elapsed, units, hits, json.dumps(doc, sort_keys=True)


def readers_of(cache, header):
    count = 0
    for folder, _, files in os.walk(cache):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(folder, name)) as f:
                    if header in json.load(f)["deps"]:
                        count += 1
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("-p", dest="build", required=True)
    parser.add_argument("--header", required=True)
    parser.add_argument("-j", dest="jobs", default="2")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("rest", nargs="*")
    a = parser.parse_args()
    header = os.path.realpath(a.header)
    args = ["-p", a.build, "-j", a.jobs, *a.rest]
    scratch = tempfile.mkdtemp(prefix="mcp-cutover-cache-bench-")
    cache = os.path.join(scratch, "cache")
    figures = {"cold": [], "warm": [], "edit": []}
    reference = None
    with open(header, "rb") as f:
        original = f.read()
    try:
        for _ in range(a.runs):
            shutil.rmtree(cache, ignore_errors=True)
            t, units, hits, out = run(a.binary, args, cache)
            figures["cold"].append((t, units, hits))
            reference = reference or out
            if out != reference:
                sys.exit("cold runs differ")
        for _ in range(a.runs):
            t, units, hits, out = run(a.binary, args, cache)
            figures["warm"].append((t, units, hits))
            if out != reference:
                sys.exit("a warm run's findings differ from the cold run's")
        readers = readers_of(cache, header)
        for i in range(a.runs):
            with open(header, "wb") as f:
                f.write(original + b"\n// cache bench edit %d\n" % i)
            t, units, hits, out = run(a.binary, args, cache)
            figures["edit"].append((t, units, hits))
            if out != reference:
                print("note: the edit changed the output (fingerprints of lines"
                      " after the comment are unchanged; check by hand)")
    finally:
        with open(header, "wb") as f:
            f.write(original)
        shutil.rmtree(scratch, ignore_errors=True)
    print("units that read %s: %d" % (a.header, readers))
    print("%-6s %9s %9s %7s %10s" % ("run", "median s", "min s", "units", "from cache"))
    for name, rows in figures.items():
        times = [r[0] for r in rows]
        print("%-6s %9.2f %9.2f %7d %10d" % (name, statistics.median(times), min(times),
                                            rows[-1][1], rows[-1][2]))
    cold = statistics.median(r[0] for r in figures["cold"])
    warm = statistics.median(r[0] for r in figures["warm"])
    print("warm speed-up: %.1fx" % (cold / warm))
    edit = figures["edit"][-1]
    print("edit re-parsed %d of %d units (%d read the header)"
          % (edit[1] - edit[2], edit[1], readers))


if __name__ == "__main__":
    main()
