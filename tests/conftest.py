import shutil
import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT))

from planner.content.loader import load_content  # noqa: E402


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT)


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the shipped content, to break on purpose."""
    for name in ("materials", "lesson_templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def pytest_collection_modifyitems(config, items):
    # Browser tests are slow; run them last so quick failures show first.
    items.sort(key=lambda i: "e2e" in i.path.parts)

