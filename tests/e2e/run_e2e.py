#!/usr/bin/env python3
"""End-to-end tests of the mcp-cutover binary: exit codes, stderr, and the
exact bytes of the text, JSON and SARIF outputs (golden files in
tests/golden/). One ctest entry per case; `--update` rewrites the goldens,
which are then reviewed like code."""
import argparse
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree

CASES = {}


def case(subcommand):
    """Registers a case as SUBCOMMAND.NAME: the ctest entries are grouped by
    the subcommand they exercise (check, fix for check --fix, schema,
    report, rules)."""
    def register(fn):
        CASES[subcommand + "." + fn.__name__] = fn
        return fn
    return register


class Failure(Exception):
    pass


# The one line a check prints on stderr when it is not a terminal.
SUMMARY = re.compile(r"^mcp-cutover: analysed \d+ translation units? in \d+\.\d s"
                     r"(?:; [^\n]*)?\n", re.M)


def expect(cond, what):
    if not cond:
        raise Failure(what)


class Env:
    def __init__(self, binary, source_dir, update, multitool=None,
                 marker_plugin=None):
        self.binary = binary
        self.marker_plugin = marker_plugin
        self.source = source_dir
        self.multitool = multitool
        self.update = update
        self.tmp = tempfile.mkdtemp(prefix="mcp-cutover-e2e-")

    def run(self, *args, cwd=None, env=None):
        """Runs the binary; stderr comes back without the run's summary line
        (its time differs each run), which self.summaries keeps."""
        proc = subprocess.run([self.binary, *args], cwd=cwd or self.source,
                              capture_output=True, text=True, timeout=600,
                              env=None if env is None else {**os.environ, **env})
        self.summaries = SUMMARY.findall(proc.stderr)
        return proc.returncode, proc.stdout, SUMMARY.sub("", proc.stderr)

    def write(self, rel, text, mode="w"):
        path = os.path.join(self.tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(text)
        return path

    def golden(self, name, actual):
        path = os.path.join(self.source, "tests", "golden", name)
        if self.update:
            with open(path, "w") as f:
                f.write(actual)
            return
        with open(path) as f:
            wanted = f.read()
        if wanted != actual:
            import difflib
            diff = "".join(difflib.unified_diff(
                wanted.splitlines(True), actual.splitlines(True),
                "golden/" + name, "actual"))
            raise Failure("output differs from golden %s:\n%s" % (name, diff))


LEGACY = "fixtures/legacy-cart-server"
STATELESS = "fixtures/stateless-cart-server"
LEGACY_CLIENT = "fixtures/legacy-client"
STATELESS_CLIENT = "fixtures/stateless-client"


def fixture_args(env, *extra):
    # --root makes paths repository-relative wherever the checkout lives.
    return ["check", *extra, "--root", env.source, "--color", "never"]


@case("check")
def legacy_text_golden(env):
    code, out, err = env.run(*fixture_args(env, LEGACY))
    expect(code == 1, "exit code %d, wanted 1 (findings)" % code)
    env.golden("legacy-cart-server.txt", out)


@case("check")
def legacy_client_text_golden(env):
    # The client rules: the handshake sent first, the old version, POSTs
    # without the routing headers, the session id echoed.
    code, out, err = env.run(*fixture_args(env, LEGACY_CLIENT))
    expect(code == 1, "exit code %d, wanted 1 (findings)" % code)
    env.golden("legacy-client.txt", out)


@case("check")
def stateless_client_is_clean(env):
    # The migrated client: server/discover first, the routing headers and
    # _meta on every request, no session. No client rule may fire.
    code, out, err = env.run(*fixture_args(env, STATELESS_CLIENT, "--format", "json"))
    expect(code == 0, "exit code %d, wanted 0: %s" % (code, err))
    doc = json.loads(out)
    expect(doc["findings"] == [], "findings on the migrated client: %s" % doc["findings"])
    expect([u["file"] for u in doc["translationUnits"]] == [STATELESS_CLIENT + "/client.cpp"],
           "unexpected TUs %s" % doc["translationUnits"])


@case("check")
def legacy_json_golden(env):
    # The CI formats beside it: the same run, the same findings.
    junit, gitlab = os.path.join(env.tmp, "r.xml"), os.path.join(env.tmp, "r.json")
    code, out, err = env.run(*fixture_args(env, LEGACY, "--format", "json",
                                           "--junit", junit, "--gitlab", gitlab))
    expect(code == 1, "exit code %d, wanted 1" % code)
    expect(not out.lstrip().startswith("fixtures/"), "text mixed into JSON")
    json.loads(out)
    env.golden("legacy-cart-server.json", out)
    with open(junit) as f:
        text = f.read()
    xml.etree.ElementTree.fromstring(text)
    env.golden("legacy-cart-server.junit.xml", text)
    with open(gitlab) as f:
        text = f.read()
    issues = json.loads(text)
    expect(sorted(i["fingerprint"] for i in issues) ==
           sorted(f["fingerprint"] for f in json.loads(out)["findings"]),
           "the Code Quality report's findings are not the JSON's")
    env.golden("legacy-cart-server.gitlab.json", text)


@case("check")
def legacy_sarif_golden(env):
    # On a copy outside any git work tree: in a checkout the SARIF would carry
    # the checkout's revision (versionControlProvenance), which changes with
    # every commit. sarif_version_control_provenance tests that part.
    checkout = os.path.join(env.tmp, "checkout")
    shutil.copytree(os.path.join(env.source, LEGACY), os.path.join(checkout, LEGACY))
    sarif = os.path.join(env.tmp, "out.sarif")
    code, out, err = env.run("check", LEGACY, "--root", checkout, "--color", "never",
                             "--sarif", sarif, "--sarif-category", "cutover/legacy",
                             cwd=checkout)
    expect(code == 1, "exit code %d, wanted 1" % code)
    with open(sarif) as f:
        text = f.read()
    # The one machine-specific value: where the checkout is.
    root_uri = "file://" + os.path.realpath(checkout) + "/"
    expect(root_uri in text, "originalUriBaseIds does not name the root")
    env.golden("legacy-cart-server.sarif", text.replace(root_uri, "file:///ROOT/"))
    expect(out.endswith("29 findings (29 warnings) in 2 translation units and 1 configuration file\n"),
           "stdout is not the text report: %r" % out[-200:])


@case("check")
def progress_on_a_terminal_one_summary_line_otherwise(env):
    # Two small units, so the three runs take a second.
    env.write("progress/basket_store.cpp", "int store() { return 0; }\n")
    env.write("progress/server.cpp", "int serve() { return 1; }\n")
    args = ["check", os.path.join(env.tmp, "progress"), "--root", env.tmp, "--color",
            "never", "-j", "1"]
    # Not a terminal (a CI log): the summary line alone.
    proc = subprocess.run([env.binary, *args], cwd=env.source, capture_output=True,
                          text=True, timeout=600)
    expect(proc.returncode == 0 and SUMMARY.fullmatch(proc.stderr) and
           proc.stderr.startswith("mcp-cutover: analysed 2 translation units in "),
           "exit %d, stderr %r" % (proc.returncode, proc.stderr))
    # --quiet: nothing at all.
    code, out, err = env.run(*args, "--quiet")
    expect(code == 0 and err == "" and env.summaries == [],
           "--quiet: exit %d, stderr %r %r" % (code, err, env.summaries))
    # A terminal: the line is rewritten after each unit, then cleared.
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([env.binary, *args], cwd=env.source, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=follower, timeout=600)
        os.close(follower)
        follower = None
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child is gone and all was read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)
    text = seen.decode()
    live = re.fullmatch(r"\r\x1b\[K\[1/2\] basket_store\.cpp  0:0\d elapsed, ~\d+:\d\d left"
                        r"\r\x1b\[K\[2/2\] server\.cpp  0:0\d elapsed, ~0:00 left"
                        r"\r\x1b\[Kmcp-cutover: analysed 2 translation units in \d+\.\d s\r\n",
                        text)
    expect(proc.returncode == 0 and live, "terminal: exit %d, stderr %r" % (proc.returncode, text))


@case("check")
def stateless_is_clean(env):
    code, out, err = env.run(*fixture_args(env, STATELESS, "--format", "json"))
    expect(code == 0, "exit code %d, wanted 0: %s" % (code, err))
    doc = json.loads(out)
    expect(doc["findings"] == [], "findings on the stateless example: %s" % doc["findings"])
    expect(doc["executionSuccessful"] is True, "execution not successful")
    expect([u["file"] for u in doc["translationUnits"]] ==
           [STATELESS + "/basket_store.cpp", STATELESS + "/redis_store.cpp",
            STATELESS + "/server.cpp", STATELESS + "/sqlite_store.cpp"],
           "unexpected TUs %s" % doc["translationUnits"])


@case("check")
def compilation_database_and_parallel_runs_agree(env):
    entries = []
    for name in ("server.cpp", "session_store.cpp"):
        entries.append({"directory": os.path.join(env.source, LEGACY),
                        "file": name,
                        "arguments": ["c++", "-std=c++20", "-c", name, "-o", name + ".o"]})
    env.write("build/compile_commands.json", json.dumps(entries))
    base = ["check", "-p", os.path.join(env.tmp, "build"), "--root", env.source,
            "--format", "json"]
    code1, one, err1 = env.run(*base, "-j", "1")
    code2, two, err2 = env.run(*base, "-j", "2")
    expect(code1 == 1 and code2 == 1, "exit codes %d %d" % (code1, code2))
    expect(one == two, "-j 1 and -j 2 differ")
    with open(os.path.join(env.source, "tests/golden/legacy-cart-server.json")) as f:
        golden = json.load(f)
    # With no path, configuration is looked for under the whole root: the
    # other fixtures' deploy/ folders are found too.
    legacy = [f for f in json.loads(one)["findings"] if f["file"].startswith(LEGACY + "/")]
    expect(legacy == golden["findings"], "database run differs from the fixture golden")


@case("check")
def findings_do_not_depend_on_where_the_checkout_is(env):
    moved = os.path.join(env.tmp, "elsewhere", "checkout")
    shutil.copytree(os.path.join(env.source, LEGACY), os.path.join(moved, LEGACY))
    code, out, err = env.run("check", LEGACY, "--root", moved, "--format", "json",
                             cwd=moved)
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(os.path.join(env.source, "tests/golden/legacy-cart-server.json")) as f:
        golden = json.load(f)
    expect(json.loads(out)["findings"] == golden["findings"],
           "findings or fingerprints changed with the checkout path")


@case("check")
def malformed_database_is_a_tool_error(env):
    db = env.write("bad/compile_commands.json", '[{"directory": "/x", "file": ')
    code, out, err = env.run("check", "-p", os.path.dirname(db))
    expect(code == 2, "exit code %d, wanted 2" % code)
    expect(out == "", "stdout not empty: %r" % out)
    lines = err.splitlines()
    expect(len(lines) == 1, "stderr is not one line: %r" % err)
    expect(lines[0].startswith("mcp-cutover: error: %s: malformed compilation database: "
                               % os.path.realpath(db)), "stderr: %r" % err)


