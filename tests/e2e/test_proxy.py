"""Klassekit as a kommune runs it: two app instances behind the real HAProxy configuration in deploy/, driven in
Chromium from plan to kit download, with the security headers Streamlit does not set, and a school's worth of
teachers from one address spread over both instances, each getting their kit."""

import asyncio
import collections
import io
import os
import sys
import urllib.request
import zipfile

import pytest
from browser_support import choose, wait_for_app
from playwright.sync_api import expect
from support import IN_CI, ROOT, run_apart

sys.path.insert(0, str(ROOT / "deploy"))

import cluster
import streamlit_client as sc

pytestmark = pytest.mark.skipif(not os.path.exists(cluster.HAPROXY) and not IN_CI,
                                reason="haproxy mangler; installér med apt install haproxy (det gør .ci/run)")

TEACHERS = 24
"""More than 20 sessions, all from 127.0.0.1 as from behind a school's router."""


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    started = []
    try:
        for i in range(2):
            started.append(cluster.start_instance(env={"HOME": str(tmp_path_factory.mktemp(f"home{i}"))}))
        yield [url for _, url in started]
    finally:
        for proc, _ in started:
            cluster.stop(proc)


@pytest.fixture(scope="module")
def proxy_url(instances, tmp_path_factory):
    assert os.path.exists(cluster.HAPROXY), "haproxy skal være installeret i CI"
    proc, url = cluster.start_proxy(tmp_path_factory.mktemp("haproxy"), instances)
    try:
        yield url
    finally:
        cluster.stop(proc)


def test_the_proxy_adds_the_security_headers(proxy_url):
    with urllib.request.urlopen(proxy_url + "/") as r:
        headers = r.headers
    csp = headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob:" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Server" not in headers  # no software name or version for a scanner


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


LESSONS = [("indskoling", "hvor-kan-jeg-faa-hjaelp", "lektion"), ("mellemtrin", "trivsel-paa-nettet", "lektion"),
           ("udskoling", "hjaelp-en-ven", "dobbeltlektion")]


def test_teachers_behind_one_address_are_spread_over_the_instances_and_each_gets_their_kit(proxy_url):
    async def teacher(i: int) -> tuple[str, bytes]:
        band, theme, template = LESSONS[i % len(LESSONS)]
        async with sc.StreamlitSession(proxy_url, timeout=300) as s:
            run = await s.rerun(f"band={band}&template={template}&themes={theme}")
            button = run.find("download_button", "Hele sættet (.zip)")
            # the kit is made by the instance that holds this session, and fetched from it over HTTP: a request
            # that went elsewhere would answer 404
            kit = await s.deferred_file(button.download_button.deferred_file_id)
            return s.cookies[cluster.ROUTE_COOKIE], kit

    async def school():
        return await asyncio.gather(*(teacher(i) for i in range(TEACHERS)), return_exceptions=True)

    results = run_apart(school())  # Playwright's sync API holds this thread's event loop
    failed = [r for r in results if isinstance(r, BaseException)]
    assert failed == [], failed
    for _, kit in results:
        with zipfile.ZipFile(io.BytesIO(kit)) as z:
            assert "elevark.docx" in z.namelist()
    served = collections.Counter(route for route, _ in results)
    assert set(served) == {"app1", "app2"}
    assert all(n >= 0.3 * TEACHERS for n in served.values()), served


def test_a_browser_stays_with_its_instance(proxy_url):
    """The first answer names the browser's instance in an HttpOnly cookie; later requests that carry it are not
    given another (the proxy re-sets the cookie whenever it has to send a browser elsewhere)."""
    def route_cookies(response) -> list[str]:
        return [c for c in response.headers.get_all("Set-Cookie") or [] if c.startswith(cluster.ROUTE_COOKIE + "=")]

    [cookie] = route_cookies(urllib.request.urlopen(proxy_url + "/_stcore/health"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    route = cookie.split(";", 1)[0]
    for _ in range(6):
        again = urllib.request.urlopen(urllib.request.Request(proxy_url + "/_stcore/health", headers={"Cookie": route}))
        assert route_cookies(again) == []
