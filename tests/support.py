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


_READ: dict[bytes, tuple[str, ...]] = {}


def codes_in_picture(blob: bytes) -> tuple[str, ...]:
    """The texts of the QR codes zxing-cpp reads in a picture (PNG or JPEG bytes).

    Sweeps over every band × age × length meet the same few pictures (one per helpline, the pictograms) thousands of
    times; reading a picture is a pure function of its bytes, so each is read once per test process."""
    found = _READ.get(blob)
    if found is None:
        import io

        import zxingcpp
        from PIL import Image

        found = tuple(r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(blob)).convert("RGBA")))
        _READ[blob] = found
    return found


def run_apart(coro):
    """asyncio.run in a thread of its own: a browser test earlier in the same worker (Playwright's sync API) may have
    left an event loop running in the main thread, where asyncio.run refuses to start."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_cli(*args):
    """`python -m planner <args>` in this process (planner.cli.main, what __main__ calls): returncode, stdout and
    stderr as a terminal gets them, without starting Python and its imports again for each command."""
    import contextlib
    import io
    from types import SimpleNamespace

    from planner.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse refuses with SystemExit(2)
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())
