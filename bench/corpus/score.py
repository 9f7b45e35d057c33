#!/usr/bin/env python3
"""Score mcp-cutover against the unseen-SDK corpus labels.

For each label file (``<owner>__<name>.json``, see FORMAT.md) whose checked-out
tree exists, run ``mcp-cutover check`` on the SDK's compilation database (or
read a previously saved JSON output) and compare what it reports with the
labels: recall and precision per rule, tool extraction and state
classification, over all SDKs and per SDK.

Matching (see README.md):

* Week 4 rules (session-id-header, initialize-handler, session-keyed-state)
  and the Week 2 method rules (removed-method, server-initiated-request,
  missing-server-discover; only where the label file labels them): same
  rule, same file (relative to the tree), same line. Tool findings are
  collapsed to distinct (rule, file, line) first, so two findings on one
  labelled line count once.
* handle-weak-entropy: against ``id_generators`` of class ``positive``; same
  file, line within +-LINE_TOLERANCE (exact lines first, then the nearest),
  because a label may sit on the minting function or statement while the
  tool reports the first weak source inside it. Generators of class
  ``negative`` are look-alikes; class ``note`` (undecided) is neither TP nor FP.
* Tools: a labelled tool is extracted when the tool's ``tools`` section lists
  the same kind and name (for resources the label's name or uri) in the same
  file; several candidates go to the nearest line. Stateful when its
  ``state`` list is not empty. ``session-bound-tool`` findings are matched to
  labelled tools by the name in their message and the file.

Only files under the label's ``scope`` and not under its ``excluded`` paths
count; the tool still analyses the whole database so that project-wide
linking sees every unit.

The script fetches nothing and runs nothing but the given binary.
"""

import argparse
import dataclasses
import fnmatch
import json
import os
import re
import subprocess
import sys
from pathlib import Path

WEEK4_RULES = ("session-id-header", "initialize-handler", "session-keyed-state")
# The protocol rules (Weeks 3, 2 and 1) matched as the Week 4 ones are;
# scored only on label files that label them (a finding or a negative of the
# rule), since older files predate them.
PROTOCOL_RULES = ("removed-method", "server-initiated-request", "missing-server-discover",
               "legacy-http-endpoints", "deprecated-logging", "deprecated-roots",
               "deprecated-sampling", "legacy-protocol-version", "client-initialize",
               "cacheable-result-fields", "header-validation-missing",
               "client-missing-routing-headers", "oauth-iss-unchecked",
               "dcr-application-type", "credentials-not-issuer-keyed",
               "scope-not-accumulated", "resume-from-session")
ENTROPY_RULE = "handle-weak-entropy"
BOUND_RULE = "session-bound-tool"
LINE_TOLERANCE = 2
LABEL_KEYS = ("repo", "tree", "build_dir", "scope", "findings", "tools")
COLUMNS = ("labelled", "found", "TP", "FN", "FP", "FP@neg", "recall", "precision")
ROW_TOOLS = "tools: extracted"
ROW_CLASS = "tools: stateful class"
ROW_AGREE = "tools: class agrees"
ROW_BOUND = "tools: session-bound flagged"
BOUND_MESSAGE = re.compile(r"^tool '(?P<name>.*?)' ")


@dataclasses.dataclass
class Tally:
    """Counts of one table row."""

    labelled: int = 0
    found: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    fp_neg: int = 0
    # A row whose FP column means nothing (side sub-rows, accuracy rows).
    no_fp: bool = False
    # A row with labelled negatives, whose FP@neg column means something.
    has_neg: bool = False

    def add(self, other):
        """Add another tally's counts to this one."""
        self.labelled += other.labelled
        self.found += other.found
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.fp_neg += other.fp_neg
        self.no_fp = self.no_fp and other.no_fp
        self.has_neg = self.has_neg or other.has_neg

    def recall(self):
        """TP / (TP + FN), or None when nothing is labelled."""
        total = self.tp + self.fn
        return self.tp / total if total else None

    def precision(self):
        """TP / (TP + FP), or None when undefined for this row."""
        total = self.tp + self.fp
        if self.no_fp or not total:
            return None
        return self.tp / total


@dataclasses.dataclass
class Miss:
    """One false negative or false positive, for --details."""

    row: str
    kind: str  # "FN", "FP", "FP@neg" or "note"
    file: str
    line: int
    text: str


