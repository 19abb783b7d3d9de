"""Klassekit with its own security headers: `streamlit run deploy/serve.py` (the Dockerfile starts it so).

Streamlit sets no security headers of its own, and a kommune may run one instance without the proxy in front
(deploy/haproxy/). Since Streamlit 1.5x a script may hand `streamlit run` an ASGI app (st.App) with
middleware of its own: this one adds the headers that do not break Streamlit to every HTTP answer (pages, static
files, downloads, the health check). The full Content-Security-Policy with script-src stays with the proxy, where the
browser test (tests/e2e/test_proxy.py) checks it: a script policy the app sent itself could stop Streamlit's own
scripts after an update without anybody noticing. The websocket is not HTTP and is left alone.

The same server also closes what sessions that have gone leave open (see close_disconnected_sessions), keeps a
made download until the browser has fetched it (see KeepDownloads), collects garbage every half minute instead of
after every click (see collect_garbage), and starts its kit worker at once.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware

ROOT = Path(__file__).resolve().parent.parent

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Nobody may put Klassekit in a frame (clickjacking); old browsers read X-Frame-Options instead.
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
"""The same values as the proxy's, so a page looks the same to a browser with and without it."""


class SecurityHeaders:
    """Pure ASGI middleware: streamed answers (downloads) are passed on as they come, not buffered."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers.append(name, value)
            await send(message)

        return await self.app(scope, receive, send_with_headers)


DOWNLOAD_KEPT_S = 60.0
"""How long a made download stays fetchable after Streamlit lets go of it: far more than the moment between the
click and the browser's GET, even on a busy server, and short enough that memory does not fill with kits."""


class KeepDownloads:
    """Keep a made download (st.download_button) fetchable for DOWNLOAD_KEPT_S after Streamlit would delete it.

    Why: a download made on click (``data=callable``, all of Klassekit's kits) is stored by Streamlit's media file
    manager *unreferenced* by any session, and the manager's orphan sweep, which runs at the end of every script run
    of *every* session, marks such a file on its first pass and deletes it on its second. The browser only fetches
    ``/media/<id>.zip`` after the websocket has told it the URL; with one teacher no two runs fall in between, with
    25 teachers on one server they do, and the click answers 404 (issue 28). Streamlit once had a time-based grace
    for exactly this (KEEP_DELAY, streamlit/streamlit#1494); the two-pass mark is what is left of it, and it counts
    other people's reruns, not time.

    How: the server's in-memory media storage is wrapped at start so that deleting a downloadable file only schedules
    the deletion; it happens once the file is DOWNLOAD_KEPT_S old (counted from when it was last stored), on a later
    call. Storing the same file again (the same kit asked for again) cancels it. Pictures and other page media are
    deleted as before. The storage is the one object both the media manager and the ``/media`` route use, so
    nothing else changes. It is reached through ``media_file_mgr._storage`` as Streamlit's own server reaches it
    (web/server/starlette/starlette_app.py); tests/test_server.py fails if a Streamlit update breaks this."""

    def __init__(self, storage, kept_s: float = DOWNLOAD_KEPT_S, clock=time.monotonic) -> None:
        from streamlit.runtime.media_file_storage import MediaFileKind

        self._downloadable = MediaFileKind.DOWNLOADABLE
        self._storage, self._kept_s, self._clock = storage, kept_s, clock
        self._delete_now, self._load = storage.delete_file, storage.load_and_get_id
        self._stored_at: dict[str, float] = {}  # file id → when it was last stored
        self._due: dict[str, float] = {}  # file id → when its scheduled deletion happens
        self._lock = threading.Lock()
        storage.load_and_get_id, storage.delete_file = self.load_and_get_id, self.delete_file

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None) -> str:
        file_id = self._load(path_or_data, mimetype, kind, filename)
        with self._lock:
            self._due.pop(file_id, None)
            if kind == self._downloadable:
                self._stored_at[file_id] = self._clock()
            self._delete_due()
        return file_id

    def delete_file(self, file_id: str) -> None:
        with self._lock:
            stored = self._stored_at.get(file_id)
            if stored is None:  # page media, or a file stored before this wrapper
                self._delete_now(file_id)
            else:
                self._due.setdefault(file_id, stored + self._kept_s)
            self._delete_due()

    @property
    def kept(self) -> int:
        """How many files Streamlit has let go of that are still fetchable."""
        return len(self._due)

    def _delete_due(self) -> None:
        now = self._clock()
        for file_id in [f for f, due in self._due.items() if due <= now]:
            del self._due[file_id], self._stored_at[file_id]
            self._delete_now(file_id)


