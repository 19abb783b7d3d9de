"""Command line: `python -m planner <command>`. Thin: every command calls the same functions as the app.

One module per family of commands (lessons, yearplan) with a `register` for its parsers; common holds what they
share (Danish argparse, argument types, file writing)."""

from __future__ import annotations

import argparse
import sys

from ..content.loader import ROOT
from . import lessons, parents, series, yearplan
from .common import CliError, DanishParser, Printable, danish_argparse, root_arg

__all__ = ["CliError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    p = DanishParser(prog="python -m planner", description="Klassekit: planlæg forebyggelse af digitale krænkelser.")
    p.add_argument("--root", type=root_arg, default=ROOT, help="projektmappe med materials/ og lesson_templates/")
    sub = p.add_subparsers(dest="command", required=True, parser_class=DanishParser)
    lessons.register(sub)
    yearplan.register(sub)
    series.register(sub)
    parents.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Printable(out), Printable(err)
    try:
        with danish_argparse():
            args = build_parser().parse_args(argv)
        try:
            return args.func(args)
        except CliError as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # the output went to a program that stopped reading (| head): nothing is wrong
            return 0
    finally:
        sys.stdout, sys.stderr = out, err
