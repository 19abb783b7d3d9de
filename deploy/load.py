"""Load test: N teachers at once against a local Klassekit server.

Each teacher opens a lesson plan and downloads the whole kit (.zip). One extra user builds "alle klassesæt" on the
Årshjul page meanwhile, and a probe user measures how long a light page takes to answer, to see whether the heavy job
stalls others. Prints median and p95 seconds to a downloaded kit, kits per minute, the probe's baseline and worst
answer time under load, every error (not only the first), and per app instance: sessions, kits, errors, memory and
CPU. Not a CI test; run it by hand:

    .venv/bin/python deploy/load.py --sessions 1 10 25 50
    .venv/bin/python deploy/load.py --instances 2 --sessions 25     # two instances behind the shipped proxy
    .venv/bin/python deploy/load.py --pin --instances 1 --sessions 50   # one instance on one core …
    .venv/bin/python deploy/load.py --pin --instances 2 --sessions 50   # … and two, each on a core of its own
    .venv/bin/python deploy/load.py --instances 2 --sessions 25 --spread 10   # 25 teachers over 10 seconds

The servers are started as the Dockerfile starts them (deploy/serve.py), N instances behind the shipped HAProxy
configuration (deploy/cluster.py), and every client comes from 127.0.0.1, as a school's teachers come from behind its
router. The proxy's route cookie tells which instance served each teacher.

    .venv/bin/python deploy/load.py --costs

measures the CPU seconds one instance spends per page run, per kit, per PDF kit and per year plan, one at a time:
the figures behind the capacity model in deploy/README.md.

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
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-quic"]
MAX_SESSIONS = 60
MAX_INSTANCES = 4
MAX_SPREAD_S = 600.0


async def arriving(i: int, sessions: int, spread_s: float, teacher, sleep=asyncio.sleep):
    """Teacher i of `sessions` starts i/sessions of the way into `spread_s` seconds: arrivals evenly spread, as
    teachers of a kommune come over a morning rather than in one second (0: all at once, the worst case)."""
    await sleep(spread_s * i / sessions)
    return await teacher


def _cluster():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import cluster

    return cluster


def start_servers(instances: int, folder: Path, pin: bool = False) -> tuple[list[subprocess.Popen], str, dict[str, int]]:
    """N instances behind the shipped proxy, each warmed: (processes to stop, the proxy's URL, route cookie → instance
    pid). With `pin`, instance i runs on core i only (as a replica given one core), the proxy and the clients on any
    core."""
    cl = _cluster()
    procs: list[subprocess.Popen] = []
    cores = sorted(os.sched_getaffinity(0)) if pin else []
    try:
        apps = [cl.start_instance(cpus=str(cores[i % len(cores)]) if pin else None) for i in range(instances)]
        procs += [proc for proc, _ in apps]
        proxy, url = cl.start_proxy(folder, [u for _, u in apps])
        procs.append(proxy)
        asyncio.run(warm([u for _, u in apps]))
    except BaseException:
        for proc in procs:
            cl.stop(proc)
        raise
    return procs, url, {f"app{i}": proc.pid for i, (proc, _) in enumerate(apps, 1)}


async def warm(urls: list[str]) -> None:
    """One kit from each instance, straight and not through the proxy, before anything is measured: a replica at the
    Uge Sex peak has long since loaded its code, content and kit worker, and a cold one would count that start as
    load. The warm-up's class is no teacher's, so no teacher's kit is waiting in a cache."""
    sc = _client()
    for url in urls:
        async with sc.StreamlitSession(url, timeout=300) as s:
            run = await s.rerun(WARM_QUERY)
            button = run.find("download_button", KIT_LABEL)
            if button is None:
                raise sc.ProtocolError(f"warming {url}: no {KIT_LABEL!r} button: {_page_errors(run)[:1]}")
            await s.deferred_file(button.download_button.deferred_file_id)


