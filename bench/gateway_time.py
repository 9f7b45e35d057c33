#!/usr/bin/env python3
"""Wall time of `mcp-cutover check DIR` on proxy and load-balancer
configuration alone (no compilation database): the readers and the three
gateway rules.

    bench/gateway_time.py --binary build/mcp-cutover [--runs 5] [DIR ...]

Without DIR it times two sets: fixtures/gateway (fourteen small files of
every kind) and a generated one of the same kinds at the size limit's
scale (nginx, HAProxy, YAML, TOML and Terraform files of about 2 MiB each,
many upstreams, sections, documents, tables and blocks). Prints the median
and min of each, with bytes per second."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)


def generate(folder, target=2 << 20):
    """Writes one large file of each kind into `folder`."""
    parts = {
        "nginx.conf": ("http {\n", "}\n", lambda i:
                       "  upstream mcp_%d {\n    hash $http_mcp_session_id consistent;\n"
                       "    server 10.0.%d.1:8080;\n  }\n"
                       "  server {\n    location /mcp%d {\n"
                       "      add_header Access-Control-Allow-Headers \"Content-Type, Mcp-Session-Id\";\n"
                       "      proxy_pass http://mcp_%d;\n    }\n  }\n" % (i, i % 250, i, i)),
        "haproxy.cfg": ("global\n  maxconn 100\n", "", lambda i:
                        "frontend fe%d\n  bind :%d\n  acl is_mcp path_beg /mcp\n"
                        "  use_backend mcp%d if is_mcp\n"
                        "backend mcp%d\n  balance hdr(Mcp-Session-Id)\n"
                        "  server a%d 10.0.0.1:8080\n" % (i, 1000 + i % 60000, i, i, i)),
        "deploy.yaml": ("", "", lambda i:
                        "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: mcp-%d\n"
                        "spec:\n  sessionAffinity: ClientIP\n  ports:\n    - port: 8080\n" % i),
        "traefik.toml": ("", "", lambda i:
                         "[http.services.mcp%d.loadBalancer.sticky.cookie]\n  name = \"a%d\"\n"
                         "[[http.services.mcp%d.loadBalancer.servers]]\n  url = \"http://10.0.0.1/\"\n"
                         % (i, i, i)),
        "main.tf": ("", "", lambda i:
                    "resource \"aws_lb_target_group\" \"mcp%d\" {\n  port = 8080\n"
                    "  tags = { Name = \"mcp-${var.env}-%d\" }\n"
                    "  stickiness {\n    type = \"lb_cookie\"\n  }\n}\n" % (i, i)),
    }
    total = 0
    for name, (head, tail, block) in parts.items():
        text, i = [head], 0
        size = len(head)
        while size < target:
            b = block(i)
            text.append(b)
            size += len(b)
            i += 1
        text.append(tail)
        with open(os.path.join(folder, name), "w") as f:
            f.write("".join(text))
        total += size
    return total


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(d, f))
               for d, _, files in os.walk(folder) for f in files)


def time_one(binary, folder, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        r = subprocess.run([binary, "check", folder, "--root", folder,
                            "--color", "never", "--format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if r.returncode not in (0, 1):
            sys.exit("%s: exit %d: %s" % (folder, r.returncode, r.stderr.decode()[-500:]))
    return times


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("dirs", nargs="*")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as big:
        dirs = a.dirs
        if not dirs:
            generate(big)
            dirs = [os.path.join(SOURCE, "fixtures/gateway"), big]
        for d in dirs:
            t = time_one(os.path.abspath(a.binary), d, a.runs)
            size = folder_bytes(d)
            print("%-40s %8d bytes  median %.3f s  min %.3f s  %.1f MB/s" % (
                d if d != big else "generated (5 files)", size,
                statistics.median(t), min(t), size / min(t) / 1e6))


if __name__ == "__main__":
    main()
