"""Shared constants for the tests (a plain module: conftest files cannot be imported reliably)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_text(*parts: str) -> str:
    """Text of the project's shared reference files (facts.md, the seed) that CI lays beside the clone.

    Outside CI a checkout without them skips the tests that compare content with the sources."""
    import pytest

    path = SHARED.joinpath(*parts)
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if not all(f.exists() for f in files) or not files:
        if IN_CI:
            raise AssertionError(f"{path} mangler i CI")
        pytest.skip(f"{path} mangler: kilderne ligger ikke ved siden af projektet")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


AGE = {"special": {"age_band": "mellemtrin"}}
"""A special class as the lesson page sends it: with its pupils' age. Without one a special class gets only what
suits every age, so sweeps over the bands give it the age with the widest choice of exercises."""
