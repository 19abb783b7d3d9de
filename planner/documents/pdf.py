"""Word documents as PDF, for teachers on iPads and Chromebooks: LibreOffice converts a whole kit in one call.

LibreOffice starts once per kit (it takes a few seconds to start; converting a document after that is quick), with
a profile of its own in a temporary folder, so two conversions at the same time never share one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 120
INSTALL_HINT = ("PDF kræver LibreOffice på den maskine, der kører Klassekit. På Debian og Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui. Indtil da kan du hente Word-filerne og gemme dem "
                "som PDF i Word eller Google Docs.")


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, or the conversion failed; the message says what to do, in Danish."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """{'laererplan.docx': bytes, …} -> {'laererplan.pdf': bytes, …}, converted in one LibreOffice run."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(INSTALL_HINT)
    docx = {name: data for name, data in files.items() if name.endswith(".docx")}
    if not docx:
        return {}
    with tempfile.TemporaryDirectory(prefix="klassekit-pdf-") as tmp:
        root = Path(tmp)
        src, out = root / "in", root / "out"
        src.mkdir()
        out.mkdir()
        paths = []
        for i, (name, data) in enumerate(docx.items()):
            # Plain ASCII names on disk: the real names (with æ, ø, å) are given back below.
            path = src / f"{i:02d}.docx"
            path.write_bytes(data)
            paths.append(path)
        cmd = [exe, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable("LibreOffice kunne ikke lave PDF-filerne. Prøv igen, eller hent Word-filerne.") from exc
        result = {}
        for i, name in enumerate(docx):
            pdf = out / f"{i:02d}.pdf"
            if not pdf.is_file():
                raise PdfUnavailable(f"LibreOffice lavede ikke en PDF af {name}. Prøv igen, eller hent Word-filen.")
            result[name.removesuffix(".docx") + ".pdf"] = pdf.read_bytes()
        return result
