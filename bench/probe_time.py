#!/usr/bin/env python3
"""Times `mcp-cutover probe` on spawned fleets of the example servers
(build/tests/cart-server-*): fleet sizes 1, 3, 8 and 16, the stateless
server with the handle scenario and --kill-between, the legacy server
behind its session wall. Prints the median of --runs wall times per row,
the probe's requests included (starting and stopping the instances too).

  python3 bench/probe_time.py --build build [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.join(a.build, "mcp-cutover")
    stateless = os.path.abspath(os.path.join(a.build, "tests", "cart-server-stateless"))
    legacy = os.path.abspath(os.path.join(a.build, "tests", "cart-server-legacy"))
    scenario = os.path.join(root, "fixtures", "probe", "cart-scenario.yaml")
    print("%-10s %9s %10s %6s" % ("server", "instances", "median s", "exit"))
    with tempfile.TemporaryDirectory() as tmp:
        for server, sizes in (("stateless", (1, 3, 8, 16)), ("legacy", (1, 3, 8, 16))):
            for n in sizes:
                times, code = [], None
                for run in range(a.runs):
                    if server == "stateless":
                        db = os.path.join(tmp, "b%d-%d.db" % (n, run))
                        args = ["--spawn", "%s --port {port} --store sqlite:%s" % (stateless, db),
                                "--scenario", scenario, "--kill-between"]
                    else:
                        args = ["--spawn", "%s --port {port}" % legacy]
                    start = time.monotonic()
                    code = subprocess.run([binary, "probe", "--instances", str(n), "-q", *args],
                                          stdout=subprocess.DEVNULL).returncode
                    times.append(time.monotonic() - start)
                print("%-10s %9d %10.3f %6d" % (server, n, statistics.median(times), code))


if __name__ == "__main__":
    main()
