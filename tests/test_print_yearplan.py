"""The year plan as printed: LibreOffice Calc renders the Excel files (the district plan and the year report) on A4
and no text runs into another cell's text; the Word plan has no near-empty last page.

Needs LibreOffice Calc and Writer and poppler-utils; skipped with the reason when they are missing, never in CI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.documents import yearplan_docx as XD

from planner.documents import yearplan_xlsx as XX
from planner.documents import yearplan_report as XR
from planner.planning import yearplan as Y
from support import IN_CI


def _calc() -> bool:
    exe = shutil.which("soffice")
    if not exe:
        return False
    program = Path(exe).resolve().parent
    return any(program.glob("libsc*lo.so")) or any(Path("/usr/lib/libreoffice/program").glob("libsc*lo.so"))


pytestmark = pytest.mark.skipif(not (_calc() and shutil.which("pdftotext")) and not IN_CI,
                                reason="LibreOffice Calc (libreoffice-calc-nogui) or poppler-utils is not installed")


def to_pdfs(files: dict[str, bytes], tmp: Path) -> dict[str, Path]:
    src, out = tmp / "in", tmp / "out"
    src.mkdir()
    out.mkdir()
    names = {}
    for i, (name, data) in enumerate(files.items()):
        path = src / f"{i:02d}{Path(name).suffix}"
        path.write_bytes(data)
        names[name] = out / f"{i:02d}.pdf"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, sorted(src.iterdir()))],
                   check=True, capture_output=True, timeout=300)
    return names


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y0, x1, y1, word) for every word, from pdftotext's bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if found:
            out.append((page, *map(float, found.groups()[:4]), found.group(5)))
    return out


def overlaps(ws) -> list[tuple]:
    """Pairs of words whose boxes cover each other: text printed over other text."""
    bad = []
    by_page: dict[int, list] = {}
    for w in ws:
        by_page.setdefault(w[0], []).append(w)
    for items in by_page.values():
        items.sort(key=lambda w: w[2])
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b[2] >= a[4] - 0.5:
                    break
                dx = min(a[3], b[3]) - max(a[1], b[1])
                dy = min(a[4], b[4]) - max(a[2], b[2])
                small = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
                # Lines of one wrapped cell touch a little (their boxes are taller than the line pitch); text
                # printed over other text covers half its height or more.
                height = min(a[4] - a[2], b[4] - b[2])
                if dx > 0.5 and dy > 0.45 * height and dx * dy > 0.2 * small:
                    bad.append((a[5], b[5], a[0]))
    return bad


def missing_words(xlsx: bytes, ws) -> list[str]:
    """Words of the cells that the printout lacks: a row too low for its wrapped text is cut off in Calc."""
    import io
    from collections import Counter

    import openpyxl

    want: Counter = Counter()
    for sheet in openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets:
        for row in sheet.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):  # Calc may break a line after a hyphen: compare the parts
                    want.update(re.findall(r"[^\s-]+", v))
    have = Counter(p for w in ws for p in re.findall(r"[^\s-]+", w[5]))
    return [w for w, n in want.items() if have[w] < n]


@pytest.fixture(scope="module")
def printed(content, tmp_path_factory):
    schools = [{"name": name, "classes": [f"{g}.{x}" for g in range(10) for x in "ab"][:20] + ["Specialklasse A"],
                "closed_days": [{"title": "Planlægningsdag for hele skolens personale", "start": "2026-11-06",
                                 "end": "2026-11-06"}]}
               for name in ("Skovvangskolen", "Bakkeskolen", "Den Internationale Skole i Søndervang")]
    plan = Y.build_plan(content, {"school_year": "2026/27", "schools": schools, "parent_meetings": True})
    rows = Y.table_rows(plan)
    for i, r in enumerate(rows[:40]):
        r["note"] = ("Husk projektor og de trykte kort; klassens lærer deltager, og AKT-vejlederen kommer den sidste "
                     "halve time " * (1 + i % 3))[:Y.MAX_NOTE]
        r["status"] = ("gennemfoert", "aflyst", "planlagt")[i % 3]
    plan, _ = Y.apply_table(plan, rows)
    files = {"aarshjul.xlsx": XX.to_xlsx(plan), "rapport.xlsx": XR.to_xlsx(plan), "aarshjul.docx": XD.to_docx(plan),
             "skole.docx": XD.to_docx(plan.for_school("Bakkeskolen"))}
    return plan, to_pdfs(files, tmp_path_factory.mktemp("yearplan-print"))


@pytest.mark.parametrize("name", ["aarshjul.xlsx", "rapport.xlsx"])
def test_excel_prints_on_a4_without_text_running_into_other_cells(printed, name):
    _, pdfs = printed
    info = subprocess.run(["pdfinfo", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert {round(float(size[1])), round(float(size[2]))} == {842, 595}, info  # A4, landscape
    ws = words(pdfs[name])
    assert ws, "no text in the PDF"
    plan = printed[0]
    data = XX.to_xlsx(plan) if name == "aarshjul.xlsx" else XR.to_xlsx(plan)
    cut = missing_words(data, ws)
    assert not cut, f"tekst skåret af i udskriften: {cut[:10]}"
    bad = overlaps(ws)
    assert not bad, f"{len(bad)} ord ligger oven i hinanden, fx {bad[:5]}"
    text = " ".join(w[5] for w in ws)
    if name == "aarshjul.xlsx":
        assert "Skovvangskolen" in text and "Bakkeskolen" in text and "vejlederen" in text


@pytest.mark.parametrize("name", ["aarshjul.docx", "skole.docx"])
def test_the_word_plan_has_no_near_empty_last_page(printed, name):
    _, pdfs = printed
    ws = words(pdfs[name])
    pages = max(w[0] for w in ws)
    last = [w for w in ws if w[0] == pages]
    lowest = max(w[4] for w in last)
    assert pages == 1 or len(last) >= 40 or lowest > 250, f"sidste side har kun {len(last)} ord"
