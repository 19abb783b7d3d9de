"""Word documents as PDF, for teachers on iPads and Chromebooks: LibreOffice converts a whole kit.

The PDFs are tagged (PDF/UA): a screen reader finds the headings, tables, alt text, title and Danish language.

Warm: LibreOffice takes seconds to start and a fraction of a second to convert a document once it runs, so a
server's kit worker keeps LibreOffice running between kits (WARM_ENV; deploy/serve.py turns it on), through
unoserver (PyPI; its server runs in the Python that has LibreOffice's `uno` module, Debian's python3-uno, and this
process talks to it over XML-RPC on 127.0.0.1). The documents go to it and the PDFs come back as bytes: nothing of a class's documents is written to
disk by this side, and LibreOffice's own profile and temporary files are in a folder of this process's own, removed
when it ends (and swept at the next start if it was killed, documents/tempfolders.py). unoserver has no password:
any local user can reach its port, which is why the server runs in a container of its own (deploy/README.md).

Cold, the fallback when unoserver or python3-uno is missing, or the warm LibreOffice fails: LibreOffice starts once
per kit with a profile of its own in a temporary folder, so two conversions at the same time never share one.
Everything it writes is in that folder, which is removed when the conversion ends, however it ends.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import tempfolders

TIMEOUT_S = 120
INSTALL_HINT = ("PDF kræver LibreOffice på den maskine, der kører Klassekit. På Debian og Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui. Indtil da kan du hente "
                "Word-filerne og gemme dem som PDF i Word eller Google Docs.")

# Tagged PDF (headings, lists, tables, alt text and the document's language for screen readers) and PDF/UA: the
# document's title (Word's title property) is shown instead of the file name. LibreOffice 7.4+ reads these JSON
# filter options; the title and the language (da-DK) come from the Word file itself (docx_base.new_document).
EXPORT_OPTIONS = {"UseTaggedPDF": True, "PDFUACompliance": True, "ExportBookmarks": True}
EXPORT_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {k: {"type": "boolean", "value": str(v).lower()} for k, v in EXPORT_OPTIONS.items()}, separators=(",", ":"))


CONVERTIBLE = (".docx", ".pptx")
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value>
</prop></item>
</oor:items>
"""
"""Danish as the locale of the conversion's own profile: Impress gives a slide deck's PDF the locale's language
(Writer takes it from the Word file), so the deck's PDF is marked da-DK for screen readers too."""


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, or the conversion failed; the message says what to do, in Danish."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """{'laererplan.docx': bytes, 'praesentation.pptx': …} -> {'laererplan.pdf': bytes, …}: by this process's
    warm LibreOffices where they are wanted (WARM_ENV) and work, else in one cold LibreOffice run."""
    if soffice() is None:
        raise PdfUnavailable(INSTALL_HINT)
    if not any(name.endswith(CONVERTIBLE) for name in files):
        return {}
    if offices():
        try:
            return to_pdf_warm(files)
        except WarmUnavailable:
            pass  # the kit is converted cold; the next one tries a fresh warm LibreOffice
    return to_pdf_cold(files)


def to_pdf_cold(files: dict[str, bytes]) -> dict[str, bytes]:
    """to_pdf in one LibreOffice run started for this kit (Writer's PDF export also takes the slide deck, one page
    per slide)."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(INSTALL_HINT)
    docx = {name: data for name, data in files.items() if name.endswith(CONVERTIBLE)}
    if not docx:
        return {}
    with tempfile.TemporaryDirectory(prefix=tempfolders.prefix()) as tmp:  # swept at the next start if killed
        root = Path(tmp)
        src, out = root / "in", root / "out"
        src.mkdir()
        out.mkdir()
        paths = []
        for i, (name, data) in enumerate(docx.items()):
            # Plain ASCII names on disk: the real names (with æ, ø, å) are given back below.
            path = src / f"{i:02d}{Path(name).suffix}"
            path.write_bytes(data)
            paths.append(path)
        (root / "tmp").mkdir()
        (root / "profile" / "user").mkdir(parents=True)
        (root / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", EXPORT_FILTER, "--outdir", str(out), *map(str, paths)]
        try:
            # LibreOffice's own temporary files (lu*.tmp) go inside this folder too, so a conversion that is
            # killed or crashes leaves nothing of a class's documents in the machine's temp folder.
            env = {**os.environ, "TMPDIR": str(root / "tmp"), "TMP": str(root / "tmp"), "TEMP": str(root / "tmp")}
            subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S, env=env)
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable("LibreOffice kunne ikke lave PDF-filerne. Prøv igen, eller hent Word-filerne.") from exc
        result = {}
        for i, name in enumerate(docx):
            pdf = out / f"{i:02d}.pdf"
            if not pdf.is_file() and name.endswith(".pptx"):
                continue  # LibreOffice without Impress: the deck stays a .pptx, the documents still get their PDFs
            if not pdf.is_file():
                raise PdfUnavailable(f"LibreOffice lavede ikke en PDF af {name}. Prøv igen, eller hent Word-filen.")
            result[str(Path(name).with_suffix(".pdf"))] = pdf.read_bytes()
        return result


