"""The app as the Dockerfile starts it (`streamlit run deploy/serve.py`), over HTTP and its websocket: it sends its
own security headers without the proxy, works as before, keeps a made download until the browser fetches it, and
closes the handles of sessions that have gone."""

import asyncio
import os
import sys
import time
import urllib.request

import pytest
from support import ROOT, run_apart

sys.path.insert(0, str(ROOT / "deploy"))

import cluster
import streamlit_client as sc

TTL_S = 3
"""Streamlit keeps a disconnected session this long for a reconnect (120 s in production, short here)."""


@pytest.fixture(scope="module")
def temp_folder(tmp_path_factory):
    """The server's temp folder, with what a killed server left behind: its pid is long gone."""
    folder = tmp_path_factory.mktemp("tmp")
    left = folder / "klassekit-999999999-4242-abc123"
    left.mkdir()
    (left / "download.zip").write_bytes(b"PK kits of a year")
    return folder



@pytest.fixture(scope="module")
def server(temp_folder):
    proc, url = cluster.start_instance(env={"TMPDIR": str(temp_folder)},
                                       args=(f"--server.disconnectedSessionTTL={TTL_S}",))
    try:
        yield proc, url
    finally:
        cluster.stop(proc)  # with its worker processes


def headers_of(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as exc:  # a 404 gets the headers too
        return {k.lower(): v for k, v in exc.headers.items()}


def workers_of(pid: int) -> list[int]:
    """The server's child processes that are Python workers (spawned by multiprocessing)."""
    found = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{stat}/cmdline", "rb") as f:
                    spawned = b"multiprocessing.spawn" in f.read()
            except (OSError, ValueError):
                continue
            if parent == pid and spawned:
                found.append(int(stat))
    return found


def kit_workers_of(pid: int) -> list[int]:
    """The server's kit workers: they run at its priority; the coordinator's worker runs at a lower one."""
    return [w for w in workers_of(pid) if os.getpriority(os.PRIO_PROCESS, w) == os.getpriority(os.PRIO_PROCESS, pid)]


def test_the_server_starts_its_kit_worker_with_the_scenes_to_draw_before_any_teacher_comes(server):
    """Issue 28: the first teacher's kit waited for the worker to start, and a kit with a scene nobody had asked for
    waited for the scene to be drawn. The server starts the worker at once, and the worker draws every scene before
    its first kit (test_workers.py). This is the file's first test: no session has been opened yet (pytest keeps a
    file's order, and xdist runs a file in one worker, --dist loadfile)."""
    proc, _ = server
    deadline = time.monotonic() + 60
    while not workers_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    kit_workers = kit_workers_of(proc.pid)
    assert len(kit_workers) == 1, "no kit worker before the first teacher"
    with open(f"/proc/{kit_workers[0]}/environ", "rb") as f:
        assert b"KLASSEKIT_PREPARE_SCENES=1" in f.read().split(b"\0")


def test_the_server_collects_garbage_every_half_minute_instead_of_after_every_click():
    """Issue 28: Streamlit's full collection after every script run was 2/3 of a rerun's CPU. The server turns it off
    and collects on a timer instead, so a page's garbage (a reference cycle: a year kit's temp file, document bytes)
    is still freed without anybody clicking."""
    import gc
    import weakref

    from serve import GC_INTERVAL_S, collect_between_clicks, collect_garbage
    from streamlit import config

    before = config.get_option("runner.postScriptGC")
    stop = collect_between_clicks()
    try:
        assert stop is not None and config.get_option("runner.postScriptGC") is False
        # Streamlit reads its config files anew when one changes while it runs: the setting survives that.
        config.get_config_options(force_reparse=True)
        assert config.get_option("runner.postScriptGC") is False
    finally:
        if stop:
            stop()
        config.set_option("runner.postScriptGC", before)
    assert GC_INTERVAL_S <= 60

    class Page:
        pass

    async def a_while():
        collector = asyncio.create_task(collect_garbage(0.05))
        await asyncio.sleep(0.3)
        collector.cancel()

    was_on = gc.isenabled()
    gc.disable()  # only the timer may collect here
    try:
        page = Page()
        page.itself = page  # a cycle, as a page's namespace and its functions are
        freed = []
        weakref.finalize(page, freed.append, True)
        del page
        assert not freed
        run_apart(a_while())
    finally:
        if was_on:
            gc.enable()
    assert freed == [True]


@pytest.mark.parametrize("path", ["/", "/aarshjul", "/_stcore/health", "/_stcore/host-config", "/findes-ikke.js"])
def test_every_answer_carries_the_security_headers_that_do_not_break_streamlit(server, path):
    headers = headers_of(server[1] + path)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["x-frame-options"] == "DENY"


def test_what_a_killed_server_left_in_the_temp_folder_is_gone_when_the_next_one_starts(server, temp_folder):
    assert not (temp_folder / "klassekit-999999999-4242-abc123").exists()


def test_the_app_works_behind_its_own_headers(server):
    async def open_lesson_and_kit():
        async with sc.StreamlitSession(server[1], timeout=120) as s:
            run = await s.rerun("band=mellemtrin&template=lektion&themes=trivsel-paa-nettet")
            button = next(e for e in run.elements if e.WhichOneof("type") == "download_button"
                          and e.download_button.deferred_file_id)
            return await s.deferred_file(button.download_button.deferred_file_id)

    body = run_apart(open_lesson_and_kit())
    assert body[:2] in (b"PK", b"%P")  # a zip or a document, fetched over the websocket's media route


def test_the_board_and_the_forloeb_page_have_their_files_built_in_the_kit_worker(server, content):
    """Issue 28: a forløb's zip (~0.4 CPU-s) and the board's slides were built in the server's own process and held
    every other teacher's page meanwhile. They come from the kit worker now, as the lesson page's kit does: the same
    files, fetched as a browser fetches them."""
    import io
    import urllib.parse
    import zipfile

    from pptx import Presentation

    from planner.documents import kit as K
    from planner.documents import series_docs as SD
    from planner.planning import lesson as L
    from planner.planning.lesson import series as S
    from planner.planning.lesson import series_sharing as SS

    series = S.build_series(content, {"band": "mellemtrin", "lessons": 2, "lengths": [{"template": "lektion"}]})
    proc = server[0]

    async def fetch(page: str, query: str, label: str) -> tuple[bytes, tuple[float, float]]:
        async with sc.StreamlitSession(server[1], timeout=120) as s:
            run = await s.rerun(query, page_name=page)
            button = run.find("download_button", label)
            assert button is not None and button.download_button.deferred_file_id, label
            worker = kit_workers_of(proc.pid)[0]
            before = cpu_of(proc.pid), cpu_of(worker)
            body = await s.deferred_file(button.download_button.deferred_file_id)
            return body, (cpu_of(proc.pid) - before[0], cpu_of(worker) - before[1])

    zipped, (server_cpu, worker_cpu) = run_apart(fetch("forloeb", urllib.parse.urlencode(SS.series_to_query(series)),
                                                       "Hele forløbets sæt (.zip)"))
    with zipfile.ZipFile(io.BytesIO(zipped)) as z:
        assert set(z.namelist()) == set(SD.series_kit(series))
    assert worker_cpu > 2 * server_cpu, (worker_cpu, server_cpu)  # the Word and PowerPoint work was the worker's
    # The board's deck is small (~0.05 CPU-s) next to a collection that may fall in its window: its content is checked.
    deck, _ = run_apart(fetch("tavle", "band=indskoling&template=lektion&klasse=2.b", "Hent præsentationen (.pptx)"))
    plan = L.plan_from_query(content, {"band": "indskoling", "template": "lektion", "klasse": "2.b"})

    def texts(pptx: bytes) -> list[list[str]]:
        return [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in Presentation(io.BytesIO(pptx)).slides]

    assert texts(deck) == texts(K.kit_job(L.to_json(plan), "praesentation.pptx")) and "2.b" in texts(deck)[0][1]


def cpu_of(pid: int) -> float:
    """CPU seconds of one process (not its children): the server's own interpreter."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_made_kit_is_still_there_when_the_browser_fetches_it_after_other_teachers_pages_ran(server):
    """Issue 28: the media manager's sweep at the end of every session's run deleted a made download on its second
    pass, so two page runs of other teachers between the click and the GET gave the teacher a 404."""

    async def click_then_others_run_then_fetch():
        async with sc.StreamlitSession(server[1], timeout=120) as teacher, \
                sc.StreamlitSession(server[1], timeout=120) as colleague:
            run = await teacher.rerun("band=udskoling&template=lektion&themes=hjaelp-en-ven")
            button = run.find("download_button", "Hele sættet (.zip)")
            url = await teacher.deferred_url(button.download_button.deferred_file_id)
            for _ in range(3):
                await colleague.rerun(page_name="materialer")
            return await teacher.get(url)

    status, _, body = run_apart(click_then_others_run_then_fetch())
    assert status == 200 and body.startswith(b"PK")


def test_a_download_streamlit_let_go_of_is_deleted_once_its_time_is_up():
    from serve import KeepDownloads
    from streamlit.runtime.media_file_storage import MediaFileKind, MediaFileStorageError
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    now = [0.0]
    storage = MemoryMediaFileStorage("/media")
    kept = KeepDownloads(storage, kept_s=60, clock=lambda: now[0])
    kit = storage.load_and_get_id(b"PK a kit", "application/zip", MediaFileKind.DOWNLOADABLE, "klassesaet.zip")
    picture = storage.load_and_get_id(b"a picture", "image/png", MediaFileKind.MEDIA)

    now[0] = 10
    storage.delete_file(kit)
    storage.delete_file(picture)
    assert storage.get_file(kit).content == b"PK a kit"  # still fetchable by the browser that clicked
    with pytest.raises(MediaFileStorageError):
        storage.get_file(picture)  # page media go at once, as in Streamlit
    assert kept.kept == 1

    now[0] = 61
    storage.delete_file(picture)  # any later call of the media manager collects what is due
    with pytest.raises(MediaFileStorageError):
        storage.get_file(kit)
    assert kept.kept == 0


def test_the_same_kit_asked_for_again_is_not_deleted_under_the_second_teacher():
    from serve import KeepDownloads
    from streamlit.runtime.media_file_storage import MediaFileKind
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    now = [0.0]
    storage = MemoryMediaFileStorage("/media")
    KeepDownloads(storage, kept_s=60, clock=lambda: now[0])
    store = lambda: storage.load_and_get_id(b"PK", "application/zip", MediaFileKind.DOWNLOADABLE, "k.zip")
    kit = store()
    storage.delete_file(kit)
    now[0] = 59
    assert store() == kit  # a colleague with the same lesson: stored again, its deletion called off
    now[0] = 100
    storage.delete_file("another")
    assert storage.get_file(kit).content == b"PK"


def test_sessions_that_have_gone_leave_no_handles_open(server):
    proc, url = server
    handles = lambda: len(os.listdir(f"/proc/{proc.pid}/fd"))

    async def sessions(n: int):
        for _ in range(n):
            async with sc.StreamlitSession(url, timeout=120) as s:
                await s.rerun()

    run_apart(sessions(1))
    time.sleep(TTL_S + 2)
    before = handles()
    run_apart(sessions(30))
    opened = handles() - before
    assert opened >= 30  # each disconnected session is kept, with its event loop, for a reconnect …
    time.sleep(TTL_S + 2)
    assert handles() <= before + 3  # … and closed when that time is up, with no other session to trigger it


def test_an_instance_given_one_core_runs_there_with_everything_it_starts(tmp_path):
    # deploy/load.py --pin: a replica on a core of its own, as a container given one core.
    core = max(os.sched_getaffinity(0))
    proc, url = cluster.start_instance(cpus=str(core), env={"TMPDIR": str(tmp_path)})
    try:
        assert os.sched_getaffinity(proc.pid) == {core}
        assert urllib.request.urlopen(url + "/_stcore/health", timeout=10).read() == b"ok"
    finally:
        cluster.stop(proc)
