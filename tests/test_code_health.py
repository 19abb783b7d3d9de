"""The house stays easy to extend: ruff (with bugbear) and mypy find nothing in planner/, every module does one job
in at most 400 lines, and the README's map of the code names every module that exists and none that does not."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import IN_CI, ROOT

PACKAGE = ROOT / "planner"
MAX_LINES = 400


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        if IN_CI:
            raise AssertionError(f"{name} skal være installeret i CI (requirements-test.txt)")
        pytest.skip(f"{name} er ikke installeret (pip install -r requirements-test.txt)")
    return found


def test_ruff_with_bugbear_finds_nothing_in_planner():
    run = subprocess.run([_tool("ruff"), "check", "planner"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_finds_nothing_in_planner():
    run = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_is_at_most_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"Moduler over {MAX_LINES} linjer: {long}"


def readme_map() -> dict[str, set[str]]:
    """The README's »Sådan hænger koden sammen«: each line that starts with a folder of planner/ in backticks, and
    the module files it names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sådan hænger koden sammen", 1)[1].split("\n## ", 1)[0]
    out: dict[str, set[str]] = {}
    for item in re.split(r"\n(?=\s*(?:\d+\.|-) )", section):
        head = re.match(r"\s*(?:\d+\.|-) \*\*`(planner/[\w/]*)`", item)
        if head:
            out[head.group(1).rstrip("/")] = set(re.findall(r"`([\w]+\.py)`", item))
    return out


def test_the_readme_map_names_every_module_and_no_other():
    mapped = readme_map()
    assert mapped, "README'en mangler kortet over koden"
    for folder, named in mapped.items():
        here = {p.name for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py"}
        assert named == here, f"{folder}: mangler i README {sorted(here - named)}, findes ikke {sorted(named - here)}"
    covered = {str(p.parent.relative_to(ROOT)) for p in modules() if p.name != "__init__.py"}
    assert covered <= set(mapped), f"Mapper uden en linje i README'ens kort: {sorted(covered - set(mapped))}"


MAX_COMPLEXITY = 30   # radon's rank D ends here; E and F are functions that decide too many things at once


def test_no_function_ranks_worse_than_d():
    """Classes are skipped: radon scores a class by all its methods together, and each method is checked alone."""
    try:
        from radon.complexity import cc_visit
    except ImportError:
        if IN_CI:
            raise AssertionError("radon skal være installeret i CI (requirements-test.txt)") from None
        pytest.skip("radon er ikke installeret (pip install -r requirements-test.txt)")

    def blocks(items):
        for block in items:
            yield block
            for inner in ("methods", "closures", "inner_classes"):
                yield from blocks(getattr(block, inner, []))

    tangled = sorted(f"{p.relative_to(ROOT)}:{b.lineno} {b.fullname} ({b.complexity})"
                     for p in modules() for b in blocks(cc_visit(p.read_text(encoding="utf-8")))
                     if b.complexity > MAX_COMPLEXITY and not hasattr(b, "methods"))
    assert not tangled, f"Funktioner med kompleksitet over {MAX_COMPLEXITY} (radon E/F): {tangled}"


def test_ci_runs_the_readmes_test_command_as_written():
    """The README's two commands near the top: start the app, run the tests; .ci/run runs the second one verbatim."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", text[:2000], re.DOTALL)
    assert len(blocks) == 2 and "streamlit run planner/app.py" in blocks[0] and blocks[1].endswith("-m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()
