#!/usr/bin/env bash
# make_trees.sh - write the labelled configuration files of this folder's
# label files into trees, from local git mirrors (the search tool's `fetch`
# layout, /work/.mirror/<owner>+<name>/repo, or $MIRROR_ROOT). Only the
# labelled files are written, at the labelled commit. Fetches nothing.
#
# Usage: bench/corpus/gateway/make_trees.sh [TREE_ROOT]   (default /tmp/realconf)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIRROR_ROOT="${MIRROR_ROOT:-/work/.mirror}"
TREES="${1:-/tmp/realconf}"
for label in "$HERE"/*__*.json; do
  base="$(basename "$label" .json)"
  python3 - "$label" "$MIRROR_ROOT" "$TREES/$base" <<'PY'
import json, os, subprocess, sys
label, mirrors, tree = sys.argv[1:]
doc = json.load(open(label))
git = os.path.join(mirrors, doc["repo"].replace("/", "+"), "repo")
for f in doc["files"]:
    out = os.path.join(tree, f["file"])
    os.makedirs(os.path.dirname(out), exist_ok=True)
    data = subprocess.run(["git", "--git-dir", git, "show",
                           "%s:%s" % (doc["commit"], f["file"])],
                          check=True, capture_output=True).stdout
    with open(out, "wb") as o:
        o.write(data)
print("%s: %d files" % (doc["repo"], len(doc["files"])))
PY
done
