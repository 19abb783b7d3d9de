"""The forløb command: plan 2–6 lessons for one class in one go, save them as one file, write the forløb's kit."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re

from pydantic import ValidationError

from ..content.bands import AGE_BANDS, BANDS
from .common import (
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

WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag")
FIRST_YEAR, LAST_YEAR = 2020, 2100


def date_arg(text: str) -> dt.date:
    """An argparse type: a date as 2027-02-08, in a school year Klassekit can plan."""
    try:
        day = dt.date.fromisoformat(text.strip()) if len(text) <= 10 else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' er ikke en dato som 2027-02-08")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"året skal være mellem {FIRST_YEAR} og {LAST_YEAR}")
    return day


def week_arg(text: str) -> tuple[int, int]:
    """An argparse type: an ISO week as 2027-W06."""
    match = re.fullmatch(r"(\d{4})-[Ww](\d{1,2})", text.strip())
    if not match or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR or not 1 <= int(match[2]) <= 53:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' er ikke en uge som 2027-W06")
    return int(match[1]), int(match[2])


def length_arg(text: str) -> dict:
    """An argparse type: one lesson's length, minutes (15–90) or a lesson template's id."""
    if text.isascii() and text.isdigit():
        n = bounded(15, 90)(text)
        return {"minutes": n}
    if not re.fullmatch(r"[a-z0-9-]{1,40}", text):
        raise argparse.ArgumentTypeError(f"'{text[:20]}' er hverken et antal minutter (15–90) eller en skabelon")
    return {"template": text}


def _request(args, content) -> dict:
    from ..planning.lesson import series as S

    if not args.band or not args.lessons:
        raise CliError("Angiv --band og --lessons (2–6), eller --plan FIL.")
    if args.age_band and args.band != "special":
        raise CliError(f"--age-band gælder kun for --band special: elevernes alder følger trinnet ({args.band}).")
    lengths = list(args.length or [])
    if args.minutes:
        lengths.append({"minutes": args.minutes})
    if args.template:
        lengths.append({"template": args.template})
    if not lengths:
        raise CliError("Angiv lektionernes længde med --minutes, --template eller --length (én pr. lektion).")
    if len(lengths) not in (1, args.lessons):
        raise CliError(f"Giv én længde for alle lektioner eller én --length for hver af de {args.lessons} lektioner "
                       f"(ikke {len(lengths)}).")
    templates = {t.id for t in content.templates}
    for x in lengths:
        if x.get("template") and x["template"] not in templates:
            raise CliError(f"--template: skabelonen '{x['template']}' findes ikke. Vælg en af: {', '.join(templates)}.")
        if x.get("template") and next(t for t in content.templates if t.id == x["template"]).minutes > S.MAX_SERIES_MINUTES:
            raise CliError(f"--template: et forløb har lektioner på højst {S.MAX_SERIES_MINUTES} minutter, "
                           f"ikke '{x['template']}'. Brug årshjulet til en temadag.")
    starts = [x for x in (args.date, args.start_date, args.start_week) if x]
    if len(starts) > 1:
        raise CliError("Angiv enten --date (én pr. lektion), --start-date eller --start-week – ikke flere af dem.")
    if args.weekday and not args.start_week:
        raise CliError("--weekday bruges sammen med --start-week, fx --start-week 2027-W06 --weekday mandag.")
    start = args.start_date
    if args.start_week:
        try:
            year, week = args.start_week
            start = S.week_start(year, week, WEEKDAY_NAMES.index(args.weekday or "mandag") + 1)
        except S.PlanError as exc:
            raise CliError(f"--start-week: {exc}") from None
    return {"band": args.band, "age_band": args.age_band, "lessons": args.lessons, "lengths": lengths,
            "themes": args.theme or [], "dates": args.date or [], "start_date": start,
            "kommune": kommune_of(content, args.kommune)}


def _kit(args, base):
    given = {"school": args.school, "class_name": getattr(args, "class"), "teacher": args.teacher,
             "start": args.start, "pupils": args.pupils, "poster": args.poster}
    return base.model_copy(update={k: v for k, v in given.items() if v is not None})


def cmd_forloeb(args) -> int:
    from ..planning.lesson import PlanError, PlanFileError
    from ..planning.lesson import series as S
    from ..planning.lesson import series_sharing as SS
    from ..planning.lesson.details import KitInfo
    from ..planning.lesson.series_overview import summaries

    content = load_or_exit(args.root)
    try:
        if args.plan:
            series = SS.from_json(read_plan(args.plan, S.MAX_SERIES_BYTES, PlanFileError), content)
        else:
            series = S.build_series(content, S.SeriesRequest.model_validate(_request(args, content)), KitInfo())
        series = S.set_kit(series, _kit(args, series.kit))
    except (PlanError, PlanFileError) as exc:
        raise CliError(str(exc)) from None
    except ValidationError as exc:
        raise CliError(invalid(exc)) from None
    print(series.title)
    print(" · ".join(x for x in (f"{len(series.lessons)} lektioner", series.kit.class_name, series.kit.school) if x))
    for s in summaries(series):
        print(f"Lektion {s.number} · {s.when} · {s.minutes} min · {', '.join(s.themes)}")
        for x in s.exercises:
            print(f"  - {x}")
    if args.out:
        write_file(args.out, SS.to_json(series).encode("utf-8"), args.force)
        print(f"Gemt: {args.out}")
    if args.kit:
        from ..documents.series_docs import series_kit

        write_files(args.kit, series_kit(series), args.force)
    return 0


def is_forloeb_file(path: str) -> bool:
    """Whether a --plan file is a forløb (the kit command then writes the forløb's kit)."""
    from ..planning.lesson import PlanFileError
    from ..planning.lesson import series as S

    try:
        raw = json.loads(read_plan(path, S.MAX_SERIES_BYTES, PlanFileError))
    except (PlanFileError, ValueError, RecursionError):
        return False  # the lesson path reads it again and says what is wrong
    return isinstance(raw, dict) and raw.get("kind") == "forloeb"


def write_forloeb_kit(args) -> int:
    """`kit --plan forloeb.json --out mappe`: the forløb's kit, with the class's details the arguments give."""
    from ..documents.series_docs import series_kit
    from ..planning.lesson import PlanError, PlanFileError
    from ..planning.lesson import series as S
    from ..planning.lesson import series_sharing as SS

    content = load_or_exit(args.root)
    try:
        series = SS.from_json(read_plan(args.plan, S.MAX_SERIES_BYTES, PlanFileError), content)
        series = S.set_kit(series, _kit(args, series.kit))
    except (PlanError, PlanFileError) as exc:
        raise CliError(str(exc)) from None
    write_files(args.out, with_pdfs(series_kit(series), args.pdf), args.force)
    return 0


def register(sub) -> None:
    s = sub.add_parser("forloeb", help="planlæg et forløb på 2–6 lektioner for én klasse og gem det som JSON")
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--age-band", choices=AGE_BANDS, help="elevernes alderstrin (kun for --band special)")
    s.add_argument("--lessons", type=bounded(2, 6), help="antal lektioner i forløbet (2–6)")
    s.add_argument("--minutes", type=bounded(15, 90), help="hver lektions længde i minutter (15–90)")
    s.add_argument("--template", help="hver lektions skabelon: klassens-tid, lektion eller dobbeltlektion")
    s.add_argument("--length", type=length_arg, action="append",
                   help="én lektions længde, minutter eller skabelon (gentag for hver lektion)")
    s.add_argument("--theme", action="append", help="tema-id, forløbet skal tage op (kan gentages; uden: trinnets "
                                                     "temaer fra årshjulet)")
    s.add_argument("--date", type=date_arg, action="append", help="en lektions dato, fx 2027-02-08 (én pr. lektion)")
    s.add_argument("--start-date", type=date_arg, help="første lektions dato; de næste kommer ugen efter")
    s.add_argument("--start-week", type=week_arg, help="første uge, fx 2027-W06 (sammen med --weekday)")
    s.add_argument("--weekday", choices=WEEKDAY_NAMES, help="ugedagen for lektionerne (standard: mandag)")
    s.add_argument("--kommune", help="medtag lokale kontakter fra denne kommune")
    s.add_argument("--school", type=text_arg(120), help="skolens navn (står i dokumenternes sidehoved)")
    s.add_argument("--class", dest="class", type=text_arg(120), help="klassen, fx 8.a")
    s.add_argument("--teacher", type=text_arg(120), help="lærerens navn (står i forældrebrevet)")
    s.add_argument("--start", type=clock_arg, help="klokkeslæt, lektionerne starter, fx 10:00 (standard: 08:00)")
    s.add_argument("--pupils", type=bounded(1, 40), help="elever i klassen, til materialelisten (standard: 28)")
    s.add_argument("--poster", choices=("A4", "A3"), help="plakatens papirstørrelse (standard: A4)")
    s.add_argument("--plan", help="åbn et gemt forløb (.json) i stedet for at lave et nyt")
    s.add_argument("--out", help="gem forløbet som JSON i denne fil")
    s.add_argument("--kit", help="skriv forløbets sæt (oversigt, forældrebrev og en mappe pr. lektion) i denne mappe")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.set_defaults(func=cmd_forloeb)