@dataclasses.dataclass
class SdkScore:
    """Everything scored for one SDK."""

    name: str
    rows: dict
    misses: list
    units: dict
    broken_units: list


def parse_args(argv):
    """Parse the command line."""
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(
        description="Score mcp-cutover against the corpus labels "
        "(recall and precision per rule, tool extraction and classification)."
    )
    parser.add_argument(
        "labels",
        nargs="*",
        type=Path,
        help="label files (default: every label file next to this script)",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--binary",
        type=Path,
        help="mcp-cutover binary to run on each SDK whose tree exists",
    )
    source.add_argument(
        "--results",
        type=Path,
        help="folder of saved JSON outputs (<owner>__<name>.json) to score "
        "instead of running the binary",
    )
    parser.add_argument(
        "--save", type=Path, help="save each JSON output to this folder"
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=2, help="mcp-cutover -j (default 2)"
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=7200,
        help="seconds allowed per SDK run (default 7200)",
    )
    parser.add_argument("--details", action="store_true", help="list every FN and FP")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--min-recall",
        type=float,
        help="exit 1 if an overall row's recall is below this (0..1)",
    )
    parser.add_argument(
        "--min-precision",
        type=float,
        help="exit 1 if an overall row's precision is below this (0..1)",
    )
    args = parser.parse_args(argv)
    if not args.labels:
        args.labels = sorted(here.glob("*.json"))
    for path in args.labels:
        if not path.is_file():
            parser.error(f"no label file {path}")
    return args


def load_label(path):
    """Read a label file; None when the JSON is not a label file."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or not all(key in data for key in LABEL_KEYS):
        return None
    data.setdefault("negatives", [])
    data.setdefault("excluded", [])
    data.setdefault("id_generators", [])
    return data


def exclusion_patterns(label):
    """Path patterns from the label's free-text ``excluded`` entries.

    Each entry reads "<paths> (<reason>)"; the path-like words before the
    parenthesis (holding '/', '*' or a file extension) are taken: "dir/" is
    a folder, a word with '*' a glob, anything else a file or folder.
    """
    patterns = []
    for entry in label["excluded"]:
        head = entry.split("(", 1)[0]
        for word in re.split(r"[,;\s]+", head):
            if "/" in word or "*" in word or re.search(r"\.\w+$", word):
                patterns.append(word)
    return patterns


def path_matches(path, pattern):
    """Whether a root-relative path falls under one scope/exclusion pattern."""
    if "*" in pattern:
        return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(
            os.path.basename(path), pattern
        )
    if pattern.endswith("/"):
        return path.startswith(pattern)
    return path == pattern or path.startswith(pattern + "/")


def in_scope(path, label, excluded):
    """Whether a finding's file is labelled code of this SDK."""
    if not path or os.path.isabs(path):
        return False
    if not any(path_matches(path, scope) for scope in label["scope"]):
        return False
    return not any(path_matches(path, pattern) for pattern in excluded)


def sdk_name(label_path):
    """The ``<owner>__<name>`` stem that names results and rows."""
    return Path(label_path).stem


def checked_out_commit(tree):
    """The commit a git work tree has checked out, read from .git; or None."""
    git = Path(tree) / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head
        ref = head[len("ref: ") :]
        if (git / ref).is_file():
            return (git / ref).read_text(encoding="utf-8").strip()
        for line in (git / "packed-refs").read_text(encoding="utf-8").splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    except OSError:
        pass
    return None


def unusable_tree(label):
    """Why an SDK cannot be analysed here (missing tree or database), or ''."""
    tree = Path(label["tree"])
    if not tree.is_dir():
        return f"tree {tree} is missing"
    database = tree / label["build_dir"] / "compile_commands.json"
    if not database.is_file():
        return f"compilation database {database} is missing"
    commit = checked_out_commit(tree)
    if commit and label.get("commit") and commit != label["commit"]:
        print(
            f"warning: {tree} has {commit} checked out, the labels are for "
            f"{label['commit']}",
            file=sys.stderr,
        )
    return ""


