"""What every command shares: Danish argparse, argument types, errors in Danish, and careful file writing."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from pydantic import ValidationError

from ..content.loader import ContentError, load_content

KIND_NAMES = ("materials", "helplines", "facts", "themes", "exercises")


class CliError(Exception):
    """A refusal: printed in Danish on stderr, exit code 2."""


# argparse speaks English: its own strings (help headings, usage, errors) in Danish, through the gettext hook
# argparse looks its strings up with.
_ARGPARSE_STRINGS = {
    "usage: ": "brug: ",
    "options": "valg",
    "optional arguments": "valg",
    "positional arguments": "kommandoer og argumenter",
    "show this help message and exit": "vis denne hjælp og stop",
    "the following arguments are required: %s": "disse valg mangler: %s",
    "unrecognized arguments: %s": "ukendte valg: %s",
    "expected one argument": "skal have en værdi",
    "expected at most one argument": "må højst have én værdi",
    "expected at least one argument": "skal have mindst én værdi",
    "expected %s argument": "skal have %s værdi",
    "expected %s arguments": "skal have %s værdier",
    "ignored explicit argument %r": "værdien %r bruges ikke",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r er ikke et af valgene (%(choices)s)",
    "invalid %(type)s value: %(value)r": "%(value)r er ikke et tal",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt valg: %(option)s kan være %(matches)s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af valgene %s mangler",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "unexpected option string: %s": "uventet valg: %s",
    "default": "standard",
}


def _danish_gettext(text: str) -> str:
    return _ARGPARSE_STRINGS.get(text, text)


def _danish_ngettext(singular: str, plural: str, n: int) -> str:
    return _danish_gettext(singular if n == 1 else plural)


# After translation, the few messages that need more than words.
_ARGPARSE_DANISH = [
    (r"disse valg mangler: command", "vælg en kommando, fx check, lesson, kit eller yearplan"),
    (r"the following arguments are required: command", "vælg en kommando, fx check, lesson, kit eller yearplan"),
    (r"(\S+): '(.*?)' er ikke et tal", r"\1: '\2' er ikke et tal"),
    (r"(\S+): '(-?\d+)' er ikke et af valgene \((.*)\)", r"\1: \2 er ikke et af valgene (\3)"),
]


class DanishParser(argparse.ArgumentParser):
    def error(self, message: str):
        import re

        for pattern, danish in _ARGPARSE_DANISH:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, danish, message)
                break
        command = self.prog.split()[-1] if self.prog.split()[-1] != "planner" else ""
        print(f"Fejl: {message}. Se python -m planner {command} --help.".replace("  ", " "), file=sys.stderr)
        raise SystemExit(2)


def invalid(exc: ValidationError) -> str:
    """A request the models refuse (e.g. a 500-character theme), said in Danish with the option it concerns."""
    from ..content.messages import danish

    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else ""
    option = {"themes": "--theme", "grades": "--grades", "start_from": "--from"}.get(name, "--" + name.replace("_", "-"))
    return f"{option}: {danish(err)}"


def os_reason(exc: OSError) -> str:
    import errno

    return {errno.ENOENT: "mappen eller filen findes ikke", errno.EACCES: "der er ikke adgang",
            errno.EPERM: "der er ikke adgang", errno.EROFS: "stedet kan kun læses", errno.ENOSPC: "disken er fuld",
            errno.EISDIR: "det er en mappe", errno.ENOTDIR: "en del af stien er ikke en mappe"}.get(
        exc.errno or 0, exc.strerror or str(exc))


def clock_arg(text: str) -> str:
    """An argparse type: a clock time such as 08:00 or 8.15."""
    from ..planning.lesson.overview import StartTimeError, clock, parse_start

    try:
        return clock(parse_start(text))
    except StartTimeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def bounded(lo: int, hi: int):
    """An argparse type: a whole number within [lo, hi], checked before any work."""

    def parse(text: str) -> int:
        if not (text.strip().lstrip("-").isascii() and text.strip().lstrip("-").isdigit()) or len(text) > 6:
            raise argparse.ArgumentTypeError(f"'{text}' er ikke et helt tal")
        n = int(text)
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"skal være mellem {lo} og {hi} (ikke {n})")
        return n

    return parse


def root_arg(text: str) -> Path:
    """An argparse type: the project folder, refused before any work when it is not a folder."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"mappen '{text[:200]}' findes ikke")
    return path


