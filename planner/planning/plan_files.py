"""Reading saved plan files (lesson plans and year plans): one careful path for every upload.

Size, encoding, JSON syntax, kind of file, version and schema are checked in that order, and each failure becomes
a Danish sentence a teacher can act on; the caller's own error type carries it.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ValidationError

from ..content.messages import danish


def read_plan_file(data: bytes | str, model: type[BaseModel], *, error: type[ValueError], limit: int,
                   required: tuple[str, ...], noun: str, not_this_kind: str):
    """Parse and validate a saved plan; raise `error` with a Danish explanation of what is wrong."""
    if isinstance(data, bytes):
        if len(data) > limit:
            raise error(f"Filen er for stor ({len(data) // 1000} kB). {noun.capitalize()} fylder under "
                        f"{limit // 1_000_000} MB.")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise error(f"Filen er ikke en tekstfil (UTF-8). Vælg {noun} gemt som .json.") from None
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as exc:
        raise error(f"Filen er ikke gyldig JSON (linje {exc.lineno}): den er måske beskadiget.") from None
    if not isinstance(raw, dict) or not all(k in raw for k in required):
        raise error(not_this_kind)
    if raw.get("schema_version") != 1:
        raise error("Filen er lavet med en anden version af Klassekit og kan ikke åbnes.")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise error(f"{noun.capitalize()} er ændret eller beskadiget ({where + ': ' if where else ''}"
                    f"{danish(err)}).") from None
