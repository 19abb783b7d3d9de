"""The server's worker processes end with the server: a server stopped hard (SIGTERM, a crash) leaves no worker
and no LibreOffice behind."""

import os
import subprocess
import sys
import time

from support import ROOT

SERVER = """
import multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
sys.path.insert(0, {root!r})
from planner.ui.support import exit_with_parent
pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                           initializer=exit_with_parent, initargs=(os.getpid(),))
print(pool.submit(os.getpid).result(), flush=True)
os._exit(9)  # gone without shutting the pool down, as a killed server is
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (gone) parent counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_a_worker_ends_when_the_server_that_started_it_is_gone():
    run = subprocess.run([sys.executable, "-c", SERVER.format(root=str(ROOT))], capture_output=True, text=True,
                         timeout=60)
    worker = int(run.stdout.split()[0])
    deadline = time.monotonic() + 15
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(worker), f"worker {worker} outlived its server"


def test_a_coordinators_year_of_kits_yields_the_cpu_to_the_teachers_kits_and_pages():
    from planner.ui import support as S

    here = os.getpriority(os.PRIO_PROCESS, 0)
    try:
        heavy = S.heavy_jobs().submit(os.getpriority, os.PRIO_PROCESS, 0).result(timeout=120)
        kits = S.kit_jobs().submit(os.getpriority, os.PRIO_PROCESS, 0).result(timeout=120)
    finally:
        for pool in (S.heavy_jobs, S.kit_jobs):
            pool().shutdown()
            pool.clear()
    assert kits == here  # a teacher's kit runs as the pages do
    assert heavy == min(19, here + S.HEAVY_NICENESS)


def scenes_ready() -> int:
    from planner.documents import pictures

    return pictures.scene_png.cache_info().currsize


def test_on_a_server_the_kit_worker_has_every_scene_composed_before_its_first_kit(content, monkeypatch):
    """deploy/serve.py sets KLASSEKIT_PREPARE_SCENES and starts the kit worker with the server (issue 28: a kit with a
    scene nobody had asked for took 0.6 s instead of 0.1 s); `streamlit run planner/app.py` and the tests do not."""
    from planner.documents import pictures
    from planner.ui import support as S

    ready = {}
    for prepare in ("1", None):
        if prepare:
            monkeypatch.setenv(S.PREPARE_ENV, prepare)
        else:
            monkeypatch.delenv(S.PREPARE_ENV)
        try:
            assert S.start_kit_worker()
            ready[prepare] = S.kit_jobs().submit(scenes_ready).result(timeout=120)
        finally:
            S.kit_jobs().shutdown()
            S.kit_jobs.clear()
    assert ready == {"1": len(pictures.content_scenes(content)), None: 0}


def steady_job(progress_path: str, steps: int, pause: float) -> int:
    """A long job that keeps moving: one step every `pause` seconds, written as 'done/total'."""
    from pathlib import Path

    for done in range(1, steps + 1):
        time.sleep(pause)
        Path(progress_path).write_text(f"{done}/{steps}", encoding="ascii")
    return steps


def test_a_long_job_that_keeps_moving_is_waited_for_and_one_that_stops_is_given_up(tmp_path):
    import pytest

    from planner.ui import support as S

    progress = str(tmp_path / "progress")
    seen: list[tuple[int, int]] = []
    try:
        S.heavy_jobs().submit(int).result(timeout=120)  # the worker is started (a server starts it once)
        # 8 steps of 0.5 s: 4 s in all against a 2.5 s timeout, but never 2.5 s without a step.
        assert S.run_heavy_with_progress(steady_job, progress, 8, 0.5, progress_path=progress,
                                         on_progress=lambda d, t: seen.append((d, t)), timeout=2.5) == 8
        assert seen and seen[-1][1] == 8 and seen[-1][0] >= 6
        with pytest.raises(TimeoutError):  # 6 s before its first step
            S.run_heavy_with_progress(steady_job, str(tmp_path / "p2"), 1, 6.0, progress_path=str(tmp_path / "p2"),
                                      on_progress=lambda d, t: None, timeout=2.5)
    finally:
        S.heavy_jobs().shutdown(wait=False, cancel_futures=True)
        S.heavy_jobs.clear()
