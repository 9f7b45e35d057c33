#!/usr/bin/env python3
"""Fail when an #include points against the pipeline's flow.

The sources form stages (docs/architecture.md), each a static library that
links only the stages it may use. A header from a later stage would still be
found on the include path, so this test is what keeps the arrows one way:
every quoted #include of a project file must name a file of the same stage
or of a stage the including stage depends on. Within checks/, an area folder
(session/, tools/, protocol/) uses the root and utils/ but never another
area: only the registry at the root knows every check.
"""

import argparse
import pathlib
import re
import sys

# Stage -> the stages it may include, directly. Mirrors the
# target_link_libraries lines of rules/, checks/ and tool/CMakeLists.txt.
STAGE_DEPS = {
    "rules": [],
    "checks": ["rules"],
    "tool/files": ["checks"],
    "tool/driver": ["tool/files"],
    "tool/link": ["tool/files"],
    "tool/fix": ["tool/link", "tool/driver"],
    "tool/output": ["tool/link"],
    "tool/report": ["tool/output", "tool/fix", "tool/traffic"],
    "tool/config": ["tool/link"],
    "tool/probe": ["tool/link"],
    "tool/traffic": ["tool/files"],
    "tool": ["tool/report", "tool/config", "tool/probe", "tool/traffic"],
}
CHECK_AREAS = ("checks/session/", "checks/tools/", "checks/protocol/")
SOURCE_DIRS = ("rules", "checks", "tool")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def stage_of(path):
    """The stage a root-relative path belongs to: its longest stage prefix."""
    best = None
    for stage in STAGE_DEPS:
        if path == stage or path.startswith(stage + "/"):
            if best is None or len(stage) > len(best):
                best = stage
    return best


def reachable(stage):
    """Every stage `stage` may include: itself and its dependencies, closed."""
    seen, todo = {stage}, [stage]
    while todo:
        for dep in STAGE_DEPS[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def area_of(path):
    """The checks/ area folder holding `path`, or None."""
    return next((a for a in CHECK_AREAS if path.startswith(a)), None)


def violations(root):
    """Yield one message per #include that points against the flow."""
    for top in SOURCE_DIRS:
        for source in sorted((root / top).rglob("*")):
            if source.suffix not in (".h", ".cpp"):
                continue
            path = source.relative_to(root).as_posix()
            stage = stage_of(path)
            allowed = reachable(stage)
            text = source.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                target = match.group(1)
                if not (root / target).is_file():
                    continue  # generated or system-style quoted include
                line = text.count("\n", 0, match.start()) + 1
                target_stage = stage_of(target)
                if target_stage not in allowed:
                    yield (
                        f"{path}:{line}: includes {target} ({target_stage}), "
                        f"which {stage} must not use"
                    )
                elif (
                    area_of(path)
                    and area_of(target)
                    and area_of(path) != area_of(target)
                ):
                    yield (
                        f"{path}:{line}: includes {target}: a check area "
                        f"uses checks/ and checks/utils/, not another area"
                    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    args = parser.parse_args()
    found = list(violations(args.source_dir))
    for message in found:
        print(message)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