@case("check")
def hostile_input_is_one_line(env):
    # docs/limits.md: whatever the bytes, exit 2, one line naming the file,
    # nothing on stdout. Each of these once crashed, hung or was undefined.
    def refused(args, line):
        code, out, err = env.run(*args, cwd=env.tmp)
        expect(code == 2, "%s: exit code %d, wanted 2: %r" % (args, code, err))
        expect(out == "", "%s: stdout not empty: %r" % (args, out[:300]))
        expect(err == "mcp-cutover: error: %s\n" % line,
               "%s: stderr %r, wanted %r" % (args, err[:500], line))

    head = '{"tools":[{"name":"a","inputSchema":{"type":"object","maxLength":'
    tools = env.write("overflow.json", head + '1e999}}]}')
    refused(["schema", tools], "%s: not valid JSON: line 1, column %d: number "
            "out of range" % (os.path.realpath(tools), len(head) + 1))
    deep = env.write("deep.json", "[" * 513 + "]" * 513)
    refused(["schema", deep], "%s: not valid JSON: line 1, column 513: nested "
            "more than 512 levels deep" % os.path.realpath(deep))
    # Found by fuzz_json_document: a duplicate key holding a newline broke
    # the one-line error; the key is quoted JSON-escaped and cut to 80 bytes.
    dup = os.path.join(env.source, "tests", "fuzz", "regressions",
                       "json_document", "duplicate-key-with-newline.json")
    refused(["schema", dup], '%s: not valid JSON: line 1, column 1331: '
            'duplicate key "[Rop\xe9\ud66d\u0ed0tSchema/tion/prop\xe9\ud66d'
            '\u0ed0u00e9\ud66d\u0ed0=tSe;d0tSchema/tion/prop\xe9\ud66d\u0ed0..."'
            % dup)

    finding = {"ruleId": "session-id-header", "level": "warning", "file": "a.cpp",
               "line": 1e300, "column": 1, "endLine": 1, "endColumn": 2,
               "message": "m", "related": [], "fixes": [], "fingerprint": "f"}
    saved = env.write("float-line.json", json.dumps(
        {"schemaVersion": 1, "findings": [finding], "translationUnits": [],
         "tools": [], "rulesRun": []}))
    refused(["report", "--from", "float-line.json", "--root", env.tmp],
            "float-line.json: not a usable mcp-cutover result: 'line' must be "
            "a whole number from 0 to 1073741824")
    env.write("deep-result.json", '{"schemaVersion": 1, "findings": ' + "[" * 600)
    refused(["report", "--from", "deep-result.json", "--root", env.tmp],
            "deep-result.json: not a usable mcp-cutover result: nested more "
            "than 512 levels deep")

    env.write("a.cpp", "int main() { return 0; }\n")
    env.write("deep-profile.json", '{"profileVersion": 1, "x": ' + "[" * 50000)
    refused(["check", "--sdk-profile", "deep-profile.json", "--root", env.tmp,
             "a.cpp", "--"],
            "deep-profile.json: nested more than 512 levels deep")
    db = env.write("db/compile_commands.json", "[" * 600)
    refused(["check", "-p", "db", "--root", env.tmp],
            "%s: malformed compilation database: nested more than 512 levels "
            "deep" % os.path.realpath(db))


@case("schema")
def schema_subcommand_on_tool_files(env):
    contracts = os.path.join(env.source, "fixtures/tool-contracts")
    code, out, err = env.run("schema", "--root", contracts, "--color", "never",
                             os.path.join(contracts, "tools-good.json"))
    expect(code == 0, "good tools: exit code %d, wanted 0: %s" % (code, err))
    expect(out.endswith("0 findings in 0 translation units\n"), "stdout: %r" % out)
    code, out, err = env.run("schema", "--root", contracts, "--format", "json",
                             contracts)
    expect(code == 1, "folder: exit code %d, wanted 1: %s" % (code, err))
    doc = json.loads(out)
    expect(doc["summary"]["findings"] == 19, "findings: %r" % doc["summary"])
    expect(doc["summary"]["byRule"]["x-mcp-header-invalid"] == 9,
           "byRule: %r" % doc["summary"]["byRule"])
    expect([t["name"] for t in doc["tools"]][:2] == ["create_cart", "add_to_cart"],
           "tools: %r" % doc["tools"])


@case("schema")
def schema_subcommand_rejects_bad_files(env):
    bad = env.write("tools/broken.json", '{"tools": [\n  {"name": "x",}\n]}')
    code, out, err = env.run("schema", bad)
    expect(code == 2, "exit code %d, wanted 2" % code)
    expect(out == "", "stdout not empty: %r" % out)
    expect(err == "mcp-cutover: error: %s: not valid JSON: line 2, column 16: "
           "expected a string key\n" % os.path.realpath(bad), "stderr: %r" % err)
    binary = env.write("tools/binary.json", b"\x00\xff\x00", mode="wb")
    code, out, err = env.run("schema", binary)
    expect(code == 2 and err.startswith("mcp-cutover: error: %s: not valid JSON: "
                                        "line 1, column 2: not UTF-8 text"
                                        % os.path.realpath(binary)),
           "binary: %d %r" % (code, err))
    code, out, err = env.run("schema", "no/such.json")
    expect(code == 2 and err == "mcp-cutover: error: no/such.json: no such "
           "file or folder\n", "missing: %d %r" % (code, err))
    code, out, err = env.run("check", "--sdk-profile", bad, "--root", env.source,
                             os.path.join(env.source, LEGACY, "server.cpp"))
    expect(code == 2 and err.startswith("mcp-cutover: error: %s: not valid JSON"
                                        % bad), "profile: %d %r" % (code, err))


@case("check")
def tools_file_joins_the_cpp_facts(env):
    # The served contract of the legacy server, dumped from tools/list: the
    # C++ says add_item is session-bound; the file gets the JSON fix-it.
    dump = env.write("served/tools.json", json.dumps({"tools": [
        {"name": "add_item", "description": "Add an item.",
         "inputSchema": {"type": "object",
                         "properties": {"sku": {"type": "string"}},
                         "required": ["sku"]}}]}, indent=2))
    code, out, err = env.run(*fixture_args(env, os.path.join(env.source, LEGACY),
                                           "--tools", dump, "--format", "json",
                                           "--rules", "tool-missing-handle"))
    expect(code == 1, "exit code %d, wanted 1: %s" % (code, err))
    doc = json.loads(out)
    found = [(f["file"], f["line"], f["column"]) for f in doc["findings"]]
    expect(found == [(os.path.realpath(dump), 6, 22),
                     ("fixtures/legacy-cart-server/server.cpp", 51, 8)],
           "findings: %r" % found)
    fixes = doc["findings"][0]["fixes"]
    expect([f["replacement"] for f in fixes] == [
        ',\n          "cart_id": {"type": "string", "description": "Handle returned by the creation tool."}',
        ',\n          "cart_id"'], "fixes: %r" % fixes)


@case("check")
def missing_path_is_a_tool_error(env):
    code, out, err = env.run("check", "no/such/dir")
    expect(code == 2, "exit code %d" % code)
    expect(err == "mcp-cutover: error: no/such/dir: no such file or directory\n",
           "stderr: %r" % err)


@case("check")
def unknown_rule_is_a_tool_error(env):
    code, out, err = env.run("check", LEGACY, "--rules", "session-id-header,bogus")
    expect(code == 2, "exit code %d" % code)
    expect(err == "mcp-cutover: error: unknown rule 'bogus' (mcp-cutover rules lists them)\n",
           "stderr: %r" % err)


@case("check")
def bad_arguments_are_usage_errors(env):
    for args in (["check", "--format", "xml"], ["check", "-j", "0"], ["frobnicate"],
                 ["check", LEGACY, "--resource-dir", "/nonexistent"]):
        code, out, err = env.run(*args)
        expect(code == 2, "%s: exit code %d" % (args, code))
        expect(err.strip() != "", "%s: nothing on stderr" % args)


@case("check")
def rules_filter_and_fail_on(env):
    code, out, err = env.run(*fixture_args(env, LEGACY, "--format", "json",
                                           "--rules", "initialize-handler"))
    doc = json.loads(out)
    expect(code == 1, "exit code %d" % code)
    expect([f["ruleId"] for f in doc["findings"]] == ["initialize-handler"] * 2,
           "rule filter: %s" % [f["ruleId"] for f in doc["findings"]])
    code, out, err = env.run(*fixture_args(env, LEGACY, "--fail-on", "error"))
    expect(code == 0, "--fail-on error with only warnings: exit %d" % code)
    code, out, err = env.run(*fixture_args(env, LEGACY, "--fail-on", "note"))
    expect(code == 1, "--fail-on note: exit %d" % code)


SUPPRESSED_SOURCE = """#include <string>
struct Response { void set_header(const std::string &, const std::string &) {} };
void a(Response &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id); // NOLINT(session-id-header): proxied v1 clients
}
void b(Response &res, const std::string &id) {
  // mcp-cutover: ignore session-*,sesion-id-header kept until March
  res.set_header("Mcp-Session-Id", id);
}
void c(Response &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id); // NOLINT
}
"""


@case("check")
def suppressions_in_every_output(env):
    repo = git_repo(env, "suppressed", {"src/server.cpp": SUPPRESSED_SOURCE})
    sarif = os.path.join(repo, "out.sarif")
    code, out, err = env.run("check", "src", "--root", repo, "--color", "never",
                             "--rules", "session-id-header", "--sarif", sarif,
                             cwd=repo)
    # c() stays: a bare NOLINT is clang-tidy's. The typo is a warning, which
    # counts like a warning finding.
    expect(code == 1, "exit %d: %s" % (code, err))
    expect(err == "%s/src/server.cpp:7:6: warning: unknown rule \"sesion-id-header\" "
                  "in 'mcp-cutover: ignore' (mcp-cutover rules lists them); it "
                  "suppresses nothing\n" % repo, "stderr: %r" % err)
    expect(out.count("[session-id-header]") == 1 and
           out.startswith("src/server.cpp:11:18: warning: ") and
           out.endswith("1 finding (1 warning) in 1 translation unit; "
                        "2 suppressed in the source\n"), "stdout: %r" % out)
    with open(sarif) as f:
        run = json.load(f)["runs"][0]
    got = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r.get("suppressions")) for r in run["results"]]
    uri = {"uri": "src/server.cpp", "uriBaseId": "%SRCROOT%"}
    expect(got == [
        (11, None),
        (4, [{"kind": "inSource",
              "location": {"physicalLocation": {
                  "artifactLocation": uri,
                  "region": {"startLine": 4, "startColumn": 44, "endLine": 4,
                             "endColumn": 50,
                             "snippet": {"text": "  res.set_header(\"Mcp-Session-Id\", id); "
                                                 "// NOLINT(session-id-header): proxied v1 clients"}}}},
              "justification": "proxied v1 clients"}]),
        (8, [{"kind": "inSource",
              "location": {"physicalLocation": {
                  "artifactLocation": uri,
                  "region": {"startLine": 7, "startColumn": 6, "endLine": 7,
                             "endColumn": 18,
                             "snippet": {"text": "  // mcp-cutover: ignore session-*,sesion-id-header "
                                                 "kept until March"}}}},
              "justification": "kept until March"}])], "SARIF results: %s" % got)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    expect([(n["level"], n["message"]["text"]) for n in notes] ==
           [("warning", "unknown rule \"sesion-id-header\" in 'mcp-cutover: ignore' "
                        "(mcp-cutover rules lists them); it suppresses nothing")],
           "notifications: %s" % notes)
    expect_only_accepted_notes(multitool_findings(env, sarif), 3, RULES)
    code, out, _ = env.run("check", "src", "--root", repo, "--format", "json",
                           "--rules", "session-id-header", cwd=repo)
    doc = json.loads(out)
    expect([f["line"] for f in doc["findings"]] == [11] and
           [(f["line"], f["suppression"]["line"], f["suppression"]["justification"])
            for f in doc["suppressed"]] == [(4, 4, "proxied v1 clients"),
                                             (8, 7, "kept until March")] and
           doc["summary"]["findings"] == 1 and doc["summary"]["suppressed"] == 2,
           "JSON: %s" % out)
    # The directive on the line does not change the finding's fingerprint.
    env.write("suppressed/src/server.cpp",
              SUPPRESSED_SOURCE.replace(" // NOLINT(session-id-header): proxied v1 clients", ""))
    _, out, _ = env.run("check", "src", "--root", repo, "--format", "json",
                        "--rules", "session-id-header", cwd=repo)
    plain = {f["line"]: f["fingerprint"] for f in json.loads(out)["findings"]}
    expect(plain[4] == doc["suppressed"][0]["fingerprint"],
           "fingerprint changed: %s vs %s" % (plain, doc["suppressed"][0]))
    env.write("suppressed/src/server.cpp", SUPPRESSED_SOURCE)
    # Only accepted findings: the gate passes.
    accepted = SUPPRESSED_SOURCE[:SUPPRESSED_SOURCE.index("void c(")].replace(
        ",sesion-id-header", "")
    env.write("suppressed/src/accepted.cpp", accepted)
    code, out, err = env.run("check", "src/accepted.cpp", "--root", repo,
                             "--rules", "session-id-header", cwd=repo)
    expect(code == 0, "exit %d: %s" % (code, err))
    expect(out == "0 findings in 1 translation unit; 2 suppressed in the source\n",
           "stdout: %r" % out)


@case("check")
def unmatched_nolint_region_is_an_error_and_hides_nothing(env):
    repo = git_repo(env, "unmatched", {"src/server.cpp": (
        "#include <string>\n"
        "struct Response { void set_header(const std::string &, const std::string &) {} };\n"
        "// NOLINTBEGIN(session-id-header): never closed\n"
        "void a(Response &res, const std::string &id) {\n"
        "  res.set_header(\"Mcp-Session-Id\", id);\n"
        "}\n")})
    code, out, err = env.run("check", "src", "--root", repo, "--color", "never",
                             "--rules", "session-id-header", "--fail-on", "error",
                             cwd=repo)
    expect(code == 1, "an unmatched region fails even --fail-on error: %d" % code)
    expect(err == "%s/src/server.cpp:3:4: error: NOLINTBEGIN(session-id-header) has no "
                  "NOLINTEND(session-id-header) after it; it suppresses nothing, so "
                  "its findings are reported\n" % repo, "stderr: %r" % err)
    expect(out.startswith("src/server.cpp:5:18: warning: ") and
           out.endswith("1 finding (1 warning) in 1 translation unit\n"),
           "stdout: %r" % out)


