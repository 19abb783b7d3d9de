"""Danish messages for content and plan files: what pydantic's error types mean, and where in a YAML file an
error sits. Editors and teachers read these, so they say what to write instead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable

from ruamel.yaml.comments import CommentedMap, CommentedSeq

# --- Danish messages for pydantic's error types ------------------------------------------------

MESSAGES = {
    "missing": "mangler",
    "extra_forbidden": "er ikke et kendt felt (stavefejl?)",
    "string_type": "skal være tekst",
    "string_too_short": "må ikke være tom",
    "string_too_long": "er for lang",
    "string_pattern_mismatch": "må kun indeholde små bogstaver a–z, tal og bindestreger (fx 'min-oevelse')",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "list_type": "skal være en liste",
    "dict_type": "skal være en samling af felter (nøgle: værdi)",
    "model_type": "skal være en samling af felter (nøgle: værdi)",
    "model_attributes_type": "skal være en samling af felter (nøgle: værdi)",
    "date_type": "skal være en dato skrevet som 2026-11-25",
    "date_parsing": "skal være en dato skrevet som 2026-11-25",
    "date_from_datetime_parsing": "skal være en dato skrevet som 2026-11-25",
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt",
}


def danish(err: Mapping[str, Any]) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "literal_error":
        return f"skal være en af: {str(ctx.get('expected', '')).replace(' or ', ' eller ')}"
    if kind == "greater_than_equal":
        return f"skal være mindst {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"må højst være {ctx.get('le')}"
    if kind == "too_short":
        return f"skal have mindst {ctx.get('min_length')} punkt(er)"
    if kind == "too_long":
        return f"må højst have {ctx.get('max_length')} punkter"
    if kind == "string_too_long":
        return f"må højst være {ctx.get('max_length')} tegn"
    msg = MESSAGES.get(kind, err["msg"])
    if kind not in ("missing", "extra_forbidden") and "input" in err and not isinstance(err["input"], (dict, list)):
        shown = repr(err["input"])
        msg += f" (står der: {shown[:60] + '…' if len(shown) > 60 else shown})"
    return msg


# --- YAML with line numbers ---------------------------------------------------------------------


def line_of(node: Any, loc: Iterable[Any], default: int | None) -> int | None:
    """Follow a pydantic error location into the round-trip YAML tree to find its line (1-based)."""
    line = default
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line
