"""The content library as pandas DataFrames, with the filters the app and the CLI share."""

from __future__ import annotations

import json
from typing import Iterable

import pandas as pd

from .bands import AGE_BANDS, BAND_LABELS, Band, age_band_of, ages_fit, band_rank
from .loader import Content
from .models import STATUS_LABELS
from .text import spreadsheet_text

KINDS = ("materials", "helplines", "facts", "themes", "exercises")

# Which of the four audiences each vidensbank section serves.
_SECTION_AUDIENCE = {
    "ledelse": ["fagpersoner"],
    "personale": ["fagpersoner"],
    "litteratur": ["fagpersoner"],  # and parents where a book names them (see frame)
    "børn og unge": ["børn", "unge"],
    "forældre": ["forældre"],
}


def frame(content: Content, kind: str) -> pd.DataFrame:
    """One row per item; list-valued columns stay Python lists so filters can test membership."""
    if kind not in KINDS:
        raise ValueError(f"Ukendt slags '{kind}'. Vælg en af: {', '.join(KINDS)}")
    rows = [item.model_dump(mode="json") for item in getattr(content, kind)]
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    if kind == "materials":
        # A book is for the readers it names: "Den professionelle tvivl" is not offered to parents.
        df["audiences"] = [_SECTION_AUDIENCE.get(sec, []) + (["forældre"] if sec == "litteratur" and any(
            "forældre" in a.casefold() for a in aud) else []) for sec, aud in zip(df["section"], df["audience"], strict=False)]
    elif kind == "helplines":
        df["audiences"] = df["audience"]
        df["status_label"] = df["status"].map(STATUS_LABELS)
        df["age_text"] = [h.age_text for h in content.helplines]
        df["title"] = df["name"]
        df["age_min"] = df["age_min"].astype("Int64")
        df["age_max"] = df["age_max"].astype("Int64")
    elif kind == "facts":
        df["audiences"] = [["børn", "unge", "fagpersoner"]] * len(df)
    else:
        df["audiences"] = [["fagpersoner"]] * len(df)
    return df


def _band_mask(df: pd.DataFrame, kind: str, band: Band) -> pd.Series:
    if kind == "helplines":
        ab = age_band_of(band)
        young = {"børn", "unge"}
        return pd.Series(
            [bool(young & set(aud)) and ages_fit(lo, hi, ab)
             for aud, lo, hi in zip(df["audience"], _nullable(df["age_min"]), _nullable(df["age_max"]), strict=False)],
            index=df.index,
        )
    if kind == "facts":
        ab = age_band_of(band)
        return df["min_band"].map(lambda b: b in AGE_BANDS and band_rank(b) <= band_rank(ab))
    if kind == "materials":  # a material for no particular band (a guide for staff, say) fits every band
        return df["bands"].map(lambda bands: not bands or band in bands)
    return df["bands"].map(lambda bands: band in bands)


def _nullable(col: pd.Series) -> Iterable:
    return [None if _missing(v) else int(v) for v in col]


def filter_frame(
    df: pd.DataFrame,
    kind: str,
    band: str | None = None,
    theme: str | None = None,
    audience: str | None = None,
    provider: str | None = None,
    text: str | None = None,
    region: str | None = None,
) -> pd.DataFrame:
    """Filter a catalog frame. Every argument left as None leaves that dimension open."""
    if df.empty:
        return df
    mask = pd.Series(True, index=df.index)
    if band:
        if band not in BAND_LABELS:
            raise ValueError(f"Ukendt trin '{band}'. Vælg en af: {', '.join(BAND_LABELS)}")
        mask &= _band_mask(df, kind, band)  # type: ignore[arg-type]  # checked against BAND_LABELS above
    if theme and "themes" in df:
        mask &= df["themes"].map(lambda ts: theme in ts)
    if theme and kind == "themes":
        mask &= df["id"] == theme
    if audience:
        mask &= df["audiences"].map(lambda a: audience in a)
    if provider and "provider" in df:
        mask &= df["provider"].str.contains(provider, case=False, regex=False)
    if region and kind == "helplines":
        mask &= df["region"].isin(["national", region])
    if text:
        needle = text.casefold()
        cells = df.drop(columns=[c for c in ("audiences",) if c in df]).map(lambda v: "" if _missing(v) else str(v))
        haystack = cells.agg(" ".join, axis=1)
        mask &= haystack.str.casefold().str.contains(needle, regex=False)
    return df[mask]


def _missing(v) -> bool:
    return v is None or (not isinstance(v, (list, dict, str)) and bool(pd.isna(v)))


def render(df: pd.DataFrame, kind: str, fmt: str = "table") -> str:
    """Render a (filtered) frame for the CLI: a readable table, CSV or a JSON list of objects."""
    out = df.drop(columns=[c for c in ("audiences", "status_label", "age_text") if c in df])
    if kind == "helplines" and "title" in out:
        out = out.drop(columns=["title"])
    if fmt == "json":
        # A missing value is null: NaN is not JSON, and a program reading the list would stop at it.
        records = [{k: None if _missing(v) else v for k, v in row.items()} for row in out.to_dict(orient="records")]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    flat = out.map(lambda v: ", ".join(map(str, v)) if isinstance(v, list) else ("" if _missing(v) else v))
    if fmt == "csv":
        return flat.map(spreadsheet_text).to_csv(index=False)  # a cell never opens as a formula
    if fmt == "table":
        name = "name" if kind == "helplines" else "title"
        cols = [c for c in ("id", name, "provider", "bands", "min_band", "method", "phone", "status") if c in flat]
        if flat.empty:
            return "Ingen poster passer til filtrene."
        return flat[cols].to_string(index=False, max_colwidth=50)
    raise ValueError(f"Ukendt format '{fmt}'. Vælg table, csv eller json.")


def find_themes(themes: list, text: str) -> list:
    """Themes whose title, description or search words hold what a teacher typed: the whole phrase, or every
    word of it (so "snak med fremmede" finds grooming by its search words)."""
    query = " ".join(str(text or "").casefold().split())[:100]
    if not query:
        return []
    words = [w for w in query.split() if len(w) >= 3] or [query]
    out = []
    for t in themes:
        hay = " ".join([t.title, t.description, *t.search_words]).casefold()
        if query in hay or all(w in hay for w in words):
            out.append(t)
    return out
