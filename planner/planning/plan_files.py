"""Reading saved plan files (lesson plans and year plans): one careful path for every upload.

Size, encoding, JSON syntax, kind of file, version and schema are checked in that order, and each failure becomes
a Danish sentence a teacher can act on; the caller's own error type carries it.
"""

from __future__ import annotations

import itertools
import json
import re

from pydantic import BaseModel, ValidationError

from ..content.messages import danish

MAX_DEPTH = 20
"""No plan file nests deeper than this; a deeper one is refused before it is parsed."""


def read_bounded(path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a file, so a huge file or a device like /dev/zero is refused, never read whole."""
    with open(path, "rb") as f:
        return f.read(limit + 1)


# A JSON string (an unterminated one runs to the end, a lone backslash at the end included): its brackets don't count.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _too_deep(text: str) -> bool:
    """Whether brackets nest deeper than MAX_DEPTH outside strings: cheap, and checked before json.loads recurses."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(1 if ch in "[{" else -1 for ch in brackets), default=0) > MAX_DEPTH


def read_plan_file(data: bytes | str, model: type[BaseModel], *, error: type[ValueError], limit: int,
                   required: tuple[str, ...], noun: str, not_this_kind: str, versions: tuple[int, ...] = (1,)):
    """Parse and validate a saved plan; raise `error` with a Danish explanation of what is wrong."""
    if len(data) > limit:
        raise error(f"Filen er for stor (over {limit // 1000} kB). {noun.capitalize()} fylder under "
                    f"{max(1, limit // 1_000_000)} MB.")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise error(f"Filen er ikke en tekstfil (UTF-8). Vælg {noun} gemt som .json.") from None
    if _too_deep(data):
        raise error(f"Filen er bygget dybere op, end {noun} nogensinde er: den er ændret eller ikke fra Klassekit.")
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as exc:
        raise error(f"Filen er ikke gyldig JSON (linje {exc.lineno}): den er måske beskadiget.") from None
    except (ValueError, RecursionError):  # e.g. an integer of thousands of digits
        raise error("Filen indeholder tal eller data, som ingen plan fra Klassekit har. Den er ændret.") from None
    if not isinstance(raw, dict) or not all(k in raw for k in required):
        raise error(not_this_kind)
    if raw.get("schema_version") not in versions or isinstance(raw.get("schema_version"), bool):
        raise error("Filen er lavet med en anden version af Klassekit og kan ikke åbnes.")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise error(f"{noun.capitalize()} er ændret eller beskadiget ({where + ': ' if where else ''}"
                    f"{danish(err)}).") from None