def _tree(pid: int) -> list[Path]:
    """/proc/<pid>/stat of a process and all its descendants (kit workers, LibreOffice)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            children.setdefault(int(stat.read_text().rsplit(")", 1)[1].split()[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(Path(f"/proc/{p}/stat"))
        todo += children.get(p, [])
    return found


def cpu_s(pid: int) -> float:
    """CPU seconds used by an instance and every process under it, alive or ended (an ended child's time is in its
    parent's cutime/cstime), so the load generator's own share can be told apart."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in _tree(pid):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15]) / tick
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


async def browser_teacher(browser, url: str, band: str) -> tuple[str, float, float]:
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
        done = time.perf_counter()
        return {c["name"]: c["value"] for c in await ctx.cookies()}.get(ROUTE_COOKIE, "app1"), done - started, done
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


async def run_browser(url: str, sessions: int, heavy: bool, spread_s: float = 0.0) -> tuple[list, list[float], list[float], dict]:
    from playwright.async_api import async_playwright

    bands = ["Indskoling (0.–3. klasse)", "Mellemtrin (4.–6. klasse)", "Udskoling (7.–9. klasse)"]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stop, ready, baseline = asyncio.Event(), asyncio.Event(), []
        probing = asyncio.create_task(browser_probe(browser, url, stop, baseline, ready))
        await ready.wait()
        job = asyncio.create_task(browser_all_kits(browser, url)) if heavy else None
        started = time.perf_counter()
        results = await asyncio.gather(*(arriving(i, sessions, spread_s, browser_teacher(browser, url, bands[i % 3]))
                                         for i in range(sessions)),
                                       return_exceptions=True)
        if job:
            await job
        stop.set()
        probe_times = await probing
        await browser.close()
    return results, baseline, probe_times, {"started": started}


# --- Protocol clients (Streamlit's websocket protocol, no browser) -------------------------------------------------

KIT_LABEL = "Hele sættet (.zip)"
ROUTE_COOKIE = "klassekit_route"  # deploy/haproxy/haproxy.cfg
PROBE_PAUSE_S = 0.5  # between probe rounds, so the probe itself stays a light user


def _client():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import streamlit_client

    return streamlit_client


def _page_errors(run) -> list[str]:
    from streamlit.proto.Alert_pb2 import Alert

    return [e.alert.body for e in run.elements if e.WhichOneof("type") == "alert" and e.alert.format == Alert.ERROR]


# The lessons teachers ask for (band × theme × length). Each teacher also names a class of their own, as in a kommune
# (the kit's header carries it), so no teacher is served another's kit from the app's cache and flatters the figures.
LESSONS = [(band, theme, template)
           for template in ("lektion", "dobbeltlektion", "klassens-tid")
           for theme in ("hvor-kan-jeg-faa-hjaelp", "trivsel-paa-nettet", "hjaelp-en-ven")
           for band in ("indskoling", "mellemtrin", "udskoling")]


class TeacherFailed(Exception):
    """One teacher's failure, with the instance that served the teacher."""

    def __init__(self, instance: str, error: BaseException):
        super().__init__(f"{instance}: {error!r}")
        self.instance = instance


WARM_QUERY = urllib.parse.urlencode({"band": "mellemtrin", "template": "lektion", "klasse": "opvarmning"})


def teacher_query(i: int) -> str:
    """Teacher i's share link: a lesson from LESSONS, and a school and class no other teacher of the run has."""
    band, theme, template = LESSONS[i % len(LESSONS)]
    grade = {"indskoling": 2, "mellemtrin": 5, "udskoling": 8}[band]
    return urllib.parse.urlencode({"band": band, "template": template, "themes": theme,
                                   "skole": f"Skole {i // 26 + 1}", "klasse": f"{grade}.{chr(ord('a') + i % 26)}"})


async def protocol_teacher(url: str, i: int, plan_times: list[float]) -> tuple[str, float, float]:
    """Open a plan through its share link, then ask for the whole kit and fetch it. Returns the instance that served
    the teacher, the seconds from asking for the zip to having it, and when it was there (time.perf_counter)."""
    sc = _client()
    instance = "?"
    try:
        async with sc.StreamlitSession(url, timeout=300) as s:
            instance = s.cookies.get(ROUTE_COOKIE, "app1")  # without the proxy: the one instance
            # the lesson page is the app's default page
            run = await s.rerun(teacher_query(i))
            plan_times.append(run.seconds)
            button = run.find("download_button", KIT_LABEL)
            if button is None or not button.download_button.deferred_file_id:
                raise sc.ProtocolError(f"no deferred {KIT_LABEL!r} button: {_page_errors(run)[:1]}")
            started = time.perf_counter()
            body = await s.deferred_file(button.download_button.deferred_file_id)
            done = time.perf_counter()
            if not body.startswith(b"PK"):
                raise sc.ProtocolError(f"the kit is not a zip: {body[:20]!r}")
            return instance, done - started, done
    except Exception as exc:
        raise TeacherFailed(instance, exc) from exc


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


async def run_protocol(url: str, sessions: int, heavy: bool, spread_s: float = 0.0) -> tuple[list, list[float], list[float], dict]:
    cpu_before = time.process_time()
    stop, ready, baseline, plan_times = asyncio.Event(), asyncio.Event(), [], []
    probing = asyncio.create_task(protocol_probe(url, stop, baseline, ready))
    await ready.wait()
    if probing.done():
        await probing  # the probe failed before the others started: say why
    job = asyncio.create_task(protocol_all_kits(url)) if heavy else None
    started = time.perf_counter()
    results = await asyncio.gather(*(arriving(i, sessions, spread_s, protocol_teacher(url, i, plan_times))
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
    extra = {"started": started, "plan_median_s": round(statistics.median(plan_times), 2) if plan_times else None, "heavy_s": heavy_s,
             "loadgen_cpu_s": round(time.process_time() - cpu_before, 1)}
    return results, baseline, probe_times, extra


def kit_figures(results: list, started: float) -> dict:
    """Median and p95 seconds to a downloaded kit, and kits per minute: the teachers' kits over the time from the
    teachers' start to the last kit. Not over the probe's baseline before it, nor the coordinator's job after it: those
    are the other users, not the kits' throughput. With --spread the teachers' arrival sets the pace, so kits per
    minute is then the arrival rate, not what the server can do."""
    done = [r for r in results if isinstance(r, tuple)]
    kits = sorted(r[1] for r in done)
    p95 = kits[min(len(kits) - 1, round(0.95 * (len(kits) - 1)))] if kits else float("nan")
    span = max(r[2] for r in done) - started if done else float("nan")
    return {"median_s": round(statistics.median(kits), 2) if kits else None, "p95_s": round(p95, 2),
            "kits_per_min": round(len(kits) / span * 60, 1) if done else 0.0}


async def run(url: str, sessions: int, pids: dict[str, int], heavy: bool = True, client: str = "protocol",
              spread_s: float = 0.0) -> dict:
    cpu_before = {name: cpu_s(pid) for name, pid in pids.items()}
    busy_before, wall_before = machine_busy_s(), time.perf_counter()
    runner = run_protocol if client == "protocol" else run_browser
    results, baseline, probe_times, extra = await runner(url, sessions, heavy, spread_s)
    wall = time.perf_counter() - wall_before
    started = extra.pop("started")
    errors = [r for r in results if not isinstance(r, tuple)]
    per_instance = {}
    for name, pid in pids.items():
        per_instance[name] = {
            "sessions": sum(1 for r in results if isinstance(r, tuple) and r[0] == name)
            + sum(1 for e in errors if getattr(e, "instance", None) == name),
            "kits": sum(1 for r in results if isinstance(r, tuple) and r[0] == name),
            "errors": sum(1 for e in errors if getattr(e, "instance", None) == name),
            "cpu_s": round(cpu_s(pid) - cpu_before[name], 1), "mb": round(rss_mb(pid))}
    return {"client": client, "instances": len(pids) or None, "sessions": sessions, "errors": len(errors),
            **kit_figures(results, started),
            "probe_baseline_s": round(statistics.median(baseline), 2) if baseline else None,
            "probe_worst_s": round(max(probe_times), 2) if probe_times else None,
            "server_cpu_s": round(sum(i["cpu_s"] for i in per_instance.values()), 1) if pids else None,
            "all_cpu_s": round(machine_busy_s() - busy_before, 1), "wall_s": round(wall, 1), **extra,
            "per_instance": per_instance, "error_list": [repr(e) for e in errors]}


# --- What one instance spends per step (the capacity model's figures) -------------------------------------------


async def costs(url: str, pid: int, rounds: int = 5) -> dict:
    """CPU seconds of the instance (and its workers and LibreOffice) per step, one step at a time, each teacher with
    a lesson the instance has not built before (the app's caches would flatter a repeat). A share link opens its
    plan in a new session only, so each kit and PDF kit is a new teacher's session."""
    sc = _client()
    query = [teacher_query(i) for i in range(len(LESSONS))]

    async def spent(step) -> float:
        before = cpu_s(pid)
        await step()
        await asyncio.sleep(0.5)  # workers finish their bookkeeping
        return cpu_s(pid) - before

    async with sc.StreamlitSession(url, timeout=600) as s:  # warm: imports, content, the kit worker
        run = await s.rerun(query[-1])
        await s.deferred_file(run.find("download_button", KIT_LABEL).download_button.deferred_file_id)

        async def reruns():
            for _ in range(rounds):
                await s.rerun(query[-1])

        rerun = await spent(reruns) / rounds

    async def opens():
        for q in query[:rounds]:
            async with sc.StreamlitSession(url, timeout=600) as s:
                await s.rerun(q)

    first_open = await spent(opens) / rounds

    async def kits():
        for q in query[rounds:2 * rounds]:
            async with sc.StreamlitSession(url, timeout=600) as s:
                run = await s.rerun(q)
                await s.deferred_file(run.find("download_button", KIT_LABEL).download_button.deferred_file_id)

    kit = await spent(kits) / rounds - first_open
    pdf_rounds = 3

    async def pdfs(queries):
        for q in queries:
            async with sc.StreamlitSession(url, timeout=600) as s:
                run = await s.rerun(q)
                make = run.find("button", "Lav PDF-udgave")
                if make is None:
                    raise sc.ProtocolError("no 'Lav PDF-udgave' button (is LibreOffice installed?)")
                run = await s.rerun(q, widgets=[sc.trigger(make.button.id)])
                got = run.find("download_button", "Hent som PDF (.zip)")
                if got is None:
                    raise sc.ProtocolError(f"no PDF kit: {_page_errors(run)[:1]}")
                status, _, body = await s.get(got.download_button.url)
                if status != 200 or not body.startswith(b"PK"):
                    raise sc.ProtocolError(f"PDF kit answered {status}")

    # The first PDF kit of a kit worker starts its warm LibreOffice, once in the instance's life: apart.
    pdf_first = await spent(lambda: pdfs(query[2 * rounds:2 * rounds + 1])) - first_open - rerun
    pdf = await spent(lambda: pdfs(query[2 * rounds + 1:2 * rounds + 1 + pdf_rounds])) / pdf_rounds - first_open - rerun
    year = await spent(lambda: protocol_all_kits(url))
    return {"cpu_s_per_page_rerun": round(rerun, 3), "cpu_s_per_share_link_opened": round(first_open, 3),
            "cpu_s_per_kit": round(kit, 3), "cpu_s_per_pdf_kit": round(pdf, 3),
            "cpu_s_first_pdf_kit_with_libreoffice_start": round(pdf_first, 3),
            "cpu_s_per_year_of_kits": round(year, 2)}


# --- Main -----------------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description="Belastningstest af Klassekit (kører ikke i CI).")
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 25])
    ap.add_argument("--instances", type=int, default=1,
                    help=f"så mange app-instanser bag den medfølgende proxy (1–{MAX_INSTANCES}; standard 1)")
    ap.add_argument("--pin", action="store_true",
                    help="hver instans på sin egen kerne (som en replika med 1 kerne): måler, hvad en instans mere "
                         "giver, når den også får en kerne mere")
    ap.add_argument("--url", help="en server, der allerede kører (ellers startes instanser og proxy lokalt)")
    ap.add_argument("--no-heavy", action="store_true", help="uden den ekstra bruger, der laver alle klassesæt")
    ap.add_argument("--client", choices=["protocol", "browser"], default="protocol",
                    help="protocol: Streamlits websocket-protokol uden browser (standard, måler serveren); "
                         "browser: en headless Chromium-fane pr. lærer")
    ap.add_argument("--spread", type=float, default=0.0,
                    help=f"lærerne kommer jævnt fordelt over så mange sekunder (0–{MAX_SPREAD_S:g}; standard 0: alle i "
                         "samme sekund). Så sætter lærernes ankomst tempoet: klassesæt/min måler da ikke kapaciteten")
    ap.add_argument("--costs", action="store_true",
                    help="mål CPU-sekunder pr. sidekørsel, klassesæt, PDF-sæt og årshjul (én instans, ét trin ad gangen)")
    args = ap.parse_args()
    if any(not 1 <= n <= MAX_SESSIONS for n in args.sessions):
        print(f"Fejl: --sessions skal være mellem 1 og {MAX_SESSIONS}.", file=sys.stderr)
        return 2
    if not 0 <= args.spread <= MAX_SPREAD_S:
        print(f"Fejl: --spread skal være mellem 0 og {MAX_SPREAD_S:g} sekunder.", file=sys.stderr)
        return 2
    if not 1 <= args.instances <= MAX_INSTANCES:
        print(f"Fejl: --instances skal være mellem 1 og {MAX_INSTANCES}.", file=sys.stderr)
        return 2
    import tempfile

    if args.costs:
        with tempfile.TemporaryDirectory(prefix="klassekit-load-") as folder:
            procs, url, pids = start_servers(1, Path(folder))
            try:
                print(json.dumps(asyncio.run(costs(url, pids["app1"])), ensure_ascii=False), flush=True)
            finally:
                for proc in procs:
                    _cluster().stop(proc)
        return 0
    for n in args.sessions:
        # Fresh instances for each size: the app's kit cache would flatter a run after another.
        with tempfile.TemporaryDirectory(prefix="klassekit-load-") as folder:
            # With --url the server is someone else's process: its memory and CPU are not known here.
            procs, url, pids = ([], args.url, {}) if args.url else start_servers(args.instances, Path(folder), pin=args.pin)
            try:
                result = asyncio.run(run(url, n, pids, heavy=not args.no_heavy, client=args.client,
                                         spread_s=args.spread))
            finally:
                for proc in procs:
                    _cluster().stop(proc)
        errors = result.pop("error_list")
        print(json.dumps(result, ensure_ascii=False), flush=True)
        for error in errors:  # every error, so a rare one is seen and not only the first
            print(f"  fejl: {error}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
