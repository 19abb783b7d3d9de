"""Klassekit as a kommune runs it, on one machine: N app instances (`streamlit run deploy/serve.py`, as the Dockerfile
starts them) behind the shipped HAProxy configuration (deploy/haproxy/). Used by the load test (deploy/load.py
--instances N) and the proxy test (tests/e2e/test_proxy.py), so both measure and check the configuration that ships.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_DIR = ROOT / "deploy" / "haproxy"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
ROUTE_COOKIE = "klassekit_route"
"""The cookie in which the proxy names the instance that serves a browser (deploy/haproxy/haproxy.cfg)."""
SERVER_LINE = re.compile(r"^(\s*)server (\S+) (\S+) cookie (\S+)(.*)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if proc.poll() is not None:
                out = proc.stdout.read() if proc.stdout else ""
                raise RuntimeError(f"stopped with {proc.returncode}: {out}")
            time.sleep(0.1)
    raise RuntimeError(f"{url} does not answer")


def start_instance(port: int | None = None, *, env: dict | None = None, args: tuple[str, ...] = (),
                   log=subprocess.DEVNULL, cpus: str | None = None) -> tuple[subprocess.Popen, str]:
    """One app instance as the Dockerfile starts it, on 127.0.0.1; (process, URL) once it answers. With `cpus`
    (e.g. "1"), the instance and everything it starts (its workers, LibreOffice) run only on those cores, as a
    replica does in a container given one core."""
    port = port or free_port()
    pin = [shutil.which("taskset") or "taskset", "-c", cpus] if cpus else []
    proc = subprocess.Popen(
        [*pin, sys.executable, "-m", "streamlit", "run", "deploy/serve.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none", *args],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, text=True,
        # A process group of its own: stop() ends the app's worker processes too. A Streamlit server that gets
        # SIGTERM does not shut its process pools down, and their workers would wait for work forever.
        start_new_session=True)
    return proc, _up_or_stopped(proc, port)


def proxy_config(folder: Path, instances: list[str], port: int) -> list[Path]:
    """The shipped configuration with its bind address and instance list replaced: haproxy.cfg as it is, and
    instances.cfg with one server line per instance written as the shipped lines are (names app1, app2, …)."""
    main = (HAPROXY_DIR / "haproxy.cfg").read_text(encoding="utf-8")
    assert main.count("bind :8080") == 1, "the shipped proxy listens on :8080"
    listing = (HAPROXY_DIR / "instances.cfg").read_text(encoding="utf-8")
    lines = list(SERVER_LINE.finditer(listing))
    assert len(lines) >= 2, "the shipped configuration shows how to run several instances"
    indent, _, _, _, rest = lines[0].groups()
    servers = "".join(f"{indent}server app{i} {addr.removeprefix('http://')} cookie app{i}{rest}\n"
                      for i, addr in enumerate(instances, 1))
    listing = listing[:lines[0].start()] + servers + listing[lines[-1].end() + 1:]
    files = [folder / "haproxy.cfg", folder / "instances.cfg"]
    files[0].write_text(main.replace("bind :8080", f"bind 127.0.0.1:{port}"), encoding="utf-8")
    files[1].write_text(listing, encoding="utf-8")
    return files


def start_proxy(folder: Path, instances: list[str], log=subprocess.DEVNULL) -> tuple[subprocess.Popen, str]:
    """HAProxy with the shipped configuration in front of the given instances (URLs); (process, URL)."""
    if not os.path.exists(HAPROXY):
        raise FileNotFoundError("haproxy mangler; installér med apt install haproxy")
    port = free_port()
    files = proxy_config(folder, instances, port)
    args = [HAPROXY, *(a for f in files for a in ("-f", str(f)))]
    check = subprocess.run([*args, "-c"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(check.stdout + check.stderr)
    proc = subprocess.Popen([*args, "-db"], stdout=log, stderr=subprocess.STDOUT, text=True)
    return proc, _up_or_stopped(proc, port)


def _up_or_stopped(proc: subprocess.Popen, port: int) -> str:
    """The process's address once its health check answers; a process that never comes up is stopped first."""
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/_stcore/health", proc)
    except BaseException:
        stop(proc)
        raise
    return url


def stop(proc: subprocess.Popen) -> None:
    """End a process started here; an app instance with its whole process group (its workers)."""
    own_group = os.getpgid(proc.pid) == proc.pid if proc.poll() is None else False
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if own_group:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the workers: they hold no state worth a goodbye