BASELINE_HEAD = """#include <string>
struct Response { void set_header(const std::string &, const std::string &) {} };
"""
BASELINE_A = """void a(Response &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id);
}
"""
BASELINE_B = """void b(Response &res, const std::string &id) {
  res.set_header("mcp-session-id", id);
}
"""
BASELINE_C = """void c(Response &res, const std::string &id) {
  res.set_header("MCP-SESSION-ID", id);
}
"""


@case("check")
def baseline_reports_only_new_findings(env):
    repo = git_repo(env, "based", {"src/server.cpp": BASELINE_HEAD + BASELINE_A + BASELINE_B})
    args = ("check", "src", "--root", repo, "--color", "never", "--rules",
            "session-id-header")
    base_json = os.path.join(env.tmp, "base.json")
    base_sarif = os.path.join(env.tmp, "base.sarif")
    code, _, err = env.run(*args, "--json", base_json, "--sarif", base_sarif, cwd=repo)
    expect(code == 1, "baseline run: exit %d: %s" % (code, err))
    # Code moves down (a comment above), b() is fixed, c() is new.
    env.write("based/src/server.cpp",
              BASELINE_HEAD + "// moved\n// down\n" + BASELINE_A + BASELINE_C)
    for base in (base_json, base_sarif):
        out_sarif = os.path.join(env.tmp, "new.sarif")
        code, out, err = env.run(*args, "--baseline", base, "--sarif", out_sarif,
                                 cwd=repo)
        expect(code == 1, "%s: exit %d: %s" % (base, code, err))
        expect(out.count("[session-id-header]") == 1 and
               out.startswith("src/server.cpp:9:18: warning: ") and
               out.endswith("1 new finding (1 warning) in 1 translation unit; "
                            "1 unchanged and 1 fixed since the baseline\n"),
               "%s: stdout: %r" % (base, out))
        with open(out_sarif) as f:
            results = json.load(f)["runs"][0]["results"]
        got = [(r["baselineState"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in results]
        expect(got == [("unchanged", 6), ("new", 9)],
               "%s: SARIF baselineState: %s" % (base, got))
        expect_only_accepted_notes(multitool_findings(env, out_sarif), 2, RULES)
    code, out, _ = env.run(*args, "--baseline", base_json, "--format", "json", cwd=repo)
    doc = json.loads(out)
    expect([(f["line"], f["baselineState"]) for f in doc["findings"]] ==
           [(6, "unchanged"), (9, "new")] and
           [(f["line"], f["baselineState"]) for f in doc["fixed"]] == [(7, "absent")] and
           doc["summary"]["baseline"] == {"new": 1, "unchanged": 1, "fixed": 1},
           "JSON: %s" % out)
    # Only moved code: nothing new, the gate passes.
    env.write("based/src/server.cpp",
              BASELINE_HEAD + "\n\n" + BASELINE_A + BASELINE_B)
    code, out, _ = env.run(*args, "--baseline", base_json, cwd=repo)
    expect(code == 0 and out == "0 new findings in 1 translation unit; "
                                "2 unchanged and 0 fixed since the baseline\n",
           "moved only: exit %d, %r" % (code, out))


@case("check")
def unusable_baseline_is_one_line_and_writes_nothing(env):
    repo = git_repo(env, "badbase", {"src/server.cpp": BASELINE_HEAD + BASELINE_A})
    bad = env.write("bad.json", "{\"runs\": 3}")
    out_json = os.path.join(env.tmp, "never.json")
    for path, why in ((bad, "not a usable SARIF baseline: 'runs' must be an array"),
                      (os.path.join(env.tmp, "none.json"), None)):
        code, out, err = env.run("check", "src", "--root", repo, "--baseline", path,
                                 "--json", out_json, cwd=repo)
        expect(code == 2 and out == "" and not os.path.exists(out_json),
               "%s: exit %d, stdout %r" % (path, code, out))
        expect(err.count("\n") == 1 and
               err.startswith("mcp-cutover: error: --baseline %s: " % path) and
               (why is None or err.endswith(why + "\n")), "stderr: %r" % err)


@case("check")
def builtin_headers_resolve_for_the_installed_binary(env):
    src = env.write("builtin/uses_builtins.cpp",
                    "#include <cstddef>\n#include <stddef.h>\n#include <stdint.h>\n"
                    "struct P { int a; int b; };\n"
                    "std::size_t off = offsetof(P, b);\nint32_t v = 0;\n")
    code, out, err = env.run("check", src, "--root", env.tmp, cwd=env.tmp)
    expect(code == 0, "exit %d: %s" % (code, err))
    expect(err == "", "stderr: %r" % err)
    expect(out == "0 findings in 1 translation unit\n", "stdout: %r" % out)


@case("check")
def broken_translation_unit_is_reported_and_partially_analysed(env):
    env.write("broken/ok.cpp", "int fine = 1;\n")
    env.write("broken/bad.cpp",
              '#include <string>\n#include "not_there.h"\n'
              'std::string echo(std::string &h) { h = "Mcp-Session-Id"; return h; }\n'
              'const char *k = "Mcp-Session-Id";\n')
    sarif = os.path.join(env.tmp, "broken.sarif")
    code, out, err = env.run("check", "broken", "--root", env.tmp, "--sarif", sarif,
                             "--color", "never", cwd=env.tmp)
    expect(code == 1, "exit %d" % code)
    expect(err == "mcp-cutover: warning: broken/bad.cpp: incomplete analysis, first "
                  "error: broken/bad.cpp:2:10: 'not_there.h' file not found\n",
           "stderr: %r" % err)
    expect("broken/bad.cpp:4:13: warning: 'k' names the legacy session header" in out,
           "finding in the partial TU missing: %r" % out)
    expect(out.endswith("in 2 translation units (1 incomplete, 0 not analysed)\n"),
           "summary: %r" % out[-120:])
    with open(sarif) as f:
        doc = json.load(f)
    inv = doc["runs"][0]["invocations"][0]
    expect(inv["executionSuccessful"] is False, "executionSuccessful is true")
    note = inv["toolExecutionNotifications"][0]
    expect(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
           "broken/bad.cpp", "notification location: %s" % note)


@case("check")
def a_clang_crash_in_one_unit_spares_the_others(env):
    env.write("crash/a_crashes.cpp", "#pragma clang __debug crash\n")
    env.write("crash/b_fine.cpp", 'const char *k = "Mcp-Session-Id";\n')
    code, out, err = env.run("check", "crash", "--root", env.tmp, "-j", "2",
                             "--format", "json", cwd=env.tmp)
    expect(code == 1, "exit %d: %s" % (code, err))
    doc = json.loads(out)
    expect([(u["file"], u["status"]) for u in doc["translationUnits"]] ==
           [("crash/a_crashes.cpp", "failed"), ("crash/b_fine.cpp", "complete")],
           "units: %s" % doc["translationUnits"])
    expect(doc["translationUnits"][0]["error"] ==
           "crash/a_crashes.cpp: clang crashed while parsing this unit; "
           "the other units are unaffected", "error: %s" % doc["translationUnits"][0])
    expect([f["file"] for f in doc["findings"]] == ["crash/b_fine.cpp"],
           "findings: %s" % doc["findings"])


REPRO_CHRONO_LITERAL = """#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
using namespace std::chrono_literals;
namespace mcp {
inline constexpr std::string_view method_initialize = "initialize";
struct Session {
  std::future<int> send_request(std::string method, int payload,
                                std::chrono::milliseconds timeout = 30s);
};
} // namespace mcp
void client() {
  auto session = std::make_unique<mcp::Session>();
  auto f = session->send_request(std::string{mcp::method_initialize}, 1, 5s);
}
bool is_handshake(std::string_view m) { return m == mcp::method_initialize; }
"""


@case("check")
def chrono_literal_beside_a_method_constant_is_analysed(env):
    # Issue 17: this unit was "not analysed: clang crashed"; its findings are
    # kept: the client's send_request of initialize (client side, issue 11;
    # client-initialize, issue 12) and the comparison (server side).
    env.write("udl/repro.cpp", REPRO_CHRONO_LITERAL)
    code, out, err = env.run("check", "udl/repro.cpp", "--root", env.tmp,
                             "--format", "json", "--", "-std=c++20", cwd=env.tmp)
    expect(code == 1, "exit %d: %s" % (code, err))
    expect(err == "", "stderr: %r" % err)
    doc = json.loads(out)
    expect([(u["file"], u["status"]) for u in doc["translationUnits"]] ==
           [("udl/repro.cpp", "complete")], "units: %s" % doc["translationUnits"])
    expect([(f["ruleId"], f["line"], f["column"]) for f in doc["findings"]] ==
           [("client-initialize", 16, 46), ("initialize-handler", 16, 46),
            ("initialize-handler", 18, 53)],
           "findings: %s" % doc["findings"])
    expect(doc["findings"][1]["message"].startswith(
        "sends the legacy 'initialize' request (client side)"),
        "client message: %s" % doc["findings"][0]["message"])


@case("check")
def nothing_analysable_is_a_tool_error(env):
    env.write("bin/blob.cpp", "\x7fELF\x00\x00\x01", "w")
    code, out, err = env.run("check", "bin", "--root", env.tmp, cwd=env.tmp)
    expect(code == 2, "exit %d" % code)
    expect(err == "mcp-cutover: error: bin/blob.cpp: not analysed: bin/blob.cpp: "
                  "binary file, not C++ source\n"
                  "mcp-cutover: error: no translation unit could be analysed\n",
           "stderr: %r" % err)


@case("check")
def gateway_configuration_without_a_database(env):
    # `check deploy/`: nginx, HAProxy, Kubernetes, Envoy, Traefik TOML,
    # Terraform and CloudFormation JSON, no C++ and no compilation database;
    # the clean files give nothing.
    code, out, err = env.run(*fixture_args(env, "fixtures/gateway"))
    expect(code == 1, "exit code %d, wanted 1 (findings)" % code)
    expect(err == "mcp-cutover: note: no C++ under fixtures/gateway: only proxy "
                  "configuration is checked\n", "stderr: %r" % err)
    env.golden("gateway.txt", out)
    clean = sorted("fixtures/gateway/" + f
                   for f in os.listdir(os.path.join(env.source, "fixtures/gateway"))
                   if "-clean." in f)
    expect(len(clean) == 7, "clean fixtures: %s" % clean)
    code, out, err = env.run(*fixture_args(env, *clean))
    expect(code == 0, "clean files: exit code %d: %s" % (code, out))
    expect(out == "0 findings in 7 configuration files\n", "clean files: %r" % out)
    # --gateway-config takes one file per use: the path after it stays a path.
    code, out, err = env.run(*fixture_args(env, "--gateway-config",
                                           "fixtures/gateway/nginx-clean.conf",
                                           "fixtures/gateway/haproxy-clean.cfg"))
    expect(code == 0 and out == "0 findings in 2 configuration files\n",
           "--gateway-config then a path: %d %r %r" % (code, out, err))
    # Named alone, where no compilation database is found upward.
    code, out, err = env.run("check", "--gateway-config",
                             os.path.join(env.source, "fixtures/gateway/haproxy-sticky.cfg"),
                             "--root", env.source, "--color", "never", "--format", "json",
                             cwd=env.tmp)
    expect(code == 1, "named alone: exit %d: %s" % (code, err))
    expect(err == "mcp-cutover: note: no compile_commands.json found and no path named: "
                  "only proxy configuration is checked\n", "named alone: %r" % err)
    expect([f["file"] for f in json.loads(out)["configurationFiles"]] ==
           ["fixtures/gateway/haproxy-sticky.cfg"], "named alone: %s" % out[-300:])


@case("check")
def unreadable_configuration_is_one_line_per_file(env):
    env.write("deploy/nginx.conf", "upstream mcp {\n    ip_hash;\n", "w")
    env.write("deploy/haproxy.cfg", "backend x\n\x00\x01", "w")
    env.write("deploy/lb.cfg", "backend mcp\n    balance source\n", "w")
    code, out, err = env.run("check", "deploy", "--root", env.tmp, "--color", "never",
                             cwd=env.tmp)
    # One file was read: its finding stands, the others are named.
    expect(code == 1, "exit %d" % code)
    expect(err == "mcp-cutover: note: no C++ under deploy: only proxy configuration "
                  "is checked\n"
                  "mcp-cutover: error: deploy/haproxy.cfg: binary file (NUL bytes), not "
                  "read as configuration; not checked\n"
                  "mcp-cutover: error: deploy/nginx.conf:1:1: block \"upstream\" has no "
                  "\"}\" before the end of the file (nginx configuration); not checked\n",
           "stderr: %r" % err)
    expect(out.endswith("1 finding (1 warning) in 3 configuration files (2 not read)\n"),
           "stdout: %r" % out)
    os.remove(os.path.join(env.tmp, "deploy/lb.cfg"))
    code, out, err = env.run("check", "deploy", "--root", env.tmp, cwd=env.tmp)
    expect(code == 2, "nothing read: exit %d" % code)
    expect(err.endswith("mcp-cutover: error: no configuration file could be read\n"),
           "nothing read: stderr %r" % err)


@case("check")
def output_files_are_written_whole_or_not_at_all(env):
    target = os.path.join(env.tmp, "missing-dir", "out.json")
    code, out, err = env.run("check", LEGACY, "--json", target)
    expect(code == 2, "exit %d" % code)
    expect(err == "mcp-cutover: error: %s: folder %s does not exist\n"
           % (target, os.path.dirname(target)), "stderr: %r" % err)
    expect(out == "", "analysis ran before the output was checked")
    existing = env.write("out/report.json", "old contents")
    code, out, err = env.run(*fixture_args(env, LEGACY, "--json", existing))
    expect(code == 1, "exit %d" % code)
    with open(existing) as f:
        json.load(f)
    expect(os.listdir(os.path.dirname(existing)) == ["report.json"],
           "temporary files left: %s" % os.listdir(os.path.dirname(existing)))


@case("rules")
def rules_list_comes_from_the_catalog(env):
    with open(os.path.join(env.source, "rules/catalog.json")) as f:
        catalog = json.load(f)
    code, out, err = env.run("rules", "--format", "json")
    expect(code == 0, "exit %d" % code)
    listed = json.loads(out)["rules"]
    expect([r["id"] for r in listed] == [r["id"] for r in catalog["rules"]], "ids differ")
    expect(all(r["spec"] for r in listed), "a rule cites no spec")
    expect([r["scope"] for r in listed] ==
           [r.get("scope", "unit") for r in catalog["rules"]], "scopes differ")
    code, text, err = env.run("--list-rules")
    expect(code == 0 and text.startswith("session-id-header  [week 4, warning]\n"),
           "--list-rules: %r" % text[:80])



# --- The cutover report ------------------------------------------------------

REPORT_DAY = "2026-07-10"  # in Week 3: some weeks over, one current
LINK_BASE = "https://github.com/example/shop/blob/0123abc"
REPORT_FORMATS = {"text": "txt", "markdown": "md", "html": "html"}


def report_args(env, fixture, *extra):
    # The fixture is the project: paths and the title do not depend on
    # where the checkout is.
    return ["report", fixture, "--root", os.path.join(env.source, fixture),
            "--today", REPORT_DAY, "--link-base", LINK_BASE, "--color",
            "never", *extra]


def report_goldens(env, fixture, name):
    for fmt, ext in REPORT_FORMATS.items():
        code, out, err = env.run(*report_args(env, fixture, "--format", fmt))
        expect(code == 0, "%s: exit code %d: %s" % (fmt, code, err))
        expect(err == "", "%s: stderr: %s" % (fmt, err))
        env.golden("report-%s.%s" % (name, ext), out)


@case("report")
def report_legacy_goldens(env):
    report_goldens(env, LEGACY, "legacy-cart-server")


@case("report")
def report_stateless_goldens(env):
    report_goldens(env, STATELESS, "stateless-cart-server")


@case("report")
def report_from_saved_json_is_byte_identical(env):
    saved = os.path.join(env.tmp, "saved.json")
    code, _, err = env.run("check", LEGACY, "--root",
                           os.path.join(env.source, LEGACY), "--json", saved)
    expect(code == 1, "check exit %d: %s" % (code, err))
    for fmt in REPORT_FORMATS:
        code, direct, err = env.run(*report_args(env, LEGACY, "--format", fmt))
        expect(code == 0, err)
        args = report_args(env, LEGACY, "--format", fmt)
        args.remove(LEGACY)
        code, again, err = env.run(*args, "--from", saved)
        expect(code == 0, "--from exit %d: %s" % (code, err))
        expect(again == direct, "%s: --from differs from a fresh run" % fmt)
        out = os.path.join(env.tmp, "report." + fmt)
        code, stdout, err = env.run(*args, "--from", saved, "-o", out)
        expect(code == 0 and stdout == "", "-o: exit %d, stdout %r" % (code, stdout))
        with open(out) as f:
            expect(f.read() == direct, "%s: -o differs from stdout" % fmt)


@case("report")
def report_places_today_in_the_plan(env):
    def first_line_after_title(today):
        args = report_args(env, LEGACY)
        args[args.index("--today") + 1] = today
        code, out, err = env.run(*args)
        expect(code == 0, err)
        return out, out.splitlines()[1]
    _, line = first_line_after_title("2026-06-01")
    expect(line == "The plan starts on 2026-06-30, 29 days from today; GA is "
           "2026-07-28.", line)
    _, line = first_line_after_title("2026-07-28")
    expect(line == "This is GA week: MCP 2026-07-28 went final on 2026-07-28.",
           line)
    out, line = first_line_after_title("2026-11-21")
    expect(line == "GA was 116 days ago (2026-07-28): every open item is past "
           "due; open work is listed by risk first.", line)
    risk = out.split("Open work by risk (GA has passed)\n")[1].split("\n\n")[0]
    rules = [l.rsplit("[", 1)[1].rstrip("]") for l in risk.splitlines()]
    expect(len(rules) == 29, "by risk lists %d findings" % len(rules))
    # Week 4 (inventory) work first, then Week 3.
    expect(rules.index("tool-missing-handle") > rules.index("session-bound-tool"),
           "risk order: %s" % rules)
    code, out, err = env.run(*report_args(env, LEGACY), "--ga-date", "2026-12-01")
    expect(out.splitlines()[1].startswith("The plan starts on 2026-11-03"),
           out.splitlines()[1])


@case("report")
def report_rejects_bad_inputs(env):
    for args, wanted in [
            (["--today", "2026-02-30"], "--today takes a date as YYYY-MM-DD, not '2026-02-30'"),
            (["--ga-date", "July 28"], "--ga-date takes a date as YYYY-MM-DD, not 'July 28'"),
            (["--from", "missing.json"], "missing.json: cannot read: No such file or directory"),
            (["--from", env.write("broken.json", '{"findings": [')], "broken.json: not valid JSON"),
            (["--from", env.write("other.json", '{"version": 3}')],
             "other.json: not a usable mcp-cutover result: not a result of 'mcp-cutover check --json' (schemaVersion 1)"),
            (["--from", env.write("partial.json", '{"schemaVersion": 1, "findings": [{"ruleId": "x"}]}')],
             "partial.json: not a usable mcp-cutover result: key 'level' not found"),
            ([LEGACY, "--from", "x.json"], "--from renders a saved result: it takes no sources, -p or --tools"),
            ([LEGACY, "--rules", "no-such-rule"], "unknown rule 'no-such-rule' (mcp-cutover rules lists them)"),
            ([LEGACY, "-o", "/nonexistent/dir/report.md"], "/nonexistent/dir/report.md"),
    ]:
        code, out, err = env.run("report", *args, cwd=env.tmp)
        expect(code == 2, "%s: exit %d, wanted 2" % (args, code))
        expect(out == "", "%s: stdout %r" % (args, out))
        lines = err.splitlines()
        expect(len(lines) == 1 and lines[0].startswith("mcp-cutover: error: ")
               and wanted in lines[0], "%s: stderr %r" % (args, err))


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


@case("report")
def report_html_renders_in_chromium(env):
    """The HTML report in a real browser: the week headings and a finding's
    repository link are in the DOM; no script is needed for any of it; a
    screenshot is taken (copied to $MCP_CUTOVER_SCREENSHOT when set, which is
    how docs/report-html.png is made)."""
    html = os.path.join(env.tmp, "report.html")
    code, _, err = env.run(*report_args(env, LEGACY, "--format", "html", "-o", html))
    expect(code == 0, err)
    with open(html) as f:
        text = f.read()
    expect("<script" not in text and "http" not in text.split("<body>")[0],
           "the report must need no script and no external asset")
    chromium = shutil.which("chromium")
    expect(chromium, "chromium is not installed (.ci/setup test installs it)")

    def browse(*args):
        profile = tempfile.mkdtemp(dir=env.tmp)
        proc = subprocess.run([chromium, *CHROMIUM_FLAGS,
                               "--user-data-dir=" + profile, *args,
                               "file://" + html],
                              capture_output=True, text=True, timeout=180)
        expect(proc.returncode == 0, "chromium: " + proc.stderr[-2000:])
        return proc.stdout

    dom = browse("--dump-dom")
    for week in ["Week 4: inventory of stateful assumptions",
                 "Week 3: explicit handles in tool contracts",
                 "Week 2: SDK upgrade and gateway headers",
                 "Week 1: authorization hardening", "GA week"]:
        expect("<h2>%s</h2>" % week in dom, "no heading %r in the DOM" % week)
    link = ('<a class="location" href="%s/server.cpp#L68">server.cpp:68</a>'
            % LINK_BASE)
    expect(link in dom, "no link to the Mcp-Session-Id write in the DOM")
    shot = os.path.join(env.tmp, "report.png")
    browse("--window-size=1280,1800", "--screenshot=" + shot)
    with open(shot, "rb") as f:
        png = f.read()
    expect(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 50000,
           "the screenshot is not a rendered page (%d bytes)" % len(png))
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    expect((width, height) == (1280, 1800), "screenshot %dx%d" % (width, height))
    if os.environ.get("MCP_CUTOVER_SCREENSHOT"):
        shutil.copy(shot, os.environ["MCP_CUTOVER_SCREENSHOT"])


DIFF_SHARED = """#pragma once
#include <string>
struct Response { void set_header(const std::string &, const std::string &) {} };
"""
DIFF_STANDALONE = """#include <string>
struct Reply { void set_header(const std::string &, const std::string &) {} };
void %s(Reply &res, const std::string &id) { res.set_header("Mcp-Session-Id", id); }
"""
DIFF_USER = """#include "shared.h"
void %s(Response &res, const std::string &id) {
  res.set_header("Mcp-Session-Id", id);
}
"""


@case("check")
def diff_base_lists_only_what_the_change_adds(env):
    repo = git_repo(env, "diffbase", {
        "src/shared.h": DIFF_SHARED, "src/a.cpp": DIFF_USER % "a",
        "src/b.cpp": DIFF_STANDALONE % "b", "src/c.cpp": DIFF_USER % "c",
        "src/moved.cpp": DIFF_STANDALONE % "m"})
    git(repo, "checkout", "-q", "-b", "feature")
    # Committed on the branch: a finding added to a.cpp (line 6), a file
    # renamed unchanged (its finding is not new).
    with open(os.path.join(repo, "src/a.cpp"), "a") as f:
        f.write(DIFF_USER.split("\n", 1)[1] % "a2")
    git(repo, "mv", "src/moved.cpp", "src/renamed.cpp")
    git(repo, "commit", "-q", "-am", "change")
    # Staged: a header c.cpp reads (c.cpp is analysed, its old finding is
    # not listed). Unstaged: another finding in a.cpp (line 9). Untracked: a
    # new file, new from its first line.
    with open(os.path.join(repo, "src/shared.h"), "a") as f:
        f.write("// responses carry no session\n")
    git(repo, "add", "src/shared.h")
    with open(os.path.join(repo, "src/a.cpp"), "a") as f:
        f.write(DIFF_USER.split("\n", 1)[1] % "a3")
    env.write("diffbase/src/new.cpp", DIFF_STANDALONE % "n")

    base = ["check", "src", "--root", repo, "--color", "never"]
    args = base + ["--diff-base", "main"]
    code, out, err = env.run(*args, "--rules", "session-id-header", "--format", "json",
                             cwd=repo)
    expect(code == 1, "exit %d: %s" % (code, err))
    # Only rules decided within a unit: the units that read no changed file
    # (b.cpp, and renamed.cpp, whose rename added no line) are not parsed.
    expect(err == "mcp-cutover: note: --diff-base main: 2 of 5 translation units "
                  "read no changed file; not analysed\n", "stderr: %r" % err)
    doc = json.loads(out)
    expect([(f["file"], f["line"]) for f in doc["findings"]] ==
           [("src/a.cpp", 6), ("src/a.cpp", 9), ("src/new.cpp", 3)] and
           doc["summary"]["diffBase"] == {"ref": "main", "outside": 2} and
           [u["file"] for u in doc["translationUnits"]] ==
           ["src/a.cpp", "src/c.cpp", "src/new.cpp"], "JSON: %s" % out)
    # Every rule: project-wide ones need every unit, so all are analysed;
    # still only the change's lines are listed.
    code, out, err = env.run(*args, "--format", "json", cwd=repo)
    doc = json.loads(out)
    changed = {"src/a.cpp": range(5, 11), "src/new.cpp": range(1, 4),
               "src/shared.h": range(4, 5)}
    expect(code == 1 and err == "" and len(doc["translationUnits"]) == 5 and
           doc["findings"] and
           all(f["line"] in changed.get(f["file"], ()) for f in doc["findings"]),
           "all rules: exit %d, %r, %s" % (code, err, out))
    code, out, err = env.run(*args, "--rules", "session-id-header", "--quiet", cwd=repo)
    expect(code == 1 and err == "" and
           out.endswith("3 findings (3 warnings) in 3 translation units; 2 on lines "
                        "not changed since main\n"), "text: %r %r" % (out[-300:], err))
    # The pre-commit hook's command (pass_filenames: false; the hook's
    # args name the sources): the staged and unstaged change against HEAD.
    with open(os.path.join(env.source, ".pre-commit-hooks.yaml")) as f:
        entry = re.search(r"^  entry: mcp-cutover (.*)$", f.read(), re.M).group(1).split()
    code, out, err = env.run(*entry, "--rules", "session-id-header", "--color", "never",
                             "src", cwd=repo)
    expect(code == 1 and err == "" and out.endswith(
        "2 findings (2 warnings) in 3 translation units; 3 on lines not changed "
        "since HEAD\n"), "pre-commit hook: exit %d %r %r" % (code, out[-300:], err))
    # Nothing changed since HEAD but the dirty tree: a clean tree lists nothing.
    git(repo, "stash", "-q", "--include-untracked")
    code, out, err = env.run(*base, "--rules", "session-id-header", "--diff-base", "HEAD",
                             cwd=repo)
    expect(code == 0 and out.endswith("0 findings in 0 translation units; 0 on lines "
                                      "not changed since HEAD\n"),
           "clean tree: exit %d %r %r" % (code, out[-300:], err))
    for ref, why in (("nosuch", "--diff-base nosuch: no merge base with HEAD (git: "),
                     ("--output=x", "--diff-base --output=x: not a git revision")):
        code, out, err = env.run(*base, "--diff-base=" + ref, cwd=repo)
        expect(code == 2 and out == "" and len(err.splitlines()) == 1 and
               err.startswith("mcp-cutover: error: " + why), "%s: %d %r" % (ref, code, err))
    expect(not os.path.exists(os.path.join(repo, "x")), "git wrote --output")


@case("check")
def configuration_is_found_like_clang_tidy(env):
    repo = git_repo(env, "configured", {
        ".mcp-cutover.yaml": "rules: ['-*', session-id-header, removed-method]\n"
                             "levels: {session-id-header: error}\n"
                             "exclude: ['src/gen/**']\n",
        "src/a.cpp": DIFF_STANDALONE % "a",
        "src/gen/g.cpp": DIFF_STANDALONE % "g",
        "src/legacy/.mcp-cutover.yaml": "inherit: true\nrules: [-session-id-header]\n",
        "src/legacy/l.cpp": DIFF_STANDALONE % "l"})
    saved = os.path.join(env.tmp, "configured.json")
    base = ["check", "src", "--root", repo, "--color", "never", "--quiet"]
    code, out, err = env.run(*base, "--json", saved, cwd=repo)
    expect(code == 1 and err == "" and out.startswith("src/a.cpp:3:") and
           out.endswith("1 finding (1 error) in 3 translation units\n"),
           "exit %d %r %r" % (code, out, err))
    with open(saved) as f:
        doc = json.load(f)
    expect(doc["rulesRun"] == ["session-id-header", "removed-method"] and
           [(f["file"], f["level"]) for f in doc["findings"]] == [("src/a.cpp", "error")],
           "JSON: %s %s" % (doc["rulesRun"], doc["findings"]))
    # --rules replaces every file's rules; levels still apply.
    code, out, err = env.run(*base, "--rules", "session-id-header", cwd=repo)
    expect(code == 1 and out.endswith("2 findings (2 errors) in 3 translation units\n"),
           "--rules over the files: exit %d %r %r" % (code, out[-300:], err))
    # The command line wins: --rules over the files, --fail-on over fail-on.
    code, out, err = env.run(*base, "--rules", "session-id-header", "--fail-on", "note",
                             "--config", os.devnull, cwd=repo)
    expect(code == 1 and out.endswith("3 findings (3 warnings) in 3 translation units\n"),
           "--config /dev/null: exit %d %r %r" % (code, out, err))
    code, out, err = env.run("config", "--dump", "src/legacy", cwd=repo)
    expect(code == 0 and err == "" and out ==
           "# mcp-cutover configuration for %s/src/legacy\n"
           "# from %s/src/legacy/.mcp-cutover.yaml (inherit: true)\n"
           "# from %s/.mcp-cutover.yaml\n"
           "rules:\n  - \"-*\"\n  - \"removed-method\"\n"
           "levels:\n  session-id-header: error\n"
           "exclude:\n  - \"src/gen/**\"\n"
           "# run-wide, from the root configuration\n"
           "include: []\nfail-on: warning\nhandle-patterns: []\nsdk-profiles: []\n"
           "ga-date: \"2026-07-28\"\nlink-base: \"\"\n" % (repo, repo, repo),
           "config --dump: exit %d %r %r" % (code, out, err))
    # A problem is one line with file, line and column, exit 2, nothing written.
    os.remove(saved)
    for rel, text, line in (
            (".mcp-cutover.yaml", "rules: [session-id-header]\nfail_on: note\n",
             "%s/.mcp-cutover.yaml:2:1: unknown key \"fail_on\" (keys: inherit, rules, "
             "levels, exclude, include, fail-on, handle-patterns, sdk-profiles, "
             "ga-date, link-base)"),
            ("src/legacy/.mcp-cutover.yaml", "rules: [-sesion-id-header]\n",
             "%s/src/legacy/.mcp-cutover.yaml:1:9: unknown rule \"sesion-id-header\" "
             "(mcp-cutover rules lists them)")):
        path = os.path.join(repo, rel)
        with open(path) as f:
            kept = f.read()
        with open(path, "w") as f:
            f.write(text)
        code, out, err = env.run(*base, "--json", saved, cwd=repo)
        expect(code == 2 and out == "" and err == "mcp-cutover: error: %s\n" % (line % repo)
               and not os.path.exists(saved), "%s: exit %d %r %r" % (rel, code, out, err))
        with open(path, "w") as f:
            f.write(kept)


@case("check")
def cache_reuses_facts_until_an_input_changes(env):
    src = os.path.join(env.tmp, "cached", "src")
    env.write("cached/src/shared.h", DIFF_SHARED)
    env.write("cached/src/a.cpp", DIFF_USER % "a")
    env.write("cached/src/b.cpp", DIFF_STANDALONE % "b")

    def database(b_flags=()):
        env.write("cached/build/compile_commands.json", json.dumps([
            {"directory": src, "file": name,
             "arguments": ["c++", "-std=c++20", *(b_flags if name == "b.cpp" else ()),
                           "-c", name]} for name in ("a.cpp", "b.cpp")]))
    database()
    build = os.path.join(env.tmp, "cached", "build")

    def check(*extra, binary=None):
        args = ["check", "-p", build, "--root", os.path.join(env.tmp, "cached"),
                "--format", "json", "-j", "1", *extra]
        if binary:
            proc = subprocess.run([binary, *args], capture_output=True, text=True)
            code, out, err = proc.returncode, proc.stdout, SUMMARY.sub("", proc.stderr)
            env.summaries = SUMMARY.findall(proc.stderr)
        else:
            code, out, err = env.run(*args)
        expect(code == 1 and err == "" and len(env.summaries) == 1,
               "exit %d %r %r" % (code, err, env.summaries))
        hits = re.search(r"; (\d+) from the cache\n", env.summaries[0])
        expect(hits, "no cache figure: %r" % env.summaries[0])
        return out, int(hits.group(1))

    cold, hits = check()
    expect(hits == 0 and os.path.isdir(os.path.join(build, ".mcp-cutover-cache")),
           "cold run: %d from the cache" % hits)
    warm, hits = check()
    expect(hits == 2 and warm == cold, "warm run: %d from the cache, same output %s"
           % (hits, warm == cold))
    # A header edit re-parses exactly the unit that reads it.
    with open(os.path.join(src, "shared.h"), "a") as f:
        f.write("// edited\n")
    out, hits = check()
    expect(hits == 1 and out == cold, "header edit: %d from the cache" % hits)
    # A compile flag of one unit: that unit only.
    database(["-DEXTRA=1"])
    _, hits = check()
    expect(hits == 1, "flag change: %d from the cache" % hits)
    # Other rules, or another build of the tool: nothing is reused.
    _, hits = check("--rules", "session-id-header")
    expect(hits == 0, "rule change: %d from the cache" % hits)
    other = os.path.join(env.tmp, "mcp-cutover-rebuilt")
    shutil.copy(env.binary, other)
    with open(other, "ab") as f:
        f.write(b"\0another build")
    _, hits = check(binary=other)
    expect(hits == 0, "another build: %d from the cache" % hits)
    # A damaged entry is a miss, never a crash or a wrong answer.
    entries = [os.path.join(d, n) for d, _, names in
               os.walk(os.path.join(build, ".mcp-cutover-cache")) for n in names]
    expect(entries, "no cache entries")
    for path in entries:
        with open(path, "w") as f:
            f.write('{"deps": {"x": 1}, "facts": [')
    out, hits = check("--rules", "session-id-header")
    _, again = check("--rules", "session-id-header")
    expect(hits == 0 and again == 2, "damaged entries: %d, then %d" % (hits, again))
    # Two runs at once on one cache both finish with the same answer.
    procs = [subprocess.Popen([env.binary, "check", "-p", build, "--format", "json",
                               "--root", os.path.join(env.tmp, "cached"), "--cache-dir",
                               os.path.join(env.tmp, "shared-cache")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    expect([p.returncode for p in procs] == [1, 1] and outs[0][0] == outs[1][0],
           "concurrent runs: %s" % [(p.returncode, o[1][-300:]) for p, o in zip(procs, outs)])
    # A header created where the unit looked in vain shadows the one it read.
    env.write("shadow/src/c.cpp", '#include "extra.h"\nint c() { return EXTRA; }\n')
    env.write("shadow/src/inc2/extra.h", "#define EXTRA 0\n")
    shadow = os.path.join(env.tmp, "shadow")
    env.write("shadow/build/compile_commands.json", json.dumps([
        {"directory": os.path.join(shadow, "src"), "file": "c.cpp",
         "arguments": ["c++", "-Iinc1", "-Iinc2", "-c", "c.cpp"]}]))
    shadow_args = ["check", "-p", os.path.join(shadow, "build"), "--root", shadow,
                   "--rules", "session-id-header"]
    for want_code, want_hits in ((0, 0), (0, 1)):
        code, out, err = env.run(*shadow_args)
        expect(code == want_code and env.summaries[0].endswith("; %d from the cache\n"
                                                               % want_hits),
               "shadow: exit %d %r" % (code, env.summaries))
    env.write("shadow/src/inc1/extra.h", DIFF_STANDALONE % "x" + "#define EXTRA 1\n")
    code, out, err = env.run(*shadow_args)
    expect(code == 1 and env.summaries[0].endswith("; 0 from the cache\n") and
           "src/inc1/extra.h:3:" in out, "shadowing header: exit %d %r %r"
           % (code, env.summaries, out))
    # --no-cache: no figure, no folder.
    code, out, err = env.run("check", "-p", build, "--root", os.path.join(env.tmp, "cached"),
                             "--no-cache", "--cache-dir", os.path.join(env.tmp, "unused"))
    expect(code == 1 and "from the cache" not in "".join(env.summaries) and
           not os.path.exists(os.path.join(env.tmp, "unused")), "--no-cache: %r" % env.summaries)


@case("check")
def shards_merge_to_the_bytes_of_one_run(env):
    root = ["--root", env.source, "--color", "never"]
    facts = [os.path.join(env.tmp, "shard%d.json" % k) for k in (1, 2, 3)]
    for k in (1, 2, 3):
        code, out, err = env.run("check", LEGACY, *root, "--shard", "%d/3" % k,
                                 "--facts-out", facts[k - 1])
        expect(code == 0 and out == "" and err == "", "shard %d: %d %r %r" % (k, code, out, err))
        expect(env.summaries and "shard %d/3 of 2 units" % k in env.summaries[0],
               "shard summary: %r" % env.summaries)
    with open(facts[2]) as f:
        expect(json.load(f)["units"] == [], "3 shards of 2 units: the third has none")
    outputs = {}
    for name, command in (("whole", ["check", LEGACY]), ("merged", ["merge", *facts])):
        files = [os.path.join(env.tmp, "%s.%s" % (name, ext)) for ext in ("json", "sarif")]
        code, text, err = env.run(*command, *root, "--json", files[0], "--sarif", files[1])
        expect(code == 1 and err == "", "%s: exit %d %r" % (name, code, err))
        outputs[name] = [text] + [open(f).read() for f in files]
    expect(outputs["whole"] == outputs["merged"], "merge's text, JSON or SARIF differ")
    expect("2 more from 3 shards" in env.summaries[0], "merge summary: %r" % env.summaries)
    code, out, err = env.run("merge", *facts, *root, "--exclude", "^x/")
    expect(code == 2 and err.startswith("mcp-cutover: error: the shards ran with other "
                                        "options than this merge would"), "%d %r" % (code, err))
    # Each shard once, all of them, from one build, root and set of rules.
    env.run("check", LEGACY, *root, "--shard", "1/3", "--facts-out", facts[2],
            "--rules", "session-id-header")
    for args, why in (([facts[0], facts[1]], "shard 3/3 is missing"),
                      ([facts[0], facts[0], facts[1]], "shard 1/3 is given twice"),
                      ([facts[0], facts[2]], "shard 1/3 ran other rules"),
                      ([env.write("bad.json", "[1, 2")],
                       "%s/bad.json: not a facts file of mcp-cutover check --shard"
                       % env.tmp)):
        code, out, err = env.run("merge", *args, *root)
        expect(code == 2 and out == "" and err == "mcp-cutover: error: %s\n" % why,
               "%s: %d %r" % (why, code, err))
    code, out, err = env.run("check", LEGACY, *root, "--shard", "1/2")
    expect(code == 2 and err == "mcp-cutover: error: --shard K/N and --facts-out FILE go "
                                "together\n", "no --facts-out: %d %r" % (code, err))
    code, out, err = env.run("check", LEGACY, *root, "--shard", "3/2", "--facts-out", facts[0])
    expect(code == 2 and err == "mcp-cutover: error: --shard takes K/N with 1 <= K <= N "
                                "<= 1024, not '3/2'\n", "3/2: %d %r" % (code, err))


# --- Fix-its: --fix, --fix-dry-run, --export-fixes ---------------------------

def git(repo, *args):
    # A fixed identity and no user or system configuration: the same commit
    # whoever runs the tests.
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    environ.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    proc = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True,
                          env=environ)
    expect(proc.returncode == 0, "git %s: %s" % (" ".join(args), proc.stderr))
    return proc.stdout.strip()


def git_repo(env, name, files):
    """A git work tree at env.tmp/name holding `files` (folders copied from the
    checkout, or {path: text}), one commit on branch main, remote origin."""
    repo = os.path.join(env.tmp, name)
    os.makedirs(repo)
    for rel, text in files.items():
        path = os.path.join(repo, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if text is None:
            shutil.rmtree(path, ignore_errors=True)
            shutil.copytree(os.path.join(env.source, rel), path)
        else:
            with open(path, "w") as f:
                f.write(text)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fixture")
    git(repo, "remote", "add", "origin", "https://example.invalid/org/%s.git" % name)
    return repo


def copy_fixture(env, fixture, name):
    dest = os.path.join(env.tmp, name)
    shutil.copytree(os.path.join(env.source, fixture), dest)
    return dest


def findings_of(env, folder):
    code, out, err = env.run("check", folder, "--root", folder, "--format", "json")
    expect(code in (0, 1), "check exit %d: %s" % (code, err))
    return [(f["ruleId"], f["message"]) for f in json.loads(out)["findings"]]


def compiles(folder):
    sources = sorted(f for f in os.listdir(folder) if f.endswith(".cpp"))
    proc = subprocess.run(["clang++-19", "-std=c++20", "-fsyntax-only", *sources],
                          cwd=folder, capture_output=True, text=True)
    return proc.returncode == 0, proc.stderr


FIXED_RULES = (["session-id-header"] * 3 + ["tool-missing-handle"] * 2 +
               ["legacy-protocol-version", "cacheable-result-fields"] +
               ["sticky-session-config"] + ["gateway-session-header"] * 2)


def same_trees(a, b, what):
    # Every file under `a` has the same bytes under `b` (deploy/ included).
    for dirpath, _, names in os.walk(a):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), a)
            with open(os.path.join(a, rel)) as x, open(os.path.join(b, rel)) as y:
                expect(x.read() == y.read(), rel + ": " + what)


@case("fix")
def fix_applies_in_place_then_nothing_is_left_to_fix(env):
    folder = copy_fixture(env, LEGACY, "legacy")
    before = findings_of(env, folder)
    with open(os.path.join(env.source, "tests/golden/legacy-cart-server.json")) as f:
        with_fixes = [(x["ruleId"], x["message"]) for x in json.load(f)["findings"]
                      if x["fixes"]]
    expect(sorted(r for r, _ in with_fixes) == sorted(FIXED_RULES),
           "findings with fixes: %s" % with_fixes)
    code, out, err = env.run("check", folder, "--root", folder, "--fix=all")
    expect(code == 1, "--fix exit %d: %s" % (code, err))
    expect("mcp-cutover: applied 10 fixes in 2 files\n" in err, err)
    after = findings_of(env, folder)
    # The fixed findings are gone and nothing else changed, but for the
    # weak session id: deleting the header write took its way out, so the
    # warning is now a note that says so.
    expected = [f for f in before
                if f not in with_fixes and f[0] != "handle-weak-entropy"]
    expected.append((
        "handle-weak-entropy",
        "'create' mints an id from a counter ('next_id_') that comes back as "
        "a key of 'sessions_'; how clients learn it was not seen: if they do, "
        "a guessable handle lets one client reach another's state; use at "
        "least 128 bits from a cryptographically secure generator (getrandom, "
        "RAND_bytes)"))
    # The tools now take a handle, and their store is still in memory: the
    # Week 3 rule says so.
    for tool, line in (("add_item", 46), ("checkout", 54)):
        expected.append((
            "in-memory-handle-store",
            "tool '%s' takes the handle 'cart_id' but keeps its state in "
            "process memory ('g_sessions' (server.cpp:%d)): behind a "
            "round-robin balancer every instance must resolve the handle, so "
            "the store must be shared (a database, Redis) before sticky "
            "sessions go" % (tool, line)))
    expect(sorted(after) == sorted(expected), "after --fix: %s" % after)
    ok, errors = compiles(folder)
    expect(ok, "the fixed fixture does not compile:\n" + errors)
    code, out, err = env.run("check", folder, "--root", folder, "--fix=all")
    expect("mcp-cutover: applied 0 fixes in 0 files\n" in err,
           "second --fix: " + err)
    code, out, err = env.run("check", folder, "--root", folder, "--fix-dry-run=all")
    expect(code == 1 and out == "", "dry run after --fix: %d %r" % (code, out))


@case("fix")
def fix_dry_run_prints_the_diff_and_changes_nothing(env):
    folder = copy_fixture(env, LEGACY, "legacy")
    with open(os.path.join(folder, "server.cpp")) as f:
        original = f.read()
    saved = os.path.join(env.tmp, "saved.json")
    code, out, err = env.run("check", folder, "--root", folder, "--fix-dry-run=all",
                             "--json", saved)
    # Findings remain until fixed: the exit code says so, as check's does.
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(saved) as f:
        expect(len(json.load(f)["findings"]) == 29, "--json next to the diff")
    with open(os.path.join(folder, "server.cpp")) as f:
        expect(f.read() == original, "--fix-dry-run changed the file")
    env.golden("legacy-cart-server.fixes.diff", out)
    # The diff is what patch(1) applies: the same bytes as --fix.
    other = copy_fixture(env, LEGACY, "patched")
    proc = subprocess.run(["patch", "-s", "-p1"], input=out, cwd=other,
                          capture_output=True, text=True)
    expect(proc.returncode == 0, "patch: " + proc.stdout + proc.stderr)
    env.run("check", folder, "--root", folder, "--fix=all")
    same_trees(folder, other, "patch and --fix differ")


@case("fix")
def export_fixes_feeds_clang_apply_replacements(env):
    folder = copy_fixture(env, LEGACY, "legacy")
    fixes_dir = os.path.join(env.tmp, "fixes")
    os.makedirs(fixes_dir)
    yaml = os.path.join(fixes_dir, "cutover.yaml")
    code, out, err = env.run("check", folder, "--root", folder,
                             "--fix-tier", "all", "--export-fixes", yaml)
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(yaml) as f:
        text = f.read()
    expect(text.startswith("---\nMainSourceFile:"), text[:80])
    expect(text.count("DiagnosticName:  mcp-cutover-") == 10, text)
    tool = shutil.which("clang-apply-replacements-19") or \
        "/usr/lib/llvm-19/bin/clang-apply-replacements"
    expect(os.path.exists(tool), "clang-apply-replacements-19 is not installed "
           "(package clang-tools-19; .ci/setup installs it)")
    proc = subprocess.run([tool, fixes_dir], capture_output=True, text=True)
    expect(proc.returncode == 0, "clang-apply-replacements: " + proc.stderr)
    other = copy_fixture(env, LEGACY, "fixed")
    env.run("check", other, "--root", other, "--fix=all")
    same_trees(folder, other, "clang-apply-replacements and --fix differ")


@case("fix")
def fix_alone_takes_only_safe_fixes(env):
    # Every fix of today's rules changes behaviour: --fix alone applies none
    # of them and says how many wait for review; --fix-dry-run alike.
    folder = copy_fixture(env, LEGACY, "legacy")
    with open(os.path.join(folder, "server.cpp")) as f:
        original = f.read()
    held = ("mcp-cutover: note: 10 fixes of the review tier left out: read them "
            "with --fix-dry-run=all, apply them with --fix=all\n")
    code, out, err = env.run("check", folder, "--root", folder, "--fix")
    expect(code == 1, "--fix exit %d: %s" % (code, err))
    expect(err == held + "mcp-cutover: applied 0 fixes in 0 files\n", err)
    with open(os.path.join(folder, "server.cpp")) as f:
        expect(f.read() == original, "--fix changed a file with review fixes only")
    code, out, err = env.run("check", folder, "--root", folder, "--fix-dry-run")
    expect(code == 1 and out == "" and err == held, "%d %r %r" % (code, out, err))
    code, out, err = env.run("check", folder, "--root", folder, "--format", "json")
    tiers = [f.get("fixTier") for f in json.loads(out)["findings"] if f["fixes"]]
    expect(tiers == ["review"] * 10, "tiers: %s" % tiers)


RC_ENUM_H = """#pragma once
#include <cstdint>
enum class McpErrorCode : int32_t {
  InvalidParams = -32602,
  InternalError = -32603,
  ResourceNotFound = -32002,
};
"""
RC_ENUM_CPP = """#include "errors.h"
bool isKnown(int64_t code) {
  switch (code) {
  case static_cast<int64_t>(McpErrorCode::InvalidParams):
  case static_cast<int64_t>(McpErrorCode::InternalError):
  case static_cast<int64_t>(McpErrorCode::ResourceNotFound):
    return true;
  default:
    return false;
  }
}
"""
RC_SWITCH_CPP = """constexpr int kInvalidParams = -32602;
constexpr int kResourceNotFound = -32002;
bool known(int code) {
  switch (code) {
  case kInvalidParams:
  case kResourceNotFound:
    return true;
  default:
    return false;
  }
}
"""
RC_MACRO_CPP = """#define EXPECT_RC_CODE(c) static_assert((c) == -32001, "the RC's number")
constexpr int kHeaderMismatch = -32001;
EXPECT_RC_CODE(kHeaderMismatch);
"""
RC_PAIR_CPP = """constexpr int kHeaderMismatch = -32001;
constexpr int kVersionUnsupported = -32004;
static_assert(kHeaderMismatch + kVersionUnsupported != -32020 + -32022,
              "the two final numbers together are taken");
"""


@case("fix")
def fixes_that_would_break_the_build_are_dropped(env):
    # Issue 19: the reproducer (no fix-it: the enumeration already has
    # -32602), a renumbered constant that duplicates a case value, one that
    # breaks a static_assert inside a macro expansion, and two that are fine
    # alone but break together (the first is applied, the second dropped).
    d = os.path.join(env.tmp, "rc")
    for name, text in [("errors.h", RC_ENUM_H), ("codes.cpp", RC_ENUM_CPP),
                       ("switch.cpp", RC_SWITCH_CPP), ("macro.cpp", RC_MACRO_CPP),
                       ("pair.cpp", RC_PAIR_CPP)]:
        env.write("rc/" + name, text)
    code, out, err = env.run("check", d, "--root", d, "--fix=all", "--json",
                             os.path.join(env.tmp, "after.json"), "--",
                             "-std=c++20")
    expect(code == 1, "exit %d: %s" % (code, err))
    w = "mcp-cutover: warning: "
    expect(err ==
           w + "macro.cpp:2:33: [rc-error-code] fix dropped: it would cause "
           "'macro.cpp: static assertion failed due to requirement "
           "'(kHeaderMismatch) == -32001': the RC's number'; the finding "
           "stays, with guidance\n" +
           w + "pair.cpp:2:37: [rc-error-code] fix dropped: it would cause "
           "'pair.cpp: static assertion failed due to requirement "
           "'kHeaderMismatch + kVersionUnsupported != -32020 + -32022': the "
           "two final numbers together are taken'; the finding stays, with "
           "guidance\n" +
           w + "switch.cpp:2:35: [rc-error-code] fix dropped: it would cause "
           "'switch.cpp: duplicate case value: 'kInvalidParams' and "
           "'kResourceNotFound' both equal '-32602''; the finding stays, "
           "with guidance\n"
           "mcp-cutover: applied 1 fix in 1 file\n", err)
    for name, text in [("errors.h", RC_ENUM_H), ("codes.cpp", RC_ENUM_CPP),
                       ("switch.cpp", RC_SWITCH_CPP), ("macro.cpp", RC_MACRO_CPP),
                       ("pair.cpp", RC_PAIR_CPP.replace("-32001;", "-32020;", 1))]:
        with open(os.path.join(d, name)) as f:
            expect(f.read() == text, name + " after --fix:\n" + f.read())
    for name in ("codes.cpp", "switch.cpp", "macro.cpp", "pair.cpp"):
        proc = subprocess.run(["clang++-19", "-std=c++20", "-fsyntax-only", name],
                              cwd=d, capture_output=True, text=True)
        expect(proc.returncode == 0, name + " no longer compiles: " + proc.stderr)
    # The saved result shows the dropped fixes as guidance (no fixes).
    with open(os.path.join(env.tmp, "after.json")) as f:
        doc = json.load(f)
    expect([(x["file"], x["line"], len(x["fixes"])) for x in doc["findings"]] ==
           [("errors.h", 6, 0), ("macro.cpp", 2, 0), ("pair.cpp", 1, 1),
            ("pair.cpp", 2, 0), ("switch.cpp", 2, 0)],
           "findings: %s" % [(x["file"], x["line"], x["fixes"]) for x in doc["findings"]])
    expect(doc["findings"][0]["message"].endswith(
        "; the enumeration already has 'InvalidParams' = -32602: remove "
        "'ResourceNotFound' and use 'InvalidParams' where it is sent, or map "
        "it to -32602 where the response is built"), doc["findings"][0]["message"])
    # Without verification the same fixes break the build: the test above
    # could fail.
    d2 = os.path.join(env.tmp, "rc2")
    env.write("rc2/switch.cpp", RC_SWITCH_CPP)
    env.run("check", d2, "--root", d2, "--fix=all", "--no-fix-verification",
            "--", "-std=c++20")
    proc = subprocess.run(["clang++-19", "-std=c++20", "-fsyntax-only", "switch.cpp"],
                          cwd=d2, capture_output=True, text=True)
    expect(proc.returncode != 0 and "duplicate case value" in proc.stderr,
           "unverified fix compiled: " + proc.stderr)
ONE_FINDING = {"src/a.cpp": 'const char *k = "Mcp-Session-Id";\n'}


def provenance_of(env, repo, root=None, environ=None):
    sarif = os.path.join(env.tmp, "provenance.sarif")
    proc = subprocess.run([env.binary, "check", "src", "--root", root or repo,
                           "--sarif", sarif, "--color", "never"],
                          cwd=repo, capture_output=True, text=True, timeout=600,
                          env=environ)
    expect(proc.returncode == 1, "exit %d: %s" % (proc.returncode, proc.stderr))
    expect(SUMMARY.sub("", proc.stderr) == "", "stderr: %r" % proc.stderr)
    with open(sarif) as f:
        text = f.read()
    return text, json.loads(text)["runs"][0].get("versionControlProvenance")


@case("check")
def sarif_version_control_provenance(env):
    repo = git_repo(env, "cart", ONE_FINDING)
    head = git(repo, "rev-parse", "HEAD")
    mapped = {"uriBaseId": "%SRCROOT%"}
    # A token in the remote URL stays out of the SARIF, which gets uploaded.
    git(repo, "remote", "set-url", "origin",
        "https://ci-bot:s3cret@example.invalid/org/cart.git")
    text, prov = provenance_of(env, repo)
    expect(prov == [{"repositoryUri": "https://example.invalid/org/cart.git",
                     "revisionId": head, "branch": "main", "mappedTo": mapped}],
           "on a branch: %s" % prov)
    expect("s3cret" not in text and "ci-bot" not in text, "credentials in the SARIF")
    # A one-line file has no lines around its result: no contextRegion, which
    # SARIF wants strictly larger than the region.
    location = json.loads(text)["runs"][0]["results"][0]["locations"][0]
    expect("contextRegion" not in location["physicalLocation"],
           "context in a one-line file: %s" % location)
    # The branch's upstream remote wins over origin.
    git(repo, "remote", "add", "upstream", "https://example.invalid/up/cart.git")
    git(repo, "config", "branch.main.remote", "upstream")
    _, prov = provenance_of(env, repo)
    expect(prov[0]["repositoryUri"] == "https://example.invalid/up/cart.git",
           "upstream: %s" % prov)
    git(repo, "config", "--unset", "branch.main.remote")
    git(repo, "remote", "remove", "upstream")
    # scp-like remotes become ssh:// URIs.
    git(repo, "remote", "set-url", "origin", "git@example.invalid:org/cart.git")
    _, prov = provenance_of(env, repo)
    expect(prov[0]["repositoryUri"] == "ssh://example.invalid/org/cart.git",
           "scp-like: %s" % prov)
    # Detached HEAD (as CI checks out a pull request): no branch.
    git(repo, "checkout", "-q", "--detach")
    _, prov = provenance_of(env, repo)
    expect(prov == [{"repositoryUri": "ssh://example.invalid/org/cart.git",
                     "revisionId": head, "mappedTo": mapped}], "detached: %s" % prov)
    # No remote: the work tree itself is the repository.
    git(repo, "remote", "remove", "origin")
    _, prov = provenance_of(env, repo)
    expect(prov == [{"repositoryUri": "file://" + os.path.realpath(repo),
                     "revisionId": head, "mappedTo": mapped}], "no remote: %s" % prov)
    # GIT_DIR naming another repository (a git hook sets it) is not followed.
    other = git_repo(env, "other", {"x.txt": "x\n"})
    environ = dict(os.environ, GIT_DIR=os.path.join(other, ".git"))
    _, prov = provenance_of(env, repo, environ=environ)
    expect(prov is not None and prov[0]["revisionId"] == head, "GIT_DIR: %s" % prov)
    # A root below the top of the work tree is not where the repository maps.
    _, prov = provenance_of(env, repo, root=os.path.join(repo, "src"))
    expect(prov is None, "subfolder root: %s" % prov)
    # No git on PATH: no provenance, no error.
    environ = dict(os.environ, PATH=os.path.join(env.tmp, "empty-bin"))
    _, prov = provenance_of(env, repo, environ=environ)
    expect(prov is None, "without git: %s" % prov)
    # A repository without a commit yet.
    fresh = os.path.join(env.tmp, "fresh")
    os.makedirs(os.path.join(fresh, "src"))
    shutil.copy(os.path.join(repo, "src/a.cpp"), os.path.join(fresh, "src/a.cpp"))
    git(fresh, "init", "-q")
    _, prov = provenance_of(env, fresh)
    expect(prov is None, "unborn HEAD: %s" % prov)


def multitool_findings(env, sarif):
    """Microsoft's SARIF Multitool with GitHub's rules (Gh, Ghas) and its own
    (Sarif) at every level: [(level, ruleId, where)], where is the JSON path
    it names."""
    tool = env.multitool
    expect(tool and os.access(tool, os.X_OK),
           "no SARIF Multitool at %r: run .ci/setup test (npm ci in tests/sarif)" % tool)
    log = os.path.join(env.tmp, "multitool.sarif")
    if os.path.exists(log):  # a second validation in one case
        os.remove(log)
    # Its .NET runtime needs ICU unless told to use the invariant culture.
    environ = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
                   DOTNET_CLI_TELEMETRY_OPTOUT="1")
    proc = subprocess.run(
        [tool, "validate", "--rule-kind", "Gh;Ghas;Sarif", "--level",
         "Error;Warning;Note", "--config",
         os.path.join(env.source, "tests/sarif/validate.xml"), "--output", log, sarif],
        capture_output=True, text=True, timeout=300, env=environ)
    expect(proc.returncode == 0, "multitool exit %d: %s%s" %
           (proc.returncode, proc.stdout, proc.stderr))
    with open(log) as f:
        run = json.load(f)["runs"][0]
    inv = run["invocations"][0]
    expect(inv["executionSuccessful"] is True, "multitool run failed: %s" % inv)
    # Its one configuration notification is our own choice in validate.xml.
    expect([n["descriptor"]["id"] for n in inv.get("toolConfigurationNotifications", [])]
           == ["WRN999.RuleExplicitlyDisabled"], "configuration: %s" % inv)
    expect("toolExecutionNotifications" not in inv, "execution: %s" % inv)
    return sorted((r.get("level", "warning"), r["ruleId"], r["message"]["arguments"][0])
                  for r in run["results"])


def expect_only_accepted_notes(found, results, rules):
    # Every remaining note is one of two, both kept on purpose (docs/sarif.md):
    # SARIF2002 "use message id and arguments instead of text": GitHub code
    #   scanning shows message.text and requires it; our messages name the
    #   facts of each finding (names, keys, lines) in a sentence.
    # SARIF2009 "rule ids like CS2001": the ids are the public names users put
    #   in --fail-on, suppressions and docs/rules/; renaming them would break
    #   every suppression and every alert's history in code scanning.
    wanted = sorted([("note", "SARIF2002", "runs[0].results[%d].message" % i)
                     for i in range(results)] +
                    [("note", "SARIF2009", "runs[0].tool.driver.rules[%d].id" % i)
                     for i in range(rules)])
    expect(not [f for f in found if f[0] != "note"],
           "errors or warnings: %s" % [f for f in found if f[0] != "note"])
    expect(found == wanted, "notes differ:\n  unexpected %s\n  missing %s" % (
        [f for f in found if f not in wanted], [w for w in wanted if w not in found]))


# One SARIF2009 note per rule of the catalog.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "rules", "catalog.json")) as _catalog:
    RULES = len(json.load(_catalog)["rules"])


@case("check")
def sarif_multitool_accepts_the_legacy_example(env):
    repo = git_repo(env, "legacy", {LEGACY: None})
    sarif = os.path.join(env.tmp, "legacy.sarif")
    code, _, err = env.run("check", LEGACY, "--root", repo, "--sarif", sarif,
                           "--sarif-category", "cutover/legacy", cwd=repo)
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(sarif) as f:
        doc = json.load(f)
    expect(sum(1 for r in doc["runs"][0]["results"] if "fixes" in r) > 0,
           "no fixes in the legacy SARIF")
    expect(len(doc["runs"][0]["tool"]["driver"]["rules"]) == RULES, "rule count")
    expect_only_accepted_notes(multitool_findings(env, sarif), 29, RULES)


@case("check")
def sarif_multitool_accepts_incomplete_units(env):
    repo = git_repo(env, "broken", {
        "broken/ok.cpp": "int fine = 1;\n",
        "broken/bad.cpp": '#include <string>\n#include "not_there.h"\n'
                          'const char *k = "Mcp-Session-Id";\n'})
    sarif = os.path.join(env.tmp, "broken.sarif")
    code, _, err = env.run("check", "broken", "--root", repo, "--sarif", sarif, cwd=repo)
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(sarif) as f:
        inv = json.load(f)["runs"][0]["invocations"][0]
    expect(inv["executionSuccessful"] is False and
           len(inv["toolExecutionNotifications"]) == 1, "invocation: %s" % inv)
    expect_only_accepted_notes(multitool_findings(env, sarif), 1, RULES)


@case("fix")
def sarif_multitool_accepts_json_fixes(env):
    contracts = "fixtures/tool-contracts"
    repo = git_repo(env, "contracts", {contracts: None})
    sarif = os.path.join(env.tmp, "contracts.sarif")
    code, _, err = env.run("schema", "--root", repo, "--sarif", sarif, contracts,
                           cwd=repo)
    expect(code == 1, "exit %d: %s" % (code, err))
    with open(sarif) as f:
        results = json.load(f)["runs"][0]["results"]
    expect(len(results) == 19 and sum(1 for r in results if "fixes" in r) == 2,
           "results, fixes: %d" % len(results))
    expect_only_accepted_notes(multitool_findings(env, sarif), 19, RULES)

# --- Security: docs/security.md names each of these tests -------------------

def untrusted_checkout(env):
    """A repository (a git work tree) beside a folder outside it holding a
    copy of the legacy server: what a pull request can point at."""
    repo = os.path.join(env.tmp, "repo")
    outside = os.path.join(env.tmp, "outside")
    os.makedirs(os.path.join(repo, ".git"))
    shutil.copytree(os.path.join(env.source, LEGACY), outside)
    os.rename(os.path.join(outside, "server.cpp"), os.path.join(outside, "victim.cpp"))
    with open(os.path.join(outside, "victim.cpp"), "rb") as f:
        victim = f.read()
    return repo, outside, victim


def unchanged(path, original):
    with open(path, "rb") as f:
        return f.read() == original


def outside_note(first, root, more="", follow_hint=True):
    return ("mcp-cutover: note: %s%s: outside the project root %s (its real path); "
            "analysed as context only: nothing in it is reported or fixed%s\n"
            % (first, more, root, " (--follow-symlinks reports files reached "
               "through symlinks under the root)" if follow_hint else ""))


def own_findings(doc):
    return [(f["file"], f["line"], f["column"], f["ruleId"]) for f in doc["findings"]]


@case("fix")
def symlinked_source_is_never_fixed(env):
    repo, outside, victim = untrusted_checkout(env)
    target = os.path.join(outside, "victim.cpp")
    os.symlink("../outside/victim.cpp", os.path.join(repo, "server.cpp"))
    # The headers beside the link too: with --follow-symlinks the unit is
    # compiled as repo/server.cpp and includes resolve there.
    for h in ("cart.h", "http_shim.h", "session_store.h"):
        shutil.copy(os.path.join(outside, h), repo)
    code, out, err = env.run("check", "server.cpp", "--fix=all", "--color", "never", cwd=repo)
    expect(code == 0, "exit %d, wanted 0 (nothing of the user's): %s" % (code, err))
    expect(err == outside_note(target, repo) + "mcp-cutover: applied 0 fixes in 0 files\n",
           "stderr: %r" % err)
    expect(out == "0 findings in 1 translation unit\n", "stdout: %r" % out)
    expect(unchanged(target, victim), "the file outside the root was rewritten")

    # --follow-symlinks: reported as the user's code under the link's name,
    # exactly as a regular file there would be, and still never edited.
    code, out, err = env.run("check", "server.cpp", "--follow-symlinks", "--fix=all",
                             cwd=repo)
    expect(code == 2, "exit %d, wanted 2 (a file could not be fixed): %s" % (code, err))
    expect(err == "mcp-cutover: warning: server.cpp: its real path %s is outside the "
           "project root %s (mcp-cutover never edits files outside the root); not "
           "fixed\nmcp-cutover: applied 0 fixes in 0 files\n" % (target, repo),
           "stderr: %r" % err)
    expect(unchanged(target, victim), "--follow-symlinks --fix rewrote the target")
    code, out, err = env.run("check", "server.cpp", "--follow-symlinks", "--format",
                             "json", cwd=repo)
    expect(code == 1 and err == "", "--follow-symlinks: exit %d: %s" % (code, err))
    followed = own_findings(json.loads(out))
    regular = os.path.join(env.tmp, "regular")
    shutil.copytree(repo, regular, symlinks=False)
    code, out, err = env.run("check", "server.cpp", "--format", "json", cwd=regular)
    expect(code == 1 and err == "", "regular copy: exit %d: %s" % (code, err))
    expect(followed == own_findings(json.loads(out)) and
           ("server.cpp", 68, 18, "session-id-header") in followed,
           "--follow-symlinks findings differ from a regular file's: %s" % followed)


@case("check")
def dotdot_path_in_compile_database_is_context_only(env):
    repo, outside, victim = untrusted_checkout(env)
    target = os.path.join(outside, "victim.cpp")
    env.write("repo/own.cpp", 'const char *kHeader = "Mcp-Session-Id";\n')
    env.write("repo/build/compile_commands.json", json.dumps([
        {"directory": repo, "file": name,
         "arguments": ["clang++", "-std=c++20", "-c", name]}
        for name in ("own.cpp", "../outside/victim.cpp")]))
    code, out, err = env.run("check", "-p", "build", "--fix", "--format", "json", cwd=repo)
    expect(code == 1, "exit %d, wanted 1 (own.cpp's finding): %s" % (code, err))
    expect(err == outside_note(target, repo) + "mcp-cutover: applied 0 fixes in 0 files\n",
           "stderr: %r" % err)
    doc = json.loads(out)
    expect(own_findings(doc) == [("own.cpp", 1, 13, "session-id-header")],
           "findings: %s" % own_findings(doc))
    expect([u["file"] for u in doc["translationUnits"]] == [target, "own.cpp"],
           "units: %s" % doc["translationUnits"])
    expect(unchanged(target, victim), "the file outside the root was rewritten")


def marker_env(env):
    expect(env.marker_plugin and os.path.exists(env.marker_plugin),
           "no --marker-plugin (tests/CMakeLists.txt builds it)")
    marker = os.path.join(env.tmp, "plugin-was-loaded")
    return marker, {"MCP_CUTOVER_TEST_MARKER": marker}


LOADS_CODE = ("it loads code into the compiler, and mcp-cutover never runs the "
              "project's code")


@case("check")
def plugin_in_compile_database_is_never_loaded(env):
    marker, extra = marker_env(env)
    so = env.marker_plugin
    own = env.write("repo/own.cpp", 'const char *kHeader = "Mcp-Session-Id";\n')
    os.makedirs(os.path.join(env.tmp, "repo", ".git"))
    # The proof that this test can fail: a compiler honouring the flag loads
    # the plugin, and the plugin leaves its marker.
    proc = subprocess.run(["clang++-19", "-fsyntax-only", "-fplugin=" + so, own],
                          env={**os.environ, **extra}, capture_output=True, text=True)
    expect(proc.returncode == 0 and os.path.exists(marker),
           "clang did not load the marker plugin: %s" % proc.stderr)
    os.remove(marker)
    repo = os.path.dirname(own)

    def database(flags):
        env.write("repo/build/compile_commands.json", json.dumps([
            {"directory": repo, "file": "own.cpp",
             "arguments": ["clang++", "-std=c++20", *flags, "-c", "own.cpp"]}]))
        return env.run("check", "-p", "build", "--format", "json", cwd=repo, env=extra)

    code, out, err = database(["-fplugin=" + so, "-Xclang", "-load", "-Xclang", so,
                               "-fpass-plugin=" + so])
    expect(not os.path.exists(marker), "the plugin named in the database was loaded")
    expect(code == 1, "exit %d: %s" % (code, err))
    expect(err == "".join("mcp-cutover: note: %s: removed from the compile commands "
                          "(%s)\n" % (flag, LOADS_CODE) for flag in
                          ["-fplugin=" + so, "-Xclang -load -Xclang " + so,
                           "-fpass-plugin=" + so]), "stderr: %r" % err)
    code2, plain, err2 = database([])
    expect(code2 == 1 and err2 == "", "without the plugin: exit %d: %s" % (code2, err2))
    expect(json.loads(out)["findings"] == json.loads(plain)["findings"],
           "the findings changed with the plugin flags")
    expect(own_findings(json.loads(out)) == [("own.cpp", 1, 13, "session-id-header")],
           "findings: %s" % own_findings(json.loads(out)))


@case("check")
def response_file_outside_the_root_is_removed(env):
    marker, extra = marker_env(env)
    repo = os.path.join(env.tmp, "repo")
    os.makedirs(os.path.join(repo, ".git"))
    env.write("repo/own.cpp", "#ifdef EVIL\n#error flags from outside the root were read\n"
              "#endif\n#ifndef GOOD\n#error the project's response file was not read\n"
              '#endif\nconst char *kHeader = "Mcp-Session-Id";\n')
    env.write("repo/flags.rsp", "-DGOOD=1\n")
    evil = env.write("outside/evil.rsp", "-DEVIL=1 -fplugin=%s\n" % env.marker_plugin)
    env.write("repo/build/compile_commands.json", json.dumps([
        {"directory": repo, "file": "own.cpp",
         "arguments": ["clang++", "-std=c++20", "@flags.rsp", "@../outside/evil.rsp",
                       "-c", "own.cpp"]}]))
    code, out, err = env.run("check", "-p", "build", "--format", "json", cwd=repo, env=extra)
    expect(code == 1, "exit %d: %s" % (code, err))
    expect(err == "mcp-cutover: note: @../outside/evil.rsp: removed from the compile "
           "commands (a response file: its real path %s is outside the project root "
           "%s, and flags from outside the project are not taken)\n" % (evil, repo),
           "stderr: %r" % err)
    doc = json.loads(out)
    expect([u["status"] for u in doc["translationUnits"]] == ["complete"],
           "units: %s" % doc["translationUnits"])
    expect(own_findings(doc) == [("own.cpp", 7, 13, "session-id-header")],
           "findings: %s" % own_findings(doc))
    expect(not os.path.exists(marker), "the plugin in the outside response file was loaded")


@case("check")
def reference_servers_get_no_handle_warnings(env):
    # Issue 21: the official reference servers' tools/list (bench/
    # reference-servers/, labels.json says none of their ids is a handle):
    # no warning, and one note, for puppeteer's tools that share one page.
    tools = os.path.join(env.source, "bench", "reference-servers", "tools")
    code, out, err = env.run("schema", tools, "--root", tools, "--format", "json")
    expect(code == 0, "exit %d: %s" % (code, err))
    doc = json.loads(out)
    expect([(f["ruleId"], f["level"], f["file"], f["line"], f["column"])
            for f in doc["findings"]] ==
           [("tools-share-implicit-state", "note", "puppeteer.json", 4, 15)],
           "findings: %s" % [(f["ruleId"], f["file"], f["line"], f["message"])
                             for f in doc["findings"]])
    # The other six tools, at most five related locations (as every rule).
    expect([r["line"] for r in doc["findings"][0]["related"]] == [28, 60, 76, 97, 118],
           "related: %s" % doc["findings"][0]["related"])
    expect(len(doc["tools"]) == 97, "tools: %d" % len(doc["tools"]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary")
    p.add_argument("--source-dir")
    p.add_argument("--case")
    p.add_argument("--sarif-multitool",
                   help="Sarif.Multitool of the npm package pinned in tests/sarif")
    p.add_argument("--list", action="store_true")
    p.add_argument("--update", action="store_true")
    p.add_argument("--marker-plugin")
    a = p.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    return run_cases(CASES, a.case, lambda: Env(
        os.path.abspath(a.binary), os.path.realpath(a.source_dir), a.update,
        a.sarif_multitool, a.marker_plugin and os.path.abspath(a.marker_plugin)))


def run_cases(cases, only, make_env):
    """Runs `only` (or every case) each in a fresh Env; the exit status."""
    names = [only] if only else list(cases)
    failed = 0
    for name in names:
        env = make_env()
        try:
            cases[name](env)
            print("PASS", name)
        except Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
        finally:
            shutil.rmtree(env.tmp, ignore_errors=True)
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
