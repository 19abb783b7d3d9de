"""Temporary folders that never outlive their process: a kits zip waiting for its download, a PDF conversion.

Each is named klassekit-<pid>-<the process's start time>-<random>, so the next start of the app can tell the folders
of a process that was killed (or of the server before, restarted with the same pid in the same container) from
those of a process that is still working, and remove only the former (sweep).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

PREFIX = "klassekit-"
_NAME = re.compile(r"klassekit-(\d+)-(\d+)-[a-z0-9_]+")
_OLD_FILES = {"klassesaet.zip", "fremskridt.txt"}
"""What the year plan page left in the temp folder before these folders (issue 24): a zip and a progress file with
school, class and lesson names."""


def started(pid: int) -> str | None:
    """When a process started (clock ticks since boot, from /proc), or None if it is not running. Without /proc:
    '0' for any running process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]  # field 22, counted after the command name
    except (OSError, IndexError):
        if Path("/proc/self/stat").exists():
            return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # another user's process
        pass
    return "0"


def prefix() -> str:
    """The start of this process's folder names (for tempfile.mkdtemp and TemporaryDirectory)."""
    return f"{PREFIX}{os.getpid()}-{started(os.getpid())}-"


def remove(folder: str | Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def sweep() -> int:
    """Remove what a killed process left in the temp folder: folders of processes that are gone, and the kits and
    progress files of versions before these folders. A running process's folders are left alone. Returns the number
    of folders removed."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            found = _NAME.fullmatch(folder.name)
            if found:
                stale = started(int(found.group(1))) != found.group(2)
            else:
                names = {f.name for f in folder.iterdir()}
                stale = bool(names) and names <= _OLD_FILES
        except OSError:
            continue
        if stale:
            remove(folder)
            removed += 1
    return removed