# --- Warm: one LibreOffice kept running by unoserver --------------------------------------------------------------

WARM_START_S = 60
"""How long a starting LibreOffice may take before the kit is converted cold instead."""
FILTER_OPTIONS = [f"{k}={str(v).lower()}" for k, v in EXPORT_OPTIONS.items()]
"""The cold path's export options, as unoserver takes them (its FilterData)."""
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
"""Where LibreOffice's Python bridge (`uno`) is found: Debian's python3-uno, or LibreOffice's own Python."""


class WarmUnavailable(RuntimeError):
    """The warm converter cannot be used here or now; the cold path takes the kit."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _uno_python() -> str | None:
    """A Python that can import LibreOffice's `uno` module (KLASSEKIT_UNO_PYTHON first, if set)."""
    for exe in filter(None, (os.environ.get("KLASSEKIT_UNO_PYTHON"), *UNO_PYTHONS)):
        if os.access(exe, os.X_OK) and subprocess.run([exe, "-c", "import uno"], capture_output=True,
                                                      timeout=30, check=False).returncode == 0:
            return exe
    return None


WATCHDOG = r"""
import os, signal, subprocess, sys, time
parent = os.getppid()
signal.signal(signal.SIGTERM, lambda *_: None)  # the group's SIGTERM is for unoserver; this one cleans up after it
server = subprocess.Popen([sys.executable, "-m", "unoserver.server", *sys.argv[1:]])
while server.poll() is None and os.getppid() == parent:
    time.sleep(0.5)
if server.poll() is None:  # the converting process has gone
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        pass
os.killpg(0, signal.SIGKILL)  # whatever of LibreOffice is left, and this watchdog
"""
"""The leader of a warm office's process group: starts unoserver (which starts LibreOffice) and ends the whole group
when unoserver ends or when the process that started it has gone, however it went (a killed kit worker must leave
no LibreOffice behind; unoserver alone passes a SIGTERM on, but LibreOffice's launcher does not always end)."""


def _running_in_group(group: int) -> bool:
    """Whether a process of this process group still runs (Linux's /proc; elsewhere the group is taken as gone)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[2] == str(group) and fields[0] != "Z":
            return True
    return False


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self._timeout
        return conn


class WarmOffice:
    """One LibreOffice, started through unoserver and kept for this process's later kits."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("unoserver")
        exe, python = soffice(), _uno_python()
        if spec is None or not spec.submodule_search_locations or exe is None or python is None:
            raise WarmUnavailable("unoserver, python3-uno or LibreOffice is missing")
        self.folder = Path(tempfile.mkdtemp(prefix=tempfolders.prefix()))
        try:
            profile, tmp, pkg = self.folder / "profile", self.folder / "tmp", self.folder / "pkg"
            (profile / "user").mkdir(parents=True)
            (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
            tmp.mkdir()
            # Only unoserver itself on the other Python's path, not this environment's other packages.
            pkg.mkdir()
            package = Path(next(iter(spec.submodule_search_locations)))
            for part in (package, *package.parent.glob("unoserver-*.dist-info")):  # it reads its own version
                (pkg / part.name).symlink_to(part)
            self.port = _free_port()
            env = {**os.environ, "PYTHONPATH": str(pkg), "TMPDIR": str(tmp), "TMP": str(tmp), "TEMP": str(tmp)}
            # A process group of its own, led by WATCHDOG: close() ends the whole group, and the group ends itself
            # if this process goes.
            self.proc = subprocess.Popen(
                [python, "-c", WATCHDOG, "--interface", "127.0.0.1", "--port", str(self.port),
                 "--uno-port", str(_free_port()), "--executable", exe, "--user-installation", str(profile),
                 "--temp-dir", str(tmp), "--conversion-timeout", str(TIMEOUT_S), "--quiet"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                start_new_session=True)
            self._wait_until_ready()
        except BaseException:
            self.close()
            raise

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self.port}", allow_none=True,
                                         transport=_TimeoutTransport(timeout))

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + WARM_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise WarmUnavailable(f"unoserver stopped ({self.proc.returncode})")
            try:
                with self._proxy(5) as proxy:
                    info = proxy.info()
                if not isinstance(info, dict) or info.get("api") != "3":  # the API convert() is written for
                    raise WarmUnavailable("unoserver speaks another API")
                return
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
        raise WarmUnavailable("LibreOffice did not start in time")

    @property
    def alive(self) -> bool:
        return getattr(self, "proc", None) is not None and self.proc.poll() is None

    def convert(self, data: bytes) -> bytes:
        with self._proxy(TIMEOUT_S + 10) as proxy:
            # convert(inpath, indata, outpath, convert_to, filtername, filter_options, update_index, infiltername,
            # password): bytes in, bytes out; the export filter is LibreOffice's own for the document's kind.
            result = proxy.convert(None, data, None, "pdf", None, FILTER_OPTIONS, False, None, None)
        if not isinstance(result, xmlrpc.client.Binary):
            raise WarmUnavailable("unoserver gave no document back")
        return result.data

    def close(self) -> None:
        proc = getattr(self, "proc", None)
        if proc is not None:
            # Killed at once, the whole group: nothing of it is kept (its profile and temporary files are removed
            # below), and after a slide deck LibreOffice ignores a SIGTERM, which cost every stop a 15 s wait.
            self._signal_group(signal.SIGKILL)
            proc.wait()
            self._wait_for_group_to_end()
        tempfolders.remove(str(self.folder))

    def _wait_for_group_to_end(self, within_s: float = 10) -> None:
        """A killed LibreOffice takes a moment to go (its threads end one by one); close() returns when no process of
        the group runs any more, so nothing of the office is left when the caller goes on. Zombies hold nothing."""
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline and _running_in_group(self.proc.pid):
            time.sleep(0.02)

    def _signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)


