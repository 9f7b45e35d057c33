#!/usr/bin/env python3
"""Runs mcp-cutover on the labelled proxy configuration files (one run per
repository, the files named with --gateway-config under their tree) and
prints recall and precision per rule, then every miss, false positive and
level that differs from the label."""
import json, os, subprocess, sys, glob
import argparse
p = argparse.ArgumentParser(description="Score the gateway rules (sticky-session-config, gateway-session-header, gateway-missing-header-routing) against the labels in this folder (trees from make_trees.sh).")
p.add_argument("--binary", required=True)
p.add_argument("--trees", default="/tmp/realconf")
A = p.parse_args()
binary = A.binary
tp = {}; fn = {}; fp = {}
details = []
for lf in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '*__*.json'))):
    lab = json.load(open(lf))
    owner = os.path.basename(lf)[:-5]
    tree = os.path.join(A.trees, owner)
    files = [f['file'] for f in lab['files']]
    paths = [os.path.join(tree, f) for f in files]
    args = [binary, 'check', '--root', tree, '--format', 'json', '-q']
    for p in paths: args += ['--gateway-config', p]
    args += [tree]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        print(owner, 'exit', r.returncode, r.stderr); continue
    out = json.loads(r.stdout)
    found = {(f['file'], f['line'], f['ruleId']): f for f in out['findings']}
    want = {}
    for f in lab['files']:
        for s in f['sites']:
            want[(f['file'], s['line'], s['rule'])] = s
    for k, s in want.items():
        rule = k[2]
        if k in found:
            tp[rule] = tp.get(rule, 0) + 1
            lvl = found[k]['level']
            if lvl != s['level']:
                details.append('LEVEL %s:%d %s want %s got %s' % (owner + '/' + k[0], k[1], rule, s['level'], lvl))
        else:
            fn[rule] = fn.get(rule, 0) + 1
            details.append('FN %s:%d %s (%s)' % (owner + '/' + k[0], k[1], rule, s.get('directive')))
    for k, f in found.items():
        if k not in want:
            fp[k[2]] = fp.get(k[2], 0) + 1
            details.append('FP %s:%d %s: %s' % (owner + '/' + k[0], k[1], k[2], f['message'][:100]))
    for c in out.get('configurationFiles', []):
        if c['status'] != 'complete':
            details.append('UNREAD %s %s' % (owner, c.get('error')))
for rule in sorted(set(tp) | set(fn) | set(fp)):
    t, n, p = tp.get(rule, 0), fn.get(rule, 0), fp.get(rule, 0)
    print('%-26s labelled %2d found %2d TP %2d FN %2d FP %2d recall %s precision %s' % (
        rule, t + n, t + p, t, n, p, '%d%%' % (100 * t // (t + n)) if t + n else '-',
        '%d%%' % (100 * t // (t + p)) if t + p else '-'))
print('\n'.join(details))
