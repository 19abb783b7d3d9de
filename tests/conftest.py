import functools
import shutil
import sys

import pytest
from streamlit.components.v2 import manifest_scanner

from support import ROOT

sys.path.insert(0, str(ROOT))

from planner.content.loader import load_content  # noqa: E402

# Every new AppTest scans all installed packages for Streamlit components (about 70 ms; a server does it once, at
# start). The packages do not change during a test run, so each test process scans once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT)


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the shipped content, to break on purpose."""
    for name in ("materials", "lesson_templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


RENDER_MODULES = {"test_print.py", "test_print_yearplan.py"}
SWEEP_MODULES = {"test_safety.py"}  # every band × pupils' age × theme × length
RENDER_WORDS = ("pdf", "libreoffice", "word_processor", "render")


def pytest_collection_modifyitems(config, items):
    """Markers by rule, so a new test is sorted without anyone remembering to mark it: `render` for the tests that
    run LibreOffice (a whole print module, or a test named for PDF or LibreOffice), `e2e` for the browser tests.
    `python -m pytest -m "not render and not e2e"` is the fast core."""
    for item in items:
        if item.path.name in RENDER_MODULES or any(w in item.name.lower() for w in RENDER_WORDS):
            item.add_marker(pytest.mark.render)
        # Coverage counts the lines the other tests specify. The sweeps and random sequences (hypothesis) run those
        # lines again thousands of times, and tracing every one of them doubled the sweeps' CPU (28 → 52 s).
        # (pytest-cov pauses only the test itself: a module fixture that builds a sweep is still traced.)
        # Only while coverage runs: under --no-cov, pytest-cov's marker fails the test.
        measuring = getattr(config.option, "cov_source", None) and not getattr(config.option, "no_cov", False)
        if measuring and (item.path.name in SWEEP_MODULES
                          or getattr(getattr(item, "obj", None), "is_hypothesis_test", False)):
            item.add_marker(pytest.mark.no_cover)
    # The longest files first: xdist (--dist loadfile) hands out whole files in this order, and a browser or print
    # file started last would leave the other workers idle while it runs (longest-first keeps the finish even).
    heavy: dict = {}
    for item in items:
        weight = 2 if "e2e" in item.path.parts else 1 if item.get_closest_marker("render") else 0
        heavy[item.path] = max(heavy.get(item.path, 0), weight)
    items.sort(key=lambda i: -heavy[i.path])



def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker more than the cores. A third of the suite's time a worker waits (for LibreOffice,
    Chromium or a server to start); the extra worker uses that time (on 2 cores: 7.6 → 7.1 min)."""
    import os

    return len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1
