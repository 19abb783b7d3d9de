"""The lesson commands: check, catalog, lesson, kit, guide and bench."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError

from ..content.bands import AGE_BANDS, BANDS
from ..content.messages import danish
from ..content.translations import LANGUAGES
from .common import (
    KIND_NAMES,
    CliError,
    bounded,
    clock_arg,
    invalid,
    kommune_of,
    load_or_exit,
    read_plan,
    text_arg,
    with_pdfs,
    write_file,
    write_files,
)


def cmd_check(args) -> int:
    content = load_or_exit(args.root)
    for w in content.warnings:
        print(f"advarsel: {w}")
    print("Indholdet er gyldigt.")
    for name, count in content.summary().items():
        print(f"  {name}: {count}")
    return 0


def cmd_catalog(args) -> int:
    from ..content.catalog import filter_frame, frame, render

    content = load_or_exit(args.root)
    kommune = kommune_of(content, args.kommune)
    if args.theme and args.theme not in {t.id for t in content.themes}:
        raise CliError(f"--theme: temaet '{args.theme[:80]}' findes ikke. Kendte temaer: "
                       f"{', '.join(t.id for t in content.themes)}.")
    df = frame(content, args.kind)
    try:
        df = filter_frame(df, args.kind, band=args.band, theme=args.theme, audience=args.audience,
                          provider=args.provider, text=args.search, region=kommune)
        print(render(df, args.kind, args.format))
    except ValueError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    return 0


def _plan_from_args(args, content):
    from ..planning import lesson as L

    if getattr(args, "plan", None):
        return L.from_json(read_plan(args.plan, L.MAX_PLAN_BYTES, L.PlanFileError), content)
    if not args.band or not (args.minutes or args.template):
        raise L.PlanError("Angiv --band og --minutes (eller --template), eller --plan FIL.")
    if args.age_band and args.band != "special":
        raise L.PlanError(f"--age-band gælder kun for --band special: elevernes alder følger trinnet ({args.band}).")
    return L.assemble(content, L.LessonRequest(
        band=args.band, age_band=args.age_band, minutes=args.minutes, template=args.template,
        themes=args.theme or [], include=args.include or [], exclude=args.exclude or [],
        kommune=kommune_of(content, args.kommune)))


def _plan_or_none(args, content):
    """The lesson plan the arguments ask for, or None after printing why it cannot be made."""
    from ..planning import lesson as L

    try:
        return _plan_from_args(args, content)
    except (L.PlanError, L.PlanFileError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return None
    except ValidationError as exc:
        print(f"Fejl: {invalid(exc)}", file=sys.stderr)
        return None


def print_timeline(plan) -> None:
    from ..planning.lesson import overview as O

    print(f"{plan.title}")
    print(" · ".join(x for x in (plan.band_label, plan.template_title, f"{plan.minutes} minutter",
                                 plan.kit.class_name, plan.kit.date) if x))
    for a, row in zip(plan.activities, O.schedule(plan, plan.kit.start), strict=False):
        print(f"  {row.start}–{row.end} {a.minutes:>3} min  {a.title}")


def cmd_lesson(args) -> int:
    from ..planning import lesson as L

    plan = _plan_or_none(args, load_or_exit(args.root))
    if plan is None:
        return 2
    plan = _with_kit_args(plan, args)
    print_timeline(plan)
    if args.out:
        write_file(args.out, L.to_json(plan).encode("utf-8"), args.force)
        print(f"Gemt: {args.out}")
    return 0


def cmd_kit(args) -> int:
    from ..documents import kit as K
    from .series import is_forloeb_file, write_forloeb_kit

    if getattr(args, "plan", None) and is_forloeb_file(args.plan):
        return write_forloeb_kit(args)

    plan = _plan_or_none(args, load_or_exit(args.root))
    if plan is None:
        return 2
    plan = _with_kit_args(plan, args)
    write_files(args.out, with_pdfs(K.build_kit(plan, plan.kit, poster_size=plan.kit.poster), args.pdf), args.force)
    return 0


def cmd_guide(args) -> int:
    from ..documents.guide_docs import guide_documents

    content = load_or_exit(args.root)
    write_files(args.out, guide_documents(content, kommune_of(content, args.kommune)), args.force)
    return 0


def cmd_bench(args) -> int:
    from ..bench import main as bench_main

    return bench_main(args.root, repeats=args.repeats, quick=args.quick)


def _lesson_args(s, plan_option: bool) -> None:
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--age-band", choices=AGE_BANDS, help="elevernes alderstrin (kun for --band special)")
    s.add_argument("--minutes", type=bounded(1, 400), help="lektionens længde i minutter (15–400)")
    s.add_argument("--template", help="lektionsskabelon: klassens-tid, lektion, dobbeltlektion, temadag")
    s.add_argument("--theme", action="append", help="tema-id (kan gentages)")
    s.add_argument("--include", action="append", help="øvelse der skal med (kan gentages)")
    s.add_argument("--exclude", action="append", help="øvelse der ikke må komme med (kan gentages)")
    s.add_argument("--kommune", help="medtag lokale kontakter fra denne kommune")
    if plan_option:
        s.add_argument("--plan", help="en gemt lektionsplan (.json)")


def _kit_args(s) -> None:
    """The class's details, kept in the plan (and its file); a saved plan's own details apply unless given here."""
    s.add_argument("--school", type=text_arg(120), help="skolens navn (står i dokumenternes sidehoved)")
    s.add_argument("--class", dest="class", type=text_arg(120), help="klassen, fx 4.b")
    s.add_argument("--teacher", type=text_arg(120), help="lærerens navn (står i lærerplanen og forældrebrevet)")
    s.add_argument("--date", type=text_arg(120), help="lektionens dato, som den skal stå i brevet, fx 'tirsdag 12. januar'")
    s.add_argument("--start", type=clock_arg, help="klokkeslæt, lektionen starter, fx 08:00 (standard: 08:00)")
    s.add_argument("--pupils", type=bounded(1, 40), help="elever i klassen, til materialelisten (standard: 28)")
    s.add_argument("--poster", choices=("A4", "A3"), help="plakatens papirstørrelse (standard: A4)")
    s.add_argument("--letter-languages", dest="letter_languages", type=languages_arg, metavar="SPROG",
                   help="forældrebrevet også på disse sprog, fx en,ar,uk (kendte: " + ", ".join(LANGUAGES) + ")")


def languages_arg(text: str) -> list[str]:
    """An argparse type: the letter's extra languages as codes, refused in Danish before any work."""
    from ..planning.lesson.details import KitInfo

    if len(text) > 100:
        raise argparse.ArgumentTypeError(f"højst 100 tegn (ikke {len(text)})")
    try:
        return KitInfo.model_validate({"letter_languages": text}).letter_languages
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(danish(dict(exc.errors()[0]))) from None


