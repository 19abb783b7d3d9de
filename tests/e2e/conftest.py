"""A real Streamlit server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import IN_CI, ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    missing = not os.path.exists(CHROMIUM)
    for item in items:
        item.add_marker(pytest.mark.e2e)
        if missing and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=f"Chromium mangler ({CHROMIUM}); installér med apt install chromium"))


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tmp_path_factory.mktemp("home")  # the app must write nothing here; a test checks that
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "planner/app.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "HOME": str(home)})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("Streamlit startede ikke: " + (proc.stdout.read() if proc.poll() is not None else ""))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_home(app_url, tmp_path_factory):
    return next(p for p in tmp_path_factory.getbasetemp().iterdir() if p.name.startswith("home"))


@pytest.fixture(scope="session")
def browser():
    assert os.path.exists(CHROMIUM), f"Chromium skal være installeret i CI ({CHROMIUM})"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


DESKTOP = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def context(browser):
    """One browser context for all the browser tests of a test process: Chromium keeps the app's scripts compiled in
    its cache there. A page in a fresh context compiles them again and costs three times the CPU (2.6 against 0.8 s a
    page load, measured). Each test still gets pages of its own, and what the app keeps in the browser goes after it
    (`new_page`)."""
    ctx = browser.new_context(locale="da-DK", viewport=DESKTOP, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def new_page(context, app_url):
    """Make a page (a new Streamlit session) at the viewport a test asks for; each page notes any request that leaves
    127.0.0.1 in `page.outside_requests`. When the test ends its pages close and the app's cookies and storage are
    cleared, so the next test starts as a new visitor."""
    pages = []

    def make(viewport=DESKTOP):
        pg = context.new_page()
        pg.set_viewport_size(viewport)
        pg.set_default_timeout(30_000)
        pg.outside_requests = []
        pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
              else pg.outside_requests.append(r.url))
        pages.append(pg)
        return pg

    yield make
    try:
        for pg in pages:
            if not pg.is_closed():
                pg.close()
        # Storage belongs to the app's address, not to a page: cleared from a page of its own, whatever the test
        # closed or left.
        cleaner = context.new_page()
        try:
            cleaner.goto(f"{app_url}/_stcore/health")
            cleaner.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        finally:
            cleaner.close()
    finally:
        context.clear_cookies()


@pytest.fixture
def page(new_page):
    return new_page()
