"""Command line: `python -m planner <command>`. Thin: every command calls the same functions as the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .bands import AGE_BANDS, BANDS
from .loader import ROOT, ContentError, load_content

KIND_NAMES = ("materials", "helplines", "facts", "themes", "exercises")


def _content(root: Path):
    try:
        return load_content(root)
    except ContentError as exc:
        print(f"Indholdet har {sum(not p.warning for p in exc.problems)} fejl:", file=sys.stderr)
        for p in exc.problems:
            print(("  advarsel: " if p.warning else "  ") + str(p), file=sys.stderr)
        raise SystemExit(1)


def cmd_check(args) -> int:
    content = _content(args.root)
    for w in content.warnings:
        print(f"advarsel: {w}")
    print("Indholdet er gyldigt.")
    for name, count in content.summary().items():
        print(f"  {name}: {count}")
    return 0


def cmd_catalog(args) -> int:
    from .catalog import filter_frame, frame, render

    content = _content(args.root)
    df = frame(content, args.kind)
    try:
        df = filter_frame(df, args.kind, band=args.band, theme=args.theme, audience=args.audience,
                          provider=args.provider, text=args.search, region=args.kommune)
        print(render(df, args.kind, args.format))
    except ValueError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m planner", description="Klassekit: planlæg forebyggelse af digitale krænkelser.")
    p.add_argument("--root", type=Path, default=ROOT, help="projektmappe med materials/ og lesson_templates/")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("check", help="valider indholdet i materials/ og lesson_templates/")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("catalog", help="vis kataloget")
    s.add_argument("--kind", choices=KIND_NAMES, default="materials")
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--theme")
    s.add_argument("--audience", choices=("børn", "unge", "forældre", "fagpersoner"))
    s.add_argument("--provider")
    s.add_argument("--search", help="fritekst")
    s.add_argument("--kommune", help="vis kun nationale kontakter og denne kommunes")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")
    s.set_defaults(func=cmd_catalog)

    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