def run_tool(binary, label, jobs, timeout):
    """Run mcp-cutover on one SDK; return (document or None, note)."""
    tree = Path(label["tree"])
    command = [
        str(binary),
        "check",
        "-p",
        str(tree / label["build_dir"]),
        "--root",
        str(tree),
        "--format",
        "json",
        "-j",
        str(jobs),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    for line in done.stderr.splitlines():
        print(f"  [{label['repo']}] {line}", file=sys.stderr)
    # 0: no findings at --fail-on, 1: findings; anything else is an error.
    if done.returncode not in (0, 1):
        return None, f"exit code {done.returncode}"
    try:
        return json.loads(done.stdout), ""
    except json.JSONDecodeError as error:
        return None, f"output is not JSON ({error})"


def load_result(folder, name):
    """Read a saved output; return (document or None, note)."""
    path = folder / f"{name}.json"
    if not path.is_file():
        return None, f"no saved result {path}"
    with open(path, encoding="utf-8") as handle:
        return json.load(handle), ""


def reported_sites(document, rule, scoped):
    """The tool's findings of one rule in scope, one per (file, line)."""
    found = {}
    for finding in document.get("findings", []):
        if finding.get("ruleId") == rule and scoped(finding.get("file")):
            found.setdefault((finding["file"], finding["line"]), finding)
    return found


def span_note(finding, label):
    """A note when a finding's span covers a labelled line it does not start on."""
    end = finding.get("endLine", finding["line"])
    if finding["file"] == label["file"] and finding["line"] < label["line"] <= end:
        return f"  [span {finding['line']}-{end} covers labelled line {label['line']}]"
    return ""


def match_lines(labels, found, tolerance):
    """Pair labelled and reported (file, line) keys one to one.

    Exact lines pair first, then the nearest line within ``tolerance`` in the
    same file. Returns (pairs, unmatched labels, unmatched found) as index
    lists into the inputs.
    """
    pairs = []
    free_labels = set(range(len(labels)))
    free_found = set(range(len(found)))
    candidates = []
    for i, (lfile, lline) in enumerate(labels):
        for j, (ffile, fline) in enumerate(found):
            if lfile == ffile and abs(lline - fline) <= tolerance:
                candidates.append((abs(lline - fline), i, j))
    for _, i, j in sorted(candidates):
        if i in free_labels and j in free_found:
            pairs.append((i, j))
            free_labels.discard(i)
            free_found.discard(j)
    return pairs, sorted(free_labels), sorted(free_found)


def score_sites(row, labelled, negatives, found, tolerance, misses):
    """Score one rule's sites.

    ``labelled`` and ``negatives`` are label dicts (file, line, why);
    ``found`` maps (file, line) to the tool's finding. Appends to ``misses``
    and returns the row's Tally. A miss whose line lies inside an unmatched
    finding's multi-line span is annotated, as it is a location disagreement
    rather than a missed site; it still counts as FN and FP.
    """
    found_keys = sorted(found)
    pairs, missed, extra = match_lines(
        [(x["file"], x["line"]) for x in labelled], found_keys, tolerance
    )
    tally = Tally(labelled=len(labelled), found=len(found_keys), has_neg=True)
    tally.tp = len(pairs)
    tally.fn = len(missed)
    tally.fp = len(extra)
    negative_at = {(x["file"], x["line"]): x for x in negatives}
    for i in missed:
        label = labelled[i]
        side = f"[{label['side']}] " if label.get("side") else ""
        notes = "".join(span_note(found[found_keys[j]], label) for j in extra)
        text = side + label["why"] + notes
        misses.append(Miss(row, "FN", label["file"], label["line"], text))
    for j in extra:
        key = found_keys[j]
        negative = None
        for delta in sorted(range(-tolerance, tolerance + 1), key=abs):
            negative = negative_at.get((key[0], key[1] + delta))
            if negative:
                break
        text = found[key].get("message", "")
        text += "".join(span_note(found[key], labelled[i]) for i in missed)
        if negative:
            tally.fp_neg += 1
            text += f"  [labelled negative: {negative['why']}]"
        kind = "FP@neg" if negative else "FP"
        misses.append(Miss(row, kind, key[0], key[1], text))
    return tally


def side_rows(rule, labelled, found):
    """Recall of one rule's labels split by the label's side (server/client)."""
    rows = {}
    sides = {"server", "client"} | {x["side"] for x in labelled if x.get("side")}
    for side in sorted(sides, key=lambda s: (s != "server", s)):
        subset = [x for x in labelled if x.get("side") == side]
        tally = Tally(labelled=len(subset), no_fp=True)
        for label in subset:
            if (label["file"], label["line"]) in found:
                tally.tp += 1
            else:
                tally.fn += 1
        tally.found = tally.tp
        rows[f"{rule} [{side}]"] = tally
    return rows


def tool_names(label):
    """The names a labelled tool may be listed under by mcp-cutover."""
    names = {label["name"]}
    if label.get("uri"):
        names.add(label["uri"])
    return names


def match_tools(labelled, listed):
    """Pair labelled tools with listed ones: same kind, name and file.

    Several candidates go to the nearest line. Returns (pairs, unmatched
    labelled, unmatched listed) as index lists.
    """
    candidates = []
    for i, label in enumerate(labelled):
        names = tool_names(label)
        for j, row in enumerate(listed):
            if (
                row.get("kind") == label["kind"]
                and row.get("name") in names
                and row.get("file") == label["file"]
            ):
                candidates.append((abs(row.get("line", 0) - label["line"]), i, j))
    pairs = []
    free_labels = set(range(len(labelled)))
    free_listed = set(range(len(listed)))
    for _, i, j in sorted(candidates):
        if i in free_labels and j in free_listed:
            pairs.append((i, j))
            free_labels.discard(i)
            free_listed.discard(j)
    return pairs, sorted(free_labels), sorted(free_listed)


def describe_tool(label):
    """A one-line description of a labelled tool for --details."""
    via = f" via {label['state_via']}" if label.get("state_via") else ""
    return (
        f"{label['kind']} '{label['name']}' ({label['state']}{via}; "
        f"{label.get('style', '')}): {label.get('why', '')}"
    )


def score_tools(label, document, scoped, misses):
    """Tool extraction, state classification and session-bound flags."""
    labelled = label["tools"]
    listed = [t for t in document.get("tools", []) if scoped(t.get("file"))]
    pairs, missed, extra = match_tools(labelled, listed)
    rows = {}

    extracted = Tally(labelled=len(labelled), found=len(listed))
    extracted.tp, extracted.fn, extracted.fp = len(pairs), len(missed), len(extra)
    rows[ROW_TOOLS] = extracted
    for i in missed:
        tool = labelled[i]
        misses.append(
            Miss(ROW_TOOLS, "FN", tool["file"], tool["line"], describe_tool(tool))
        )
    for j in extra:
        tool = listed[j]
        misses.append(
            Miss(
                ROW_TOOLS,
                "FP",
                tool["file"],
                tool["line"],
                f"{tool['kind']} '{tool['name']}' listed but not labelled",
            )
        )

    stateful = Tally()
    agree = Tally(labelled=len(pairs), found=len(pairs), no_fp=True)
    for i, j in pairs:
        said = bool(listed[j].get("state"))
        truth = labelled[i]["state"] == "stateful"
        stateful.labelled += truth
        stateful.found += said
        stateful.tp += truth and said
        stateful.fn += truth and not said
        stateful.fp += said and not truth
        if said == truth:
            agree.tp += 1
            continue
        agree.fn += 1
        tool = labelled[i]
        state = "; ".join(listed[j].get("state", [])) or "no state"
        misses.append(
            Miss(
                ROW_CLASS,
                "FN" if truth else "FP",
                tool["file"],
                tool["line"],
                f"{describe_tool(tool)}  [mcp-cutover: {state}]",
            )
        )
    rows[ROW_CLASS] = stateful
    rows[ROW_AGREE] = agree
    extracted_ids = {id(labelled[i]) for i, _ in pairs}
    rows[ROW_BOUND] = score_bound(label, document, scoped, extracted_ids, misses)
    return rows


def score_bound(label, document, scoped, extracted_ids, misses):
    """Which labelled tools get a session-bound-tool finding.

    A finding goes to the labelled tool (kind tool) of the same file whose
    name its message quotes, the nearest line first. TP: stateful tools
    flagged; FN: stateful tools not flagged; FP: stateless tools flagged
    (also counted in FP@neg: labelled stateless tools are this row's
    negatives) or findings on no labelled tool. ``extracted_ids`` holds the
    id() of the labelled tools that were extracted, to tell a tool missed
    by the state analysis from one never found.
    """
    tools = [t for t in label["tools"] if t["kind"] == "tool"]
    flags = []
    for finding in document.get("findings", []):
        if finding.get("ruleId") != BOUND_RULE or not scoped(finding.get("file")):
            continue
        match = BOUND_MESSAGE.match(finding.get("message", ""))
        flags.append((match.group("name") if match else None, finding))
    candidates = []
    for i, tool in enumerate(tools):
        for j, (name, finding) in enumerate(flags):
            if name == tool["name"] and finding["file"] == tool["file"]:
                candidates.append((abs(finding["line"] - tool["line"]), i, j))
    flagged = {}
    for _, i, j in sorted(candidates):
        if i not in flagged and j not in flagged.values():
            flagged[i] = j
    tally = Tally(
        labelled=sum(t["state"] == "stateful" for t in tools),
        found=len(flags),
        has_neg=True,
    )
    for i, tool in enumerate(tools):
        stateful = tool["state"] == "stateful"
        if stateful and i in flagged:
            tally.tp += 1
        elif stateful:
            tally.fn += 1
            text = describe_tool(tool)
            if id(tool) not in extracted_ids:
                text += "  [not extracted]"
            misses.append(Miss(ROW_BOUND, "FN", tool["file"], tool["line"], text))
        elif i in flagged:
            tally.fp += 1
            tally.fp_neg += 1
            message = flags[flagged[i]][1]["message"]
            misses.append(
                Miss(
                    ROW_BOUND,
                    "FP@neg",
                    tool["file"],
                    tool["line"],
                    f"{describe_tool(tool)}  [mcp-cutover: {message}]",
                )
            )
    for j, (_, finding) in enumerate(flags):
        if j not in flagged.values():
            tally.fp += 1
            misses.append(
                Miss(
                    ROW_BOUND,
                    "FP",
                    finding["file"],
                    finding["line"],
                    finding["message"] + "  [no labelled tool]",
                )
            )
    return tally


def unit_summary(document):
    """Counts of translation units by status, and the units not complete."""
    counts = {"complete": 0, "incomplete": 0, "failed": 0}
    broken = []
    for unit in document.get("translationUnits", []):
        status = unit.get("status", "?")
        counts[status] = counts.get(status, 0) + 1
        if status != "complete":
            broken.append(f"{unit.get('file')}: {status}: {unit.get('error', '')}")
    return counts, broken


def score_entropy(label, document, scoped, misses):
    """Score handle-weak-entropy against the labelled id generators.

    Positives must be reported and negatives must not; a finding on a
    generator of class "note" (left undecided by the labeller) is listed in
    the details but is neither a TP nor an FP.
    """
    found = reported_sites(document, ENTROPY_RULE, scoped)
    by_class = {"positive": [], "negative": [], "note": []}
    for generator in label["id_generators"]:
        why = f"{generator['source']}: {generator['reaches_client_and_returns']}"
        group = by_class.get(generator["class"], by_class["note"])
        group.append(dict(generator, why=why))
    notes = by_class["note"]
    keys = sorted(found)
    pairs, _, _ = match_lines(
        [(g["file"], g["line"]) for g in notes], keys, LINE_TOLERANCE
    )
    for i, j in pairs:
        file, line = keys[j]
        message = found.pop(keys[j]).get("message", "")
        text = f"{message}  [labelled note: {notes[i]['why']}]"
        misses.append(Miss(ENTROPY_RULE, "note", file, line, text))
    return score_sites(
        ENTROPY_RULE,
        by_class["positive"],
        by_class["negative"],
        found,
        LINE_TOLERANCE,
        misses,
    )


def score_sdk(name, label, document):
    """Score one SDK's output against its labels."""
    excluded = exclusion_patterns(label)

    def scoped(path):
        return in_scope(path, label, excluded)

    misses = []
    rows = {}
    labelled_rules = {x["rule"] for x in label["findings"] + label["negatives"]}
    for rule in WEEK4_RULES + tuple(r for r in PROTOCOL_RULES if r in labelled_rules):
        found = reported_sites(document, rule, scoped)
        labelled = [x for x in label["findings"] if x["rule"] == rule]
        negatives = [x for x in label["negatives"] if x["rule"] == rule]
        rows[rule] = score_sites(rule, labelled, negatives, found, 0, misses)
        rows.update(side_rows(rule, labelled, found))

    rows[ENTROPY_RULE] = score_entropy(label, document, scoped, misses)
    rows.update(score_tools(label, document, scoped, misses))
    counts, broken = unit_summary(document)
    return SdkScore(name, rows, misses, counts, broken)


def ratio(value):
    """A ratio as a percentage, or '-' when undefined."""
    return "-" if value is None else f"{100 * value:.0f}%"


def table_lines(rows, markdown):
    """Format (name, Tally) rows as aligned text or Markdown."""
    header = ("row",) + COLUMNS
    body = []
    for name, tally in rows:
        fp = "-" if tally.no_fp else str(tally.fp)
        fp_neg = str(tally.fp_neg) if tally.has_neg else "-"
        body.append(
            (
                name,
                str(tally.labelled),
                str(tally.found),
                str(tally.tp),
                str(tally.fn),
                fp,
                fp_neg,
                ratio(tally.recall()),
                ratio(tally.precision()),
            )
        )
    if markdown:
        lines = ["| " + " | ".join(header) + " |"]
        lines.append("| --- " + "| ---: " * len(COLUMNS) + "|")
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return lines
    widths = [max(len(r[k]) for r in [header] + body) for k in range(len(header))]
    lines = []
    for cells in [header] + body:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        lines.append("  ".join([first] + rest).rstrip())
    return lines


def overall_rows(scores):
    """Sum every SDK's rows, keeping the first SDK's row order."""
    total = {}
    for score in scores:
        for name, tally in score.rows.items():
            empty = Tally(no_fp=tally.no_fp, has_neg=tally.has_neg)
            total.setdefault(name, empty).add(tally)
    return total


def report(scores, skipped, args):
    """Print the overall table, the per-SDK tables and the details."""
    heading = "### " if args.markdown else "== "
    total = overall_rows(scores)
    print(f"{heading}All SDKs ({len(scores)} scored)")
    print()
    # Every main row, and the side sub-rows that have something in them.
    rows = [(n, t) for n, t in total.items() if "[" not in n or t.labelled or t.found]
    print("\n".join(table_lines(rows, args.markdown)))
    for score in scores:
        units = ", ".join(f"{n} {k}" for k, n in score.units.items() if n)
        print()
        print(f"{heading}{score.name} (translation units: {units})")
        print()
        rows = [(n, t) for n, t in score.rows.items() if t.labelled or t.found]
        print("\n".join(table_lines(rows, args.markdown)))
    for name, why in skipped:
        print()
        print(f"{heading}{name}: not scored ({why})")
    if args.details:
        print_details(scores, args.markdown)


def print_details(scores, markdown):
    """Print every FN and FP, and the units that did not parse cleanly."""
    heading = "#### " if markdown else "-- "
    bullet = "- " if markdown else "  "
    for score in scores:
        print()
        print(f"{heading}{score.name}: details")
        for row in score.rows:
            misses = [m for m in score.misses if m.row == row]
            if not misses:
                continue
            print()
            print(f"{row}:")
            for miss in sorted(misses, key=lambda m: (m.kind, m.file, m.line)):
                print(f"{bullet}{miss.kind} {miss.file}:{miss.line}: {miss.text}")
        if score.broken_units:
            print()
            print("translation units not complete:")
            for unit in score.broken_units:
                print(f"{bullet}{unit}")


def below_thresholds(scores, args):
    """Overall rows whose recall or precision is below the thresholds.

    The side sub-rows and "tools: class agrees" are breakdowns of other rows
    and are not checked.
    """
    failures = []
    for name, tally in overall_rows(scores).items():
        if name.endswith("]") or name == ROW_AGREE:
            continue
        recall, precision = tally.recall(), tally.precision()
        if args.min_recall is not None and recall is not None:
            if recall < args.min_recall:
                failures.append(f"{name}: recall {ratio(recall)}")
        if args.min_precision is not None and precision is not None:
            if precision < args.min_precision:
                failures.append(f"{name}: precision {ratio(precision)}")
    return failures


def main(argv=None):
    """Score every label file; return the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    scores = []
    skipped = []
    for path in args.labels:
        label = load_label(path)
        if label is None:
            continue
        name = sdk_name(path)
        if args.results:
            document, note = load_result(args.results, name)
        else:
            document, note = None, unusable_tree(label)
        if not args.results and not note:
            print(f"running on {name} ...", file=sys.stderr)
            document, note = run_tool(args.binary, label, args.jobs, args.timeout)
        if document is None:
            skipped.append((name, note))
            continue
        if args.save:
            with open(args.save / f"{name}.json", "w", encoding="utf-8") as handle:
                json.dump(document, handle, indent=1)
                handle.write("\n")
        scores.append(score_sdk(name, label, document))
    report(scores, skipped, args)
    failures = below_thresholds(scores, args)
    for failure in failures:
        print(f"below threshold: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