WARM_ENV = "KLASSEKIT_PDF_OFFICES"
"""How many warm LibreOffices a converting process keeps; unset or 0: none, every kit is converted cold. The server
(deploy/serve.py) turns it on for its kit workers, which live for as long as the server; a one-off run (the CLI, a
teacher's own "Start appen") is better off cold: a warm start costs more than the one kit it would speed up."""


def offices() -> int:
    """The warm LibreOffices wanted here (WARM_ENV, at most 4; each costs about 200 MB). A kit's documents are
    split between them, so with two on two free cores a kit takes about half the time."""
    try:
        return max(0, min(4, int(os.environ.get(WARM_ENV, "0"))))
    except ValueError:
        return 0


def default_offices() -> int:
    """One warm LibreOffice per core, at most two: what the server asks for."""
    return min(2, os.cpu_count() or 1)


_warm: list[WarmOffice] = []
_warm_lock = threading.Lock()  # one kit at a time per process; its documents are spread over the offices


def close_warm() -> None:
    """Stop this process's warm LibreOffices and remove their folders (also at exit)."""
    while _warm:
        _warm.pop().close()


atexit.register(close_warm)


def _start_offices(n: int) -> list[WarmOffice]:
    with ThreadPoolExecutor(n) as pool:
        started = [pool.submit(WarmOffice) for _ in range(n)]
    offices_, failed = [], None
    for future in started:
        try:
            offices_.append(future.result())
        except WarmUnavailable as exc:
            failed = exc
    if failed is not None:
        for office in offices_:
            office.close()
        raise failed
    return offices_


def to_pdf_warm(files: dict[str, bytes]) -> dict[str, bytes]:
    """to_pdf by the LibreOffices this process keeps running (started on first use; offices(), or
    default_offices() where WARM_ENV is not set), the documents shared out between them, biggest first.
    WarmUnavailable if they cannot be started or one fails on this kit: they are then stopped, and the next kit
    starts fresh ones."""
    wanted = offices() or default_offices()
    docs = sorted(((name, data) for name, data in files.items() if name.endswith(CONVERTIBLE)),
                  key=lambda item: -len(item[1]))
    with _warm_lock:
        try:
            if len(_warm) != wanted or not all(office.alive for office in _warm):
                close_warm()
                _warm.extend(_start_offices(wanted))
            shares = [docs[i::len(_warm)] for i in range(len(_warm))]

            def convert_share(office: WarmOffice, share) -> dict[str, bytes]:
                return {str(Path(name).with_suffix(".pdf")): office.convert(data) for name, data in share}

            with ThreadPoolExecutor(len(_warm)) as pool:
                parts = list(pool.map(convert_share, _warm, shares))
            converted = {k: v for part in parts for k, v in part.items()}
            # the kit's own order, as the cold path gives it
            return {str(Path(name).with_suffix(".pdf")): converted[str(Path(name).with_suffix(".pdf"))]
                    for name in files if name.endswith(CONVERTIBLE)}
        except WarmUnavailable:
            close_warm()
            raise
        except (OSError, xmlrpc.client.Error) as exc:
            close_warm()
            raise WarmUnavailable(str(exc)) from exc


def warm_running() -> bool:
    """Whether this process has its warm LibreOffices running."""
    return bool(_warm) and all(office.alive for office in _warm)
