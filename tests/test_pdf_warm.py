"""The warm PDF converter (issue 28): a server's kit worker keeps LibreOffice running between kits. Its PDFs are the
cold path's PDFs, it keeps nothing of a class's documents, it survives its LibreOffice dying, and a process that did
not ask for it (the CLI, a teacher's own app) converts cold and starts nothing that outlives the kit."""

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
from support import IN_CI, ROOT

from planner.documents import kit as K
from planner.documents import pdf as PDF
from planner.planning import lesson as L

WARM_POSSIBLE = (PDF.available() and importlib.util.find_spec("unoserver") is not None
                 and PDF._uno_python() is not None and shutil.which("pdfinfo") is not None)
pytestmark = pytest.mark.skipif(not WARM_POSSIBLE and not IN_CI,
                                reason="LibreOffice, python3-uno or poppler-utils is not installed here")

SCHOOL = "Skovvangskolen"


@pytest.fixture(scope="module")
def kit(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    return K.build_kit(plan, K.KitInfo(school=SCHOOL, class_name="7.b", teacher="Lise"))


@pytest.fixture
def one_office(monkeypatch):
    monkeypatch.setenv(PDF.WARM_ENV, "1")  # one is enough to check; the server asks for one per core
    yield
    PDF.close_warm()


def pdf_facts(data: bytes) -> dict[str, str]:
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return {k: v.strip() for k, v in re.findall(r"^(Title|Tagged|Pages):(.*)$", info, re.MULTILINE)}


def test_warm_pdfs_are_the_cold_pdfs(kit, one_office):
    cold = PDF.to_pdf_cold(kit)
    warm = PDF.to_pdf(kit)
    assert PDF.warm_running()
    assert list(warm) == list(cold) == [n.rsplit(".", 1)[0] + ".pdf" for n in kit if n.endswith(PDF.CONVERTIBLE)]
    for name in cold:
        assert warm[name].startswith(b"%PDF")
        facts = pdf_facts(warm[name])
        assert facts == pdf_facts(cold[name]) and facts["Tagged"] == "yes", name
        assert re.search(rb"/Lang\s*\(da-DK\)", warm[name]), name


def test_the_warm_libreoffice_keeps_nothing_of_a_class_documents(kit, one_office):
    PDF.to_pdf(kit)
    [office] = PDF._warm
    kept = {p: p.read_bytes() for p in office.folder.rglob("*") if p.is_file() and p.relative_to(office.folder).parts[0] != "pkg"}
    assert kept, "LibreOffice's profile is there while it runs"
    assert [p for p, data in kept.items() if SCHOOL.encode() in data] == []
    # no document in or out waits in its temporary files (its profile has zip files of its own: autotext, …)
    assert [p for p, data in kept.items() if p.relative_to(office.folder).parts[0] == "tmp" and data.startswith((b"PK", b"%PDF"))] == []


def test_a_warm_libreoffice_that_died_is_replaced_and_no_kit_is_lost(kit, one_office):
    PDF.to_pdf(kit)
    [office] = PDF._warm
    for pid in office_processes(office):  # LibreOffice crashes (unoserver is left, talking to nothing)
        if "soffice" in cmdline(pid):
            os.kill(pid, signal.SIGKILL)
    pdfs = PDF.to_pdf(kit)  # warm if it still can, else cold: the teacher gets the kit either way
    assert list(pdfs) == [n.rsplit(".", 1)[0] + ".pdf" for n in kit if n.endswith(PDF.CONVERTIBLE)]
    assert all(data.startswith(b"%PDF") for data in pdfs.values())
    PDF.to_pdf(kit)
    assert PDF.warm_running() and PDF._warm[0] is not office
    assert office_processes(office) == []  # nothing of the old one is left running


def test_stopping_leaves_no_libreoffice_and_no_folder(kit, one_office):
    PDF.to_pdf(kit)
    [office] = PDF._warm
    assert len(office_processes(office)) >= 2  # unoserver and LibreOffice
    PDF.close_warm()
    assert office_processes(office) == []
    assert not office.folder.exists()


WORKER = """
import time
from planner.content.loader import load_content
from planner.documents import kit as K, pdf as PDF
from planner.planning import lesson as L
PDF.to_pdf(K.build_kit(L.assemble(load_content(), {"band": "indskoling", "template": "klassens-tid"})))
print(PDF._warm[0].folder, flush=True)
time.sleep(600)
"""
"""A kit worker with a warm office, waiting for its next kit."""


def test_a_killed_kit_worker_leaves_no_libreoffice_behind():
    """The worker that kept the office is killed (the server restarted, a crash): the office ends with it."""
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        cwd=ROOT, env={**os.environ, PDF.WARM_ENV: "1"}, stdout=subprocess.PIPE, text=True)
    try:
        folder = worker.stdout.readline().strip()
        assert folder, "the worker converted nothing"
        office = type("Office", (), {"folder": folder})
        assert office_processes(office)
    finally:
        worker.kill()
        worker.wait()
    deadline = time.monotonic() + 30
    while office_processes(office) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert office_processes(office) == []


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def office_processes(office) -> list[int]:
    """Running processes of this warm office (unoserver, LibreOffice's launcher, LibreOffice): its folder is in
    their command lines. Zombies, which hold nothing, are not counted."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and str(office.folder) in cmdline(int(pid)):
            found.append(int(pid))
    return found


def test_a_process_that_did_not_ask_for_it_converts_cold(kit, monkeypatch):
    monkeypatch.delenv(PDF.WARM_ENV, raising=False)
    pdfs = PDF.to_pdf(kit)
    assert pdfs and not PDF.warm_running()