def text_arg(limit: int):
    """An argparse type: free text of at most `limit` characters (what the app's fields take too)."""

    def parse(text: str) -> str:
        if len(text) > limit:
            raise argparse.ArgumentTypeError(f"højst {limit} tegn (ikke {len(text)})")
        return text

    return parse


def kommune_of(content, name: str | None) -> str | None:
    """The kommune as the content library spells it, found without regard to case; refused when it has no
    contacts."""
    if not name:
        return None
    found = content.kommune_named(name)
    if found is None:
        raise CliError(f"--kommune: der er ingen lokale kontakter for '{name[:80]}'. Kendte kommuner: "
                       f"{', '.join(content.kommuner)}.")
    return found


def load_or_exit(root: Path):
    try:
        return load_content(root)
    except ContentError as exc:
        print(f"Indholdet har {sum(not p.warning for p in exc.problems)} fejl:", file=sys.stderr)
        for p in exc.problems:
            print(("  advarsel: " if p.warning else "  ") + str(p), file=sys.stderr)
        raise SystemExit(1) from None


def write_files(out: str | Path, files: dict[str, bytes], force: bool = False) -> None:
    """Write into a folder: create it if missing, never overwrite without --force, say in Danish what is wrong."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} er en fil, ikke en mappe. Angiv en mappe til filerne med --out.")
    taken = [name for name in files if (out / name).exists()]
    if taken and not force:
        raise CliError(f"{out} indeholder allerede {', '.join(taken)}. Brug --force for at overskrive, eller vælg "
                       "en anden mappe.")
    try:
        if not out.exists():
            out.mkdir(parents=True)
            print(f"Oprettet mappen {out}")
        for name, data in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            print(f"Skrevet: {out / name}")
    except OSError as exc:
        raise CliError(f"Kan ikke skrive i {out}: {os_reason(exc)}.") from None


def with_pdfs(files: dict[str, bytes], wanted: bool) -> dict[str, bytes]:
    """The files, and with --pdf each document also as PDF (LibreOffice, one run); a Danish refusal without it."""
    if not wanted:
        return files
    from ..documents import pdf as PDF

    if not PDF.available():
        raise CliError(PDF.INSTALL_HINT)
    try:
        return files | PDF.to_pdf(files)
    except PDF.PdfUnavailable as exc:
        raise CliError(str(exc)) from None


def write_file(path: str | Path, data: bytes, force: bool = False) -> None:
    path = Path(path)
    if path.is_dir():
        raise CliError(f"{path} er en mappe. Angiv et filnavn, fx {path / 'plan.json'}.")
    if path.exists() and not force:
        raise CliError(f"{path} findes allerede. Brug --force for at overskrive den.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Kan ikke skrive {path}: {os_reason(exc)}.") from None


def read_plan(path: str, limit: int, error) -> bytes:
    """A plan file's bytes, read no further than the limit (a plan from /dev/zero is refused, not read forever)."""
    from ..planning.plan_files import read_bounded

    try:
        return read_bounded(path, limit)
    except OSError as exc:
        raise error(f"Filen {path} kan ikke læses: {os_reason(exc)}.") from None


@contextlib.contextmanager
def danish_argparse():
    """argparse's own strings (help headings, usage, errors) in Danish while the command line is read, through the
    gettext names argparse looks them up with; put back afterwards, so no other user of argparse is touched."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _danish_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _danish_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Printable:
    """Output that drops bidi controls, terminal escapes and other unprintable characters (content.text.printable):
    a message quoting a file, a link or an argument never reads differently from what it says."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from ..content.text import printable

        return self._stream.write(printable(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


