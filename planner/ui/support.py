"""What every page of the app shares: the cached content and the error page for broken content.

Only wiring lives here; the logic is in the planner modules the pages call.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import streamlit as st

from ..content.bands import BAND_LABELS
from ..content.loader import ROOT, Content, ContentError, load_content
from ..content.text import printable
from ..documents import tempfolders


def content_root() -> Path:
    # Tests point the app at fixture content with this variable.
    return Path(os.environ.get("KLASSEKIT_ROOT", ROOT))


@st.cache_resource(show_spinner=False)
def _load(root: str, stamp: float) -> Content:
    return load_content(root)


def _stamp(root: Path) -> float:
    """Newest modification time of the content files, so an edited file is picked up without a restart."""
    files = list((root / "materials").rglob("*.yaml")) + list((root / "lesson_templates").glob("*.yaml"))
    return max((f.stat().st_mtime for f in files), default=0.0)


def content_key() -> tuple[str, float]:
    """Which content the app shows: its folder and the newest file's time (so a worker process loads the same)."""
    root = content_root()
    return str(root), _stamp(root)


def content() -> Content:
    return _load(*content_key())


# A visible keyboard focus where Streamlit draws none (WCAG 2.4.7): the page links in the sidebar, the main area
# (focusable so it can be scrolled with the keyboard), plain links, charts and the year plan's table (a canvas).
# Streamlit's own buttons, fields and tabs keep their focus ring or frame. Red is the theme's primary colour: 5.2:1
# on white.
FOCUS_STYLE = """<style>
[data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stMain"]:focus-visible, a:focus-visible,
summary:focus-visible, [role="tab"]:focus-visible, canvas:focus-visible, [role="img"]:focus-visible,
[data-testid="stHeading"] [tabindex="-1"]:focus {
  outline: 3px solid #c53948 !important; outline-offset: -3px;
}
</style>"""


def content_or_error_page() -> Content:
    """The content, or a clear Danish error page (never a traceback) when a content file is broken. Also puts the
    project's focus style on every page (app.py calls this before each page)."""
    st.html(FOCUS_STYLE)
    try:
        return content()
    except ContentError as exc:
        st.title("Indholdet kan ikke indlæses")
        errors = [p for p in exc.problems if not p.warning]
        st.error(
            f"Der er {len(errors)} fejl i indholdsfilerne. Ret dem, og genindlæs siden. "
            "Kør `python -m planner check` for at se den samme liste."
        )
        st.markdown("\n".join(f"- {md(p)}" for p in errors))
        st.stop()


def band_label(band: str) -> str:
    return BAND_LABELS.get(band, band)


def plan_upload(label: str, key: str, read, accept, errors: tuple[type[Exception], ...], kept: str) -> None:
    """A file uploader for a saved plan: a good file replaces the current plan, a bad one is refused with the
    reason and leaves the current plan as it was. A fresh uploader key after success clears the widget."""
    n = st.session_state.get(f"{key}_n", 0)
    up = st.file_uploader(label, type=["json"], key=f"{key}_{n}")
    if up is None:
        return
    try:
        accept(read(up.getvalue()))
    except errors as exc:
        st.error(f"Filen blev ikke åbnet: {md(exc)} {md(kept)}")
        return
    st.session_state[f"{key}_n"] = n + 1
    st.rerun()


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$:.@])")


def md(text) -> str:
    """Text from content, files or links, made safe to put inside Streamlit markdown: every markdown character is
    escaped (also '.' and '@'), so a text can never load an image, hide a link behind other words, colour itself or
    show an icon. A full address (https://…) may still be shown clickable, but only as the address it is. Bidi
    controls and other unprintable characters are dropped (content.text.printable), so a message never reads
    differently from what it says – a reversed number or file name in an error about a link or a file."""
    return _MARKDOWN.sub(r"\\\1", printable(str(text)))


def focus_heading(title: str) -> None:
    """Move the keyboard focus (and a screen reader) to the heading that reads `title`, as soon as it is drawn.
    Streamlit has no focus API: a small script finds the heading in the page, makes it focusable and focuses it.
    The title goes in as a JSON string with '<' escaped, so no text can end the script."""
    target = json.dumps(str(title)).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    st.html(f"""<script>(() => {{
  const title = {target}; let tries = 0;
  const go = () => {{
    const h = [...document.querySelectorAll("[data-testid='stHeading'] h1, [data-testid='stHeading'] h2, "
                                           + "[data-testid='stHeading'] h3")]
      .find(e => e.textContent.trim() === title.trim());
    if (h) {{ h.setAttribute("tabindex", "-1"); h.focus({{preventScroll: true}}); h.scrollIntoView({{block: "start"}}); }}
    else if (tries++ < 50) setTimeout(go, 100);
  }};
  go();
}})();</script>""", unsafe_allow_javascript=True, width="content")


