#!/usr/bin/env python3
"""Times `mcp-cutover traffic` on generated access logs of at least 1 GB
each (nginx combined with extra fields, nginx escape=json, Envoy JSON,
HAProxy), and on the combined one gzip-compressed: one core, one file,
megabytes of uncompressed log per second. Each row is the median of
--runs wall times; peak memory (max RSS) comes from the last run.

  python3 bench/traffic_speed.py --build build [--runs 3] [--gigabytes 1]
"""
import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "traffic"))
import access_logs  # noqa: E402

START = 1793491200  # 2026-11-01T00:00:00Z


def requests(count, seed):
    """A month of traffic: mostly 2026-07-28 clients, a tail of legacy."""
    rng = random.Random(seed)
    agents = ["new-sdk/2.%d" % i for i in range(20)]
    for i in range(count):
        second = START + i * 30 * 86400 // count
        if rng.random() < 0.1:
            yield access_logs.legacy(second, status=rng.choice([200, 200, 404]),
                                     agent="old-sdk/0.%d" % rng.randrange(5),
                                     session="%032x" % rng.getrandbits(128))
        else:
            yield access_logs.modern(second, agent=rng.choice(agents),
                                     name="tool_%d" % rng.randrange(50))


def write_log(path, fmt, gigabytes):
    writer = access_logs.FORMATS[fmt]
    # A block of distinct lines, written again with later times until the
    # file is big enough (generating each line costs more than reading it).
    block = list(requests(20000, 7))
    target, written, shift = int(gigabytes * (1 << 30)), 0, 0
    with open(path, "w") as f:
        while written < target:
            text = "\n".join(writer(dict(r, time=r["time"] + shift)) for r in block) + "\n"
            f.write(text)
            written += len(text)
            shift += 60
    return written


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--gigabytes", type=float, default=1.0)
    a = p.parse_args()
    binary = os.path.join(a.build, "mcp-cutover")
    print("%-12s %10s %10s %10s %10s" % ("format", "MB", "median s", "MB/s", "max RSS MB"))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("combined", "nginx-json", "envoy", "haproxy", "combined.gz"):
            path = os.path.join(tmp, fmt + ".log")
            base = fmt.replace(".gz", "")
            size = write_log(os.path.join(tmp, base + ".log"), base, a.gigabytes) \
                if not fmt.endswith(".gz") else os.path.getsize(os.path.join(tmp, base + ".log"))
            if fmt.endswith(".gz"):
                subprocess.run(["gzip", "-1", "-k", "-f", os.path.join(tmp, base + ".log")],
                               check=True)
                path = os.path.join(tmp, base + ".log.gz")
            times = []
            for _ in range(a.runs):
                start = time.monotonic()
                proc = subprocess.run([binary, "traffic", path, "-q", "--format", "json"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                times.append(time.monotonic() - start)
                if proc.returncode != 0:
                    sys.exit("%s: exit %d: %s" % (fmt, proc.returncode, proc.stderr))
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            median = statistics.median(times)
            print("%-12s %10.0f %10.2f %10.0f %10.0f" % (
                fmt, size / 1e6, median, size / 1e6 / median, rss))
            if not fmt.startswith("combined") or fmt.endswith(".gz"):
                os.remove(os.path.join(tmp, base + ".log"))


if __name__ == "__main__":
    main()
