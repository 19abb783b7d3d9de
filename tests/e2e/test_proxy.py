"""Klassekit as a kommune runs it: two app instances behind the real nginx configuration in deploy/, driven in
Chromium from plan to kit download, with the security headers Streamlit does not set."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest
from playwright.sync_api import expect

from browser_support import choose, wait_for_app
from support import IN_CI, ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not os.path.exists(NGINX) and not IN_CI,
                                reason="nginx mangler; installér med apt install nginx (det gør .ci/run)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc) -> None:
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read() if proc.stdout else "stoppede")
            time.sleep(0.1)
    raise RuntimeError(f"{url} svarer ikke")


@pytest.fixture(scope="module")
def second_app(tmp_path_factory):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "planner/app.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "HOME": str(tmp_path_factory.mktemp("home2"))})
    try:
        wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def proxy_url(app_url, second_app, tmp_path_factory):
    assert os.path.exists(NGINX), "nginx skal være installeret i CI"
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "logs").mkdir()
    (prefix / "run").mkdir()
    port = free_port()
    conf = (ROOT / "deploy" / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    upstreams = re.findall(r"^\s*server 127\.0\.0\.1:\d+;\n", conf, re.M)
    assert len(upstreams) >= 2, "the shipped configuration shows how to run several instances"
    conf = conf.replace("".join(upstreams), f"        server {app_url.removeprefix('http://')};\n"
                                             f"        server {second_app};\n")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf")],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/_stcore/health", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_proxy_adds_the_security_headers(proxy_url):
    with urllib.request.urlopen(proxy_url + "/") as r:
        headers = r.headers
    csp = headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob:" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "nginx/" not in (headers.get("Server") or "")


def test_plan_a_lesson_and_download_the_kit_through_the_proxy(browser, proxy_url, tmp_path):
    ctx = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    outside, blocked = [], []
    page.on("request", lambda r: None if r.url.startswith((proxy_url, "data:", "blob:")) else outside.append(r.url))
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        response = page.goto(proxy_url)
        assert response.headers["x-frame-options"] == "DENY"
        wait_for_app(page)
        choose(page, "Trin", "Mellemtrin (4.–6. klasse)")
        page.get_by_role("button", name="Lav lektionsplan").click()
        wait_for_app(page)
        expect(page.locator("h2").first).to_contain_text("Mellemtrin")
        page.get_by_role("tab", name="Tidslinje").click()  # a Vega chart: it must draw under the policy
        expect(page.locator("canvas, svg.marks").first).to_be_visible()
        with page.expect_download() as dl:
            page.get_by_role("button", name="Hele sættet (.zip)").click()
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        with zipfile.ZipFile(path) as z:
            assert "elevark.docx" in z.namelist()
        page.goto(proxy_url + "/aarshjul")  # the year wheel's chart must draw under the policy, too
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0
        assert outside == [] and blocked == [], (outside, blocked)
    finally:
        ctx.close()