def exit_with_parent(parent: int) -> None:
    """In a worker: end when the server that started it has gone. A server stopped with SIGTERM never shuts its pools
    down, and a worker waiting for the next job would otherwise stay (with LibreOffice) until the machine restarts."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(2)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


HEAVY_NICENESS = 10
"""How much the long jobs' worker yields the CPU: at niceness 10 Linux gives it about a tenth of a core's share
against a teacher's kit or page, so a coordinator's year of kits uses the idle CPU and never the teachers' turn."""


def heavy_worker_start(parent: int) -> None:
    """In the long jobs' worker: end with the server, and run at a lower priority than the pages and the kits."""
    exit_with_parent(parent)
    with contextlib.suppress(OSError, AttributeError):  # a system without nice() runs it at normal priority
        os.nice(HEAVY_NICENESS)


@st.cache_resource(show_spinner=False)
def heavy_jobs() -> ProcessPoolExecutor:
    """One worker process for the long jobs (all kits of a year): building documents is Python work that holds the
    interpreter, so in the app's own process it would stall every other teacher's page."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=heavy_worker_start, initargs=(os.getpid(),))


PREPARE_ENV = "KLASSEKIT_PREPARE_SCENES"
"""Set to 1 by the server (deploy/serve.py): its kit worker draws the picture talks' scenes before its first kit. Off for
`streamlit run planner/app.py` and the tests, where a worker lives for a handful of kits."""


def kit_worker_start(parent: int, root: str) -> None:
    """In the kit worker: end with the server; on a server, compose the content's picture-talk scenes before the first
    job, so no teacher's kit waits for one (the server starts this worker when it starts, see start_kit_worker)."""
    exit_with_parent(parent)
    if os.environ.get(PREPARE_ENV) == "1":
        from ..documents import pictures

        try:
            pictures.prepare_scenes(load_content(root))
        except Exception as exc:  # a scene not ready is drawn when a kit needs it, as before: slower, not broken
            print(f"Klassekit: billederne til billedsamtalerne blev ikke tegnet på forhånd ({exc!r}); de tegnes, når "
                  "et klassesæt skal bruge dem.", file=sys.stderr, flush=True)


def start_kit_worker() -> bool:
    """Start the kit worker now rather than at the first teacher's click (the server calls it at start). False if it
    is not ready: still starting on a slow machine (the first click finds it), or it failed (the first click starts
    a new one, as without this)."""
    try:
        kit_jobs().submit(int).result(timeout=120)
    except TimeoutError:
        return False
    except Exception as exc:
        print(f"Klassekit: arbejdsprocessen til klassesæt kunne ikke starte ({exc!r}); den startes ved første "
              "klassesæt.", file=sys.stderr, flush=True)
        with contextlib.suppress(Exception):
            kit_jobs().shutdown(wait=False, cancel_futures=True)
        kit_jobs.clear()
        return False
    return True


@st.cache_resource(show_spinner=False)
def kit_jobs() -> ProcessPoolExecutor:
    """A worker of its own for classroom kits: a teacher's kit never waits behind a coordinator's year of kits, and
    building Word documents never holds the interpreter that draws everybody's pages."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=kit_worker_start, initargs=(os.getpid(), str(content_root())))


def _run_in(pool, fn, *args, timeout: float):
    try:
        return pool().submit(fn, *args).result(timeout=timeout)
    except BrokenProcessPool:
        pool.clear()  # a worker that died is replaced for the next job
        raise


def run_heavy(fn, *args, timeout: float = 600):
    """Run a long job (all kits of a year) in its worker process and wait for it."""
    return _run_in(heavy_jobs, fn, *args, timeout=timeout)


def run_heavy_with_progress(fn, *args, progress_path: str, on_progress, timeout: float = 900):
    """run_heavy for a job that writes 'done/total' to `progress_path` as it goes: the page shows it while it
    waits (a progress bar), reading the small file every few tenths of a second. TimeoutError when the job has not
    moved on for `timeout` seconds."""
    import time

    try:
        future = heavy_jobs().submit(fn, *args)
    except BrokenProcessPool:
        heavy_jobs.clear()
        raise
    # The timeout counts from the last kit made, not from the start: the worker yields the CPU to teachers (nice),
    # so on a busy server a year of kits may take long, and only a job that stops moving is given up.
    moved, last = time.monotonic(), ""
    while not future.done():
        if time.monotonic() - moved > timeout:
            future.cancel()
            raise TimeoutError
        try:
            seen = Path(progress_path).read_text(encoding="ascii")
            done, total = seen.split("/")
            on_progress(int(done), int(total))
        except (OSError, ValueError):
            pass
        else:
            if seen != last:
                moved, last = time.monotonic(), seen
        time.sleep(0.3)
    try:
        return future.result()
    except BrokenProcessPool:
        heavy_jobs.clear()
        raise


# --- Sessions that have gone: their handles closed ----------------------------------------------------------

_SEEN: dict[str, float] = {}
"""Session id → when it was last seen connected (time.monotonic); only kept while close_disconnected_sessions runs,
so a server started without it (streamlit run planner/app.py) collects no ids."""
_CLOSING = False


def track_session() -> None:
    """Note this run's session (app.py calls it on every run), so close_disconnected_sessions knows it."""
    import time

    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if _CLOSING and ctx is not None:
        _SEEN[ctx.session_id] = time.monotonic()