def keep_downloads() -> KeepDownloads:
    """Wrap the running server's media storage (see KeepDownloads)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storage = Runtime.instance().media_file_mgr._storage
    if not isinstance(storage, MemoryMediaFileStorage):
        raise TypeError(f"unexpected media storage {type(storage).__name__}: downloads could expire mid-click")
    return KeepDownloads(storage)


GC_INTERVAL_S = 30.0
"""How often the server collects garbage (see collect_garbage)."""


async def collect_garbage(interval: float = GC_INTERVAL_S) -> None:
    """A full garbage collection every `interval` seconds, in place of Streamlit's after every script run.

    Why: Streamlit runs gc.collect(2) after each run of each session (runner.postScriptGC). It walks every object in
    the process, the whole content library included, and holds the interpreter meanwhile, so every other teacher's
    page waits: 2/3 of a page rerun's CPU (issue 28, found with py-spy). The server turns that off at start. Each run's
    page namespace is a reference cycle, though (its functions refer back to it), and only a full collection frees it
    and what it holds: a year kit's temp file, large document bytes. Python starts a full collection by the number of
    objects, not bytes, so without this they could wait for long. Once every half minute costs one collection, not one
    per click."""
    import gc

    while True:
        await asyncio.sleep(interval)
        gc.collect()


def collect_between_clicks():
    """Turn off Streamlit's collection after every script run; collect_garbage, which the server runs, takes its place.
    st.set_option refuses this option while the server runs, so it is set through Streamlit's config module
    (tests/test_server.py fails if an update breaks this), and set again whenever Streamlit reads its config files
    anew (it watches them while it runs, and a re-read would turn the collection back on). Returns the function that
    stops the re-setting, or None if it could not be set: the server then collects after every click as before,
    slower but correct."""
    from streamlit import config

    def turn_off() -> None:
        config.set_option("runner.postScriptGC", False)

    try:
        turn_off()
        stop = config.on_config_parsed(turn_off, force_connect=True)
    except Exception as exc:
        print(f"Klassekit: kunne ikke slå oprydning efter hver sidekørsel fra ({exc!r})", file=sys.stderr, flush=True)
        return None
    return stop if config.get_option("runner.postScriptGC") is False else None


@asynccontextmanager
async def lifespan(_app):
    """At start, clear the temp folder of a killed server's downloads, keep made downloads until they are fetched,
    start the kit worker and collect garbage on a timer instead of after every click; while the server runs, close
    the handles of sessions that have gone (planner/ui/support.py)."""
    sys.path.insert(0, str(ROOT))
    from planner.ui.support import PREPARE_ENV, close_disconnected_sessions, start_kit_worker, sweep_spools

    # The kit workers this server starts keep LibreOffice running between PDF kits (planner/documents/pdf.py). Set
    # here, at start, before any worker exists, so each inherits it (not at import: a test importing this module
    # would turn it on for itself). An operator short of memory sets KLASSEKIT_PDF_OFFICES=0 (cold) or 1 (~300 MB
    # per LibreOffice).
    os.environ.setdefault("KLASSEKIT_PDF_OFFICES", str(min(2, os.cpu_count() or 1)))
    # The kit worker starts with the server and draws the picture talks' scenes (~1 CPU-s) before the first teacher
    # clicks: a kit with a scene nobody had asked for took 0.6 s instead of 0.1 s (issue 28). In a daemon thread: a
    # server stopped meanwhile does not wait for it.
    os.environ.setdefault(PREPARE_ENV, "1")
    threading.Thread(target=start_kit_worker, daemon=True, name="start-kit-worker").start()
    collect_between_clicks()
    keep_downloads()
    sweep_spools()  # what a killed server left in the temp folder, before anyone is served
    tasks = [asyncio.create_task(close_disconnected_sessions()), asyncio.create_task(collect_garbage())]
    try:
        yield None
    finally:
        for task in tasks:
            task.cancel()


# Relative to this file when started with `streamlit run deploy/serve.py`.
app = st.App("../planner/app.py", middleware=[Middleware(SecurityHeaders)], lifespan=lifespan)
