"""Word documents as PDF, for teachers on iPads and Chromebooks: LibreOffice converts a whole kit in one call.

The PDFs are tagged (PDF/UA): a screen reader finds the headings, tables, alt text, title and Danish language.

LibreOffice starts once per kit (it takes a few seconds to start; converting a document after that is quick), with
a profile of its own in a temporary folder, so two conversions at the same time never share one. Everything it
writes (the documents, the PDFs, its profile and its own temporary files) is in that folder, which is removed when
the conversion ends, however it ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import tempfolders

TIMEOUT_S = 120
INSTALL_HINT = ("PDF kræver LibreOffice på den maskine, der kører Klassekit. På Debian og Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui. Indtil da kan du hente "
                "Word-filerne og gemme dem som PDF i Word eller Google Docs.")

# Tagged PDF (headings, lists, tables, alt text and the document's language for screen readers) and PDF/UA: the
# document's title (Word's title property) is shown instead of the file name. LibreOffice 7.4+ reads these JSON
# filter options; the title and the language (da-DK) come from the Word file itself (docx_base.new_document).
EXPORT_OPTIONS = {"UseTaggedPDF": True, "PDFUACompliance": True, "ExportBookmarks": True}
EXPORT_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {k: {"type": "boolean", "value": str(v).lower()} for k, v in EXPORT_OPTIONS.items()}, separators=(",", ":"))


CONVERTIBLE = (".docx", ".pptx")
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value>
</prop></item>
</oor:items>
"""
"""Danish as the locale of the conversion's own profile: Impress gives a slide deck's PDF the locale's language
(Writer takes it from the Word file), so the deck's PDF is marked da-DK for screen readers too."""


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, or the conversion failed; the message says what to do, in Danish."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """{'laererplan.docx': bytes, 'praesentation.pptx': …} -> {'laererplan.pdf': bytes, …}, converted in one
    LibreOffice run (Writer's PDF export also takes the slide deck, one page per slide)."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(INSTALL_HINT)
    docx = {name: data for name, data in files.items() if name.endswith(CONVERTIBLE)}
    if not docx:
        return {}
    with tempfile.TemporaryDirectory(prefix=tempfolders.prefix()) as tmp:  # swept at the next start if killed
        root = Path(tmp)
        src, out = root / "in", root / "out"
        src.mkdir()
        out.mkdir()
        paths = []
        for i, (name, data) in enumerate(docx.items()):
            # Plain ASCII names on disk: the real names (with æ, ø, å) are given back below.
            path = src / f"{i:02d}{Path(name).suffix}"
            path.write_bytes(data)
            paths.append(path)
        (root / "tmp").mkdir()
        (root / "profile" / "user").mkdir(parents=True)
        (root / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", EXPORT_FILTER, "--outdir", str(out), *map(str, paths)]
        try:
            # LibreOffice's own temporary files (lu*.tmp) go inside this folder too, so a conversion that is
            # killed or crashes leaves nothing of a class's documents in the machine's temp folder.
            env = {**os.environ, "TMPDIR": str(root / "tmp"), "TMP": str(root / "tmp"), "TEMP": str(root / "tmp")}
            subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S, env=env)
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable("LibreOffice kunne ikke lave PDF-filerne. Prøv igen, eller hent Word-filerne.") from exc
        result = {}
        for i, name in enumerate(docx):
            pdf = out / f"{i:02d}.pdf"
            if not pdf.is_file() and name.endswith(".pptx"):
                continue  # LibreOffice without Impress: the deck stays a .pptx, the documents still get their PDFs
            if not pdf.is_file():
                raise PdfUnavailable(f"LibreOffice lavede ikke en PDF af {name}. Prøv igen, eller hent Word-filen.")
            result[str(Path(name).with_suffix(".pdf"))] = pdf.read_bytes()
        return result
