"""Load test: N teachers at once against a local Klassekit server.

Each teacher opens a lesson plan and downloads the whole kit (.zip). One extra user builds "alle klassesæt" on the
Årshjul page meanwhile, and a probe user measures how long a light page takes to answer, to see whether the heavy job
stalls others. Prints median and p95 seconds to a downloaded kit, the probe's baseline and worst answer time under
load, errors, and the server's memory and CPU. Not a CI test; run it by hand:

    .venv/bin/python deploy/load.py --sessions 1 10 25

Two kinds of client:

--client protocol (default)  each teacher speaks Streamlit's websocket protocol directly (deploy/streamlit_client.py):
    it opens the plan through the app's share link (``?band=…&template=lektion``), asks for the zip's deferred file
    and fetches it. Cheap enough that the figures measure the server, not the load generator. "Time to downloaded
    kit" runs from asking for the zip to having all of its bytes.
--client browser  each teacher is a headless Chromium tab that picks the band, presses "Lav lektionsplan" and
    downloads the zip. Closer to a real teacher, but on a small machine the browsers take most of the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-quic"]
MAX_SESSIONS = 60


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "planner/app.py", "--server.headless=true",
                             f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("Serveren startede ikke.")


def cpu_s(pid: int) -> float:
    """CPU seconds used by the server and its worker processes (so the load generator's own share can be told)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def machine_busy_s() -> float:
    """CPU seconds all cores spent busy, from /proc/stat: the server's share of it shows who the bottleneck is."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- Browser clients (headless Chromium through Playwright) -----------------------------------------------


async def idle(page) -> None:
    await page.wait_for_timeout(200)
    await page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached",
                                                                                              timeout=120_000)


async def browser_teacher(browser, url: str, band: str) -> float:
    ctx = await browser.new_context(accept_downloads=True)
    page = await ctx.new_page()
    page.set_default_timeout(120_000)
    try:
        await page.goto(url)
        await idle(page)
        box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Trin", exact=True))
        await box.locator("input").click()
        await page.get_by_role("option", name=band, exact=True).click()
        await idle(page)
        await page.get_by_role("button", name="Lav lektionsplan").click()
        await idle(page)
        started = time.perf_counter()
        async with page.expect_download() as dl:
            await page.get_by_role("button", name="Hele sættet (.zip)").click()
        await (await dl.value).path()
        return time.perf_counter() - started
    finally:
        await ctx.close()


async def browser_all_kits(browser, url: str) -> None:
    ctx = await browser.new_context(accept_downloads=True)
    page = await ctx.new_page()
    page.set_default_timeout(300_000)
    try:
        await page.goto(url + "/aarshjul")
        await idle(page)
        await page.get_by_role("button", name="Lav alle klassesæt").click()
        await idle(page)
    finally:
        await ctx.close()


async def browser_probe(browser, url: str, stop: asyncio.Event, baseline: list[float], ready: asyncio.Event) -> list[float]:
    """How long a light step takes to answer: change the band filter on Materialer again and again. The first
    rounds, before the others start, are the baseline."""
    ctx = await browser.new_context()
    page = await ctx.new_page()
    page.set_default_timeout(120_000)
    times: list[float] = []
    bands = ["Indskoling (0.–3. klasse)", "Mellemtrin (4.–6. klasse)"]
    try:
        await page.goto(url + "/materialer")
        await idle(page)
        box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Trin", exact=True))
        i = 0
        while not stop.is_set():
            started = time.perf_counter()
            await box.locator("input").click()
            await page.get_by_role("option", name=bands[i % 2], exact=True).click()
            await idle(page)
            i += 1
            (times if ready.is_set() else baseline).append(time.perf_counter() - started)
            if len(baseline) >= 3:
                ready.set()
    finally:
        await ctx.close()
    return times


async def run_browser(url: str, sessions: int, heavy: bool) -> tuple[list, list[float], list[float], dict]:
    from playwright.async_api import async_playwright

    bands = ["Indskoling (0.–3. klasse)", "Mellemtrin (4.–6. klasse)", "Udskoling (7.–9. klasse)"]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stop, ready, baseline = asyncio.Event(), asyncio.Event(), []
        probing = asyncio.create_task(browser_probe(browser, url, stop, baseline, ready))
        await ready.wait()
        job = asyncio.create_task(browser_all_kits(browser, url)) if heavy else None
        results = await asyncio.gather(*(browser_teacher(browser, url, bands[i % 3]) for i in range(sessions)),
                                       return_exceptions=True)
        if job:
            await job
        stop.set()
        probe_times = await probing
        await browser.close()
    return results, baseline, probe_times, {}


# --- Protocol clients (Streamlit's websocket protocol, no browser) -------------------------------------------------

KIT_LABEL = "Hele sættet (.zip)"
PROBE_PAUSE_S = 0.5  # between probe rounds, so the probe itself stays a light user


def _client():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import streamlit_client

    return streamlit_client


def _page_errors(run) -> list[str]:
    from streamlit.proto.Alert_pb2 import Alert

    return [e.alert.body for e in run.elements if e.WhichOneof("type") == "alert" and e.alert.format == Alert.ERROR]


# Each teacher asks for a different lesson (band × theme × length), so the app's kit cache cannot flatter the figures.
LESSONS = [(band, theme, template)
           for template in ("lektion", "dobbeltlektion", "klassens-tid")
           for theme in ("hvor-kan-jeg-faa-hjaelp", "trivsel-paa-nettet", "hjaelp-en-ven")
           for band in ("indskoling", "mellemtrin", "udskoling")]


async def protocol_teacher(url: str, lesson: tuple[str, str, str], plan_times: list[float]) -> float:
    """Open a plan through its share link, then ask for the whole kit and fetch it. Returns the seconds from asking
    for the zip to having it."""
    sc = _client()
    band, theme, template = lesson
    async with sc.StreamlitSession(url, timeout=300) as s:
        # the lesson page is the app's default page
        run = await s.rerun(f"band={band}&template={template}&themes={theme}")
        plan_times.append(run.seconds)
        button = run.find("download_button", KIT_LABEL)
        if button is None or not button.download_button.deferred_file_id:
            raise sc.ProtocolError(f"no deferred {KIT_LABEL!r} button: {_page_errors(run)[:1]}")
        started = time.perf_counter()
        body = await s.deferred_file(button.download_button.deferred_file_id)
        took = time.perf_counter() - started
        if not body.startswith(b"PK"):
            raise sc.ProtocolError(f"the kit is not a zip: {body[:20]!r}")
        return took


async def protocol_all_kits(url: str) -> float:
    """Årshjul: the default year plan, then press "Lav alle klassesæt" and wait until the page has finished."""
    sc = _client()
    async with sc.StreamlitSession(url, timeout=660) as s:
        run = await s.rerun(page_name="aarshjul")
        button = run.find("button", "Lav alle klassesæt")
        if button is None:
            raise sc.ProtocolError(f"no 'Lav alle klassesæt' button: {_page_errors(run)[:1]}")
        run = await s.rerun(page_name="aarshjul", widgets=[sc.trigger(button.button.id)])
        if run.find("download_button", "Hent alle klassesæt (.zip)") is None:
            raise sc.ProtocolError(f"alle klassesæt failed: {_page_errors(run)[:1]}")
        return run.seconds


async def protocol_probe(url: str, stop: asyncio.Event, baseline: list[float], ready: asyncio.Event) -> list[float]:
    """How long a light step takes to answer: change the band filter on Materialer again and again (a rerun with
    the selectbox's new value, as the frontend sends it). The first rounds, before the others start, are the
    baseline."""
    sc = _client()
    times: list[float] = []
    try:
        async with sc.StreamlitSession(url, timeout=300) as s:
            run = await s.rerun(page_name="materialer")
            box = run.find("selectbox", "Trin")
            if box is None:
                raise sc.ProtocolError("no 'Trin' selectbox on Materialer")
            bands = list(box.selectbox.options[1:3])  # indskoling, mellemtrin
            i = 0
            while not stop.is_set():
                run = await s.rerun(page_name="materialer", widgets=[sc.choose(box.selectbox.id, bands[i % 2])])
                i += 1
                (times if ready.is_set() else baseline).append(run.seconds)
                if len(baseline) >= 3:
                    ready.set()
                try:
                    await asyncio.wait_for(stop.wait(), PROBE_PAUSE_S)
                except TimeoutError:
                    pass
    finally:
        ready.set()  # never leave run() waiting on a probe that failed
    return times


async def run_protocol(url: str, sessions: int, heavy: bool) -> tuple[list, list[float], list[float], dict]:
    cpu_before = time.process_time()
    stop, ready, baseline, plan_times = asyncio.Event(), asyncio.Event(), [], []
    probing = asyncio.create_task(protocol_probe(url, stop, baseline, ready))
    await ready.wait()
    if probing.done():
        await probing  # the probe failed before the others started: say why
    job = asyncio.create_task(protocol_all_kits(url)) if heavy else None
    results = await asyncio.gather(*(protocol_teacher(url, LESSONS[i % len(LESSONS)], plan_times)
                                     for i in range(sessions)), return_exceptions=True)
    heavy_s = None
    if job:
        heavy_result = (await asyncio.gather(job, return_exceptions=True))[0]
        if isinstance(heavy_result, float):
            heavy_s = round(heavy_result, 1)
        else:
            results.append(heavy_result)  # counts as an error
    stop.set()
    probe_times = await probing
    extra = {"plan_median_s": round(statistics.median(plan_times), 2) if plan_times else None, "heavy_s": heavy_s,
             "loadgen_cpu_s": round(time.process_time() - cpu_before, 1)}
    return results, baseline, probe_times, extra


async def run(url: str, sessions: int, pid: int | None, heavy: bool = True, client: str = "protocol") -> dict:
    cpu_before, busy_before, wall_before = cpu_s(pid) if pid else 0.0, machine_busy_s(), time.perf_counter()
    runner = run_protocol if client == "protocol" else run_browser
    results, baseline, probe_times, extra = await runner(url, sessions, heavy)
    kits = sorted(r for r in results if isinstance(r, float))
    errors = [repr(r) for r in results if not isinstance(r, float)]
    p95 = kits[min(len(kits) - 1, round(0.95 * (len(kits) - 1)))] if kits else float("nan")
    return {"client": client, "sessions": sessions, "errors": len(errors),
            "median_s": round(statistics.median(kits), 2) if kits else None,
            "p95_s": round(p95, 2), "probe_baseline_s": round(statistics.median(baseline), 2) if baseline else None,
            "probe_worst_s": round(max(probe_times), 2) if probe_times else None,
            "server_mb": round(rss_mb(pid)) if pid else None,
            "server_cpu_s": round(cpu_s(pid) - cpu_before, 1) if pid else None,
            "all_cpu_s": round(machine_busy_s() - busy_before, 1),
            "wall_s": round(time.perf_counter() - wall_before, 1), **extra, "first_error": errors[0] if errors else ""}


def main() -> int:
    ap = argparse.ArgumentParser(description="Belastningstest af Klassekit (kører ikke i CI).")
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 25])
    ap.add_argument("--url", help="en server, der allerede kører (ellers startes en lokal)")
    ap.add_argument("--no-heavy", action="store_true", help="uden den ekstra bruger, der laver alle klassesæt")
    ap.add_argument("--client", choices=["protocol", "browser"], default="protocol",
                    help="protocol: Streamlits websocket-protokol uden browser (standard, måler serveren); "
                         "browser: en headless Chromium-fane pr. lærer")
    args = ap.parse_args()
    if any(not 1 <= n <= MAX_SESSIONS for n in args.sessions):
        print(f"Fejl: --sessions skal være mellem 1 og {MAX_SESSIONS}.", file=sys.stderr)
        return 2
    proc, url = (None, args.url) if args.url else start_server()
    try:
        for n in args.sessions:
            # With --url the server is someone else's process: its memory and CPU are not known here.
            print(asyncio.run(run(url, n, proc.pid if proc else None, heavy=not args.no_heavy, client=args.client)),
                  flush=True)
    finally:
        if proc:
            proc.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
