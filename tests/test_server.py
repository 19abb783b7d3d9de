"""The app as the Dockerfile starts it (`streamlit run deploy/serve.py`), over HTTP and its websocket: it sends its
own security headers without the proxy, works as before, and closes the handles of sessions that have gone."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT / "deploy"))

import streamlit_client as sc  # noqa: E402

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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "deploy/serve.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none",
         f"--server.disconnectedSessionTTL={TTL_S}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(temp_folder)})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        yield proc, url
    finally:
        proc.kill()
        proc.wait()


def headers_of(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as exc:  # a 404 gets the headers too
        return {k.lower(): v for k, v in exc.headers.items()}


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

    body = asyncio.run(open_lesson_and_kit())
    assert body[:2] in (b"PK", b"%P")  # a zip or a document, fetched over the websocket's media route


def test_sessions_that_have_gone_leave_no_handles_open(server):
    proc, url = server
    handles = lambda: len(os.listdir(f"/proc/{proc.pid}/fd"))  # noqa: E731

    async def sessions(n: int):
        for _ in range(n):
            async with sc.StreamlitSession(url, timeout=120) as s:
                await s.rerun()

    asyncio.run(sessions(1))
    time.sleep(TTL_S + 2)
    before = handles()
    asyncio.run(sessions(30))
    opened = handles() - before
    assert opened >= 30  # each disconnected session is kept, with its event loop, for a reconnect …
    time.sleep(TTL_S + 2)
    assert handles() <= before + 3  # … and closed when that time is up, with no other session to trigger it
