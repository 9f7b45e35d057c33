#!/usr/bin/env python3
"""Replays one input the fuzzers found (tests/fuzz/regressions/TARGET/FILE)
through the built mcp-cutover binary, the way a user would hit it.

A refused input must give exit 2, exactly one line on stderr naming the
file ("mcp-cutover: error: FILE: problem") and nothing on stdout. A file
named *.accepted.* is a valid input that used to crash or hang: it must
finish with exit 0 or 1 and nothing on stderr. Either way within the
timeout: a hang fails too."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def command(target, binary, path, tmp):
    """The command line that reads `path` with the target's reader, and
    how that command names the file in its errors."""
    real = os.path.realpath(path)
    if target in ("schema", "json_document"):
        return [binary, "schema", "--root", tmp, "--color", "never", path], real
    if target == "result":
        return [binary, "report", "--from", path, "--root", tmp,
                "--today", "2026-06-01", "--color", "never"], path
    if target == "sdk_profile":
        source = os.path.join(tmp, "a.cpp")
        with open(source, "w") as f:
            f.write("int main() { return 0; }\n")
        return [binary, "check", "--sdk-profile", path, "--root", tmp,
                "--color", "never", source, "--"], path
    if target == "compilation_database":
        return [binary, "check", "-p", path, "--root", tmp], real
    if target == "facts":
        return [binary, "merge", path, "--root", tmp], real
    if target == "probe_scenario":
        # Read before any request: port 1 is never reached.
        return [binary, "probe", "--url", "http://127.0.0.1:1/mcp", "--scenario", path,
                "--root", tmp], path
    if target == "access_log":
        # The JSON result too: a client name is the log's bytes.
        return [binary, "traffic", path, "--format", "json", "--quiet",
                "--json", os.path.join(tmp, "traffic.json")], path
    if target == "config":
        return [binary, "config", "--dump", tmp, "--config", path], real
    return None, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="mcp-cutover-replay-")
    try:
        argv, named = command(args.target, args.binary, args.file, tmp)
        if argv is None:
            print("no command line reads target %r" % args.target)
            return 1
        try:
            proc = subprocess.run(argv, capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print("hang: no exit after %s s: %s" % (args.timeout, argv))
            return 1
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        accepted = ".accepted." in os.path.basename(args.file)
        problems = []
        if accepted:
            if proc.returncode not in (0, 1):
                problems.append("exit %d, wanted 0 or 1" % proc.returncode)
            if err:
                problems.append("stderr not empty")
        else:
            # A configuration's and a scenario's problems name the line and
            # column too.
            prefix = ("mcp-cutover: error: %s:"
                      if args.target in ("config", "probe_scenario")
                      else "mcp-cutover: error: %s: ") % named
            if proc.returncode != 2:
                problems.append("exit %d, wanted 2" % proc.returncode)
            if out:
                problems.append("stdout not empty")
            if not (err.startswith(prefix) and err.endswith("\n")
                    and err.count("\n") == 1 and len(err) > len(prefix) + 1):
                problems.append("stderr is not one line starting %r" % prefix)
        if problems:
            print("%s: %s\nstdout: %r\nstderr: %r" % (
                args.file, "; ".join(problems), out[:500], err[:2000]))
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
