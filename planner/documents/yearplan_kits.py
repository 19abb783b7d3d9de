"""Every classroom kit of the year as one zip: a folder per school and class, one per lesson with its documents.
The lessons are assembled in planning (yearplan/kits.py); this module writes their documents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ..planning.yearplan import YearPlan, kit_label, kit_lessons
from ..planning.yearplan.kits import year_kits, year_meetings

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called before the first kit and after each one."""


def kits_write(content, plan: YearPlan, out: BinaryIO, progress: Progress | None = None) -> int:
    """All classroom kits of the year as a zip written to `out` as it goes: a folder per school and class, one
    folder per lesson with its Word documents. Only one kit's documents are in memory at a time (each is written to
    the zip and dropped before the next is built). Returns the number of kits."""
    from . import kit as K

    total = len(kit_lessons(plan))
    if progress:
        progress(0, total, "Klassesættene laves …")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, kit in enumerate(year_kits(content, plan), 1):
            for name, data in K.print_kit(kit.lesson, kit.info).items():
                z.writestr(kit.folder + name, data, compress_type=K.compression_of(name))
            if progress:
                progress(i, total, kit_label(plan, kit.session))
        _meeting_kits(content, plan, z)
    return total


def _meeting_kits(content, plan: YearPlan, z: zipfile.ZipFile) -> None:
    """Each class's parent-meeting kit beside its lesson kits, in the class's folder."""
    from . import kit as K
    from . import parents as DP

    for m in year_meetings(content, plan):
        details = DP.MeetingDetails(m.session.school, m.session.class_name, m.date)
        for name, data in DP.build_meeting(m.meeting, details).items():
            z.writestr(m.folder + name, data, compress_type=K.compression_of(name))


def kits_zip(content, plan: YearPlan, school: str = "", progress: Progress | None = None) -> bytes:
    """kits_write into memory (small plans and tests); `school` keeps only that school's kits."""
    buf = io.BytesIO()
    kits_write(content, plan.for_school(school) if school else plan, buf, progress)
    return buf.getvalue()


@lru_cache(maxsize=2)
def _content_of(root: str, stamp: float):
    from ..content.loader import load_content

    return load_content(root)


def kits_zip_from_file(root: str, stamp: float, plan_json: str, path: str, school: str = "",
                       progress_path: str | None = None) -> int:
    """kits_write for a worker process: the plan travels as its saved file and is opened against the content
    library the worker loads itself (once), so a long job never holds the app's own interpreter. The zip goes to
    `path` on disk (a folder the app removes); progress to `progress_path` as two numbers, "done/total", and
    nothing else: no school, class or lesson is named in a file beside the zip. The page names them from the plan
    (kit_lessons, kit_label)."""
    from ..planning.yearplan import from_json

    content = _content_of(root, stamp)
    plan = from_json(plan_json, content)

    def progress(done: int, total: int, what: str) -> None:
        if progress_path:
            Path(progress_path).write_text(f"{done}/{total}", encoding="ascii")

    with open(path, "wb") as out:
        return kits_write(content, plan.for_school(school) if school else plan, out, progress)