def _with_kit_args(plan, args):
    """The plan with the class's details the arguments give, on top of those it already has."""
    given = {"school": args.school, "class_name": getattr(args, "class"), "teacher": args.teacher,
             "date": args.date, "start": args.start, "pupils": args.pupils, "poster": args.poster,
             "letter_languages": args.letter_languages}
    changes = {k: v for k, v in given.items() if v is not None}
    return plan.model_copy(update={"kit": plan.kit.model_copy(update=changes)}) if changes else plan




def register(sub) -> None:
    """The lesson commands' parsers."""
    s = sub.add_parser("check", help="valider indholdet i materials/ og lesson_templates/")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("catalog", help="vis kataloget")
    s.add_argument("--kind", choices=KIND_NAMES, default="materials")
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--theme")
    s.add_argument("--audience", choices=("børn", "unge", "forældre", "fagpersoner"))
    s.add_argument("--provider", type=text_arg(100), help="udbyder (en del af navnet er nok)")
    s.add_argument("--search", type=text_arg(100), help="fritekst")
    s.add_argument("--kommune", help="vis kun nationale kontakter og denne kommunes")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")
    s.set_defaults(func=cmd_catalog)

    s = sub.add_parser("lesson", help="sammensæt en lektion og gem den som JSON")
    _lesson_args(s, plan_option=False)
    _kit_args(s)
    s.add_argument("--out", help="gem planen som JSON i denne fil")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.set_defaults(func=cmd_lesson)

    s = sub.add_parser("kit", help="skriv klassesættet (Word-dokumenter og præsentation til tavlen) for en lektion")
    _lesson_args(s, plan_option=True)
    s.add_argument("--out", required=True, help="mappe til dokumenterne")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    _kit_args(s)
    s.add_argument("--pdf", action="store_true", help="skriv også alle dokumenter som PDF (kræver LibreOffice)")
    s.set_defaults(func=cmd_kit)

    s = sub.add_parser("guide", help="skriv handleguidens tjekliste, logbog og beredskabsplan (Word)")
    s.add_argument("--out", required=True, help="mappe til dokumenterne")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.add_argument("--kommune", help="medtag lokale kontakter fra denne kommune")
    s.set_defaults(func=cmd_guide)

    s = sub.add_parser("bench", help="mål hastigheden (én JSON-linje pr. måling)")
    s.add_argument("--repeats", type=bounded(1, 50), default=7)
    s.add_argument("--quick", action="store_true", help="spring målingen af 100 klassesæt over")
    s.set_defaults(func=cmd_bench)