async def close_disconnected_sessions(interval: float | None = None) -> None:
    """Shut down each session that has been disconnected for longer than Streamlit keeps it for a reconnect.

    Streamlit keeps the last 128 disconnected sessions for `server.disconnectedSessionTTL` (120 s) so a tab that
    lost its connection gets its work back. Each holds an event loop of its own (two sockets and an epoll handle),
    and when the time is up Streamlit drops it without shutting it down: the handles stay open until another
    session happens to disconnect (about 390 after 500 sessions). This closes them as the time runs out. Runs on
    the server's event loop (deploy/serve.py starts it), as Runtime.close_session must, and uses only Streamlit's
    public Runtime methods."""
    import asyncio
    import time

    from streamlit.runtime import Runtime

    global _CLOSING
    _CLOSING = True
    ttl = float(st.get_option("server.disconnectedSessionTTL"))
    interval = interval or max(0.25, min(5.0, ttl / 4))
    while True:
        await asyncio.sleep(interval)
        if not Runtime.exists():
            continue
        runtime, now = Runtime.instance(), time.monotonic()
        for session_id, seen in list(_SEEN.items()):
            if runtime.is_active_session(session_id):
                _SEEN[session_id] = now
            elif now - seen >= ttl - interval:
                # Disconnected for at least ttl - 2 × interval, and still in Streamlit's store (after the ttl the
                # store no longer hands it out, and close_session could not reach it).
                _SEEN.pop(session_id, None)
                runtime.close_session(session_id)  # a no-op for a session Streamlit has already closed


# --- Downloads made in a worker: on disk only until they are taken ------------------------------------------


class Spooled:
    """A download that a worker process writes to disk (all kits of a year can be tens of MB, too much to hold in
    every session that never downloads it). It lives in a folder of its own, readable by this user only and named
    without any school, class or lesson, and the folder is removed when the file is taken (downloaded), when the
    session ends (the object goes with the session's state), when the app exits, and at the next start
    (sweep_spools) if the app was killed. After the download the bytes stay in memory, so the button works again."""

    def __init__(self, name: str = "download.zip"):
        import tempfile
        import threading
        import weakref

        self.folder = Path(tempfile.mkdtemp(prefix=tempfolders.prefix()))
        self.path = self.folder / name
        self.progress = self.folder / "progress"
        self._data: bytes | None = None
        self._lock = threading.Lock()  # two presses of the button at once: one reads, both get the bytes
        self._finalizer = weakref.finalize(self, tempfolders.remove, str(self.folder))

    @property
    def ready(self) -> bool:
        return self._data is not None or self.path.is_file()

    def take(self) -> bytes:
        """The file's bytes; the file and its folder are gone from disk after the first call."""
        with self._lock:
            if self._data is None:
                self._data = self.path.read_bytes()
                self.remove()
            return self._data

    def remove(self) -> None:
        self._finalizer()


def sweep_spools() -> int:
    """What a killed app left in the temp folder goes (documents/tempfolders.py); the number of folders removed."""
    return tempfolders.sweep()


@st.cache_resource(show_spinner=False)
def swept_at_start() -> int:
    """sweep_spools once per server process (app.py calls this on every run; only the first one sweeps)."""
    return sweep_spools()


@st.cache_data(max_entries=64, show_spinner=False)
def kit_output(plan_json: str, want: str) -> bytes:
    """One kit job in the kit worker: the plan as the page holds it (the class's details included) and what to hand
    back – one document, the zip or the PDF zip. Kept for a while in memory only: the same request again (a second
    click, or a colleague with the same lesson) costs nothing."""
    from ..documents import kit as K
    from ..documents import pdf as PDF

    timeout = PDF.TIMEOUT_S + 30 if want == K.PDF_ZIP else 120
    return _run_in(kit_jobs, K.kit_job, plan_json, want, timeout=timeout)


@st.cache_data(max_entries=4, show_spinner=False)
def series_output(series_json: str) -> bytes:
    """A forløb's whole zip, built in the kit worker (series_docs.series_job) and kept in memory only, for the last
    few forløb: each is 2–3 MB."""
    from ..documents import series_docs as SD

    return _run_in(kit_jobs, SD.series_job, series_json, timeout=300)


@st.cache_data(max_entries=16, show_spinner=False)
def pdf_zip_of(files: dict[str, bytes]) -> bytes:
    """Documents (Word, PowerPoint) as PDF files in a zip, converted by LibreOffice in the kit worker."""
    from ..documents import kit as K
    from ..documents import pdf as PDF

    return K.zip_files(_run_in(kit_jobs, PDF.to_pdf, files, timeout=PDF.TIMEOUT_S + 30))


def pdf_available() -> bool:
    from ..documents import pdf as PDF

    return PDF.available()
