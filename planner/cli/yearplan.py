"""The year plan command: a coordinator's year of lessons for one or more schools, and its files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from ..content.messages import danish
from .common import CliError, bounded, invalid, load_or_exit, os_reason, read_plan, write_files


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato som 2027-01-04") from None


def _school_year(text: str) -> str:
    """An argparse type: '2026/27', '2026-27' or '2026/2027'."""
    import re

    from ..planning.yearplan import normalise_school_year

    year = normalise_school_year(text[:20])
    if not re.fullmatch(r"\d{4}/\d{2}", year):
        raise argparse.ArgumentTypeError(f"'{text[:20]}' er ikke et skoleår – skriv fx 2026/27")
    return year


def _weekdays(text: str) -> list[int]:
    """An argparse type: 'man,tir,ons,tor,fre'."""
    from ..planning.yearplan import parse_weekdays

    try:
        return parse_weekdays(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _hours(text: str):
    """An argparse type: the coordinator's hours, '08:00-14:00', '8-14' or '08.00–14.00'."""
    from ..planning.yearplan import parse_hours

    try:
        return parse_hours(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _school_arg(text: str):
    """An argparse type: 'Skovvangskolen=0.a,0.b,1.a,Specialklasse A'."""
    from ..planning.yearplan import YearPlanError, parse_school

    if len(text) > 4000:
        raise argparse.ArgumentTypeError("skolen har for mange eller for lange klassenavne")
    try:
        return parse_school(text)
    except YearPlanError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _class_languages_arg(text: str):
    """An argparse type: '7.a=ar,en' – a class and its parent letter's extra languages."""
    from ..planning.lesson.details import KitInfo

    name, sep, codes = text.rpartition("=")
    if not sep or not name.strip() or len(text) > 200:
        raise argparse.ArgumentTypeError("skriv klassen og sprogene, fx \"7.a=ar,en\"")
    try:
        return name.strip(), KitInfo.model_validate({"letter_languages": codes}).letter_languages
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(danish(dict(exc.errors()[0]))) from None


def _contact_arg(text: str):
    """An argparse type: 'Skovvangskolen=Mette Hansen;12 34 56 78;mette@kommune.dk'."""
    from ..planning.yearplan import YearPlanError, parse_contact

    try:
        return parse_contact(text)
    except YearPlanError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _week_arg(text: str):
    """An argparse type: '2027-W05'."""
    from ..planning.yearplan import YearPlanError, parse_week

    try:
        return parse_week(text)
    except YearPlanError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _yearplan_plan(args, content, Y):
    """The plan the yearplan command works on: next year's from a saved plan, a saved plan, or a new one."""
    if args.fil and not (args.week or args.new_time):  # a stray word is refused as argparse would
        raise CliError(f"ukendte valg: {args.fil[:60]} – planfilen til sidst hører til --week eller --new-time; "
                       "brug ellers --plan FIL.")
    plan_path = args.plan or args.fil
    if args.plan and args.fil and args.plan != args.fil:
        raise Y.YearPlanError("Skriv planfilen én gang: enten som --plan FIL eller til sidst, ikke begge.")
    if args.next_year:
        if plan_path:
            raise Y.YearPlanError("Brug enten --next-year FIL (næste skoleår ud fra et gemt årshjul) eller --plan FIL, "
                                  "ikke begge.")
        old, notes = Y.open_file(read_plan(args.next_year, Y.MAX_PLAN_BYTES, Y.YearPlanFileError), content)
        for note in notes:
            print(f"OBS: {note}")
        plan, notes = Y.next_year(content, old)
        for note in notes:
            print(note)
        return plan
    if plan_path:
        plan, notes = Y.open_file(read_plan(plan_path, Y.MAX_PLAN_BYTES, Y.YearPlanFileError), content)
        for note in notes:
            print(f"OBS: {note}")
        return plan
    return None


def _print_week(plan, week, Y) -> None:
    import datetime as dt

    for line in Y.week_lines(plan, *week, dt.date.today()):
        print(line)


def _new_time(plan, args, Y):
    """`--new-time UID`: the next free slots; with `--choose N`, the plan with the session at the N-th."""
    import datetime as dt

    from ..planning import school_calendar as SC

    slots = Y.free_slots(plan, args.new_time, dt.date.today(), n=Y.MAX_OFFERS)
    if not slots:
        raise Y.YearPlanError(Y.why_no_slot(plan, args.new_time, dt.date.today()))
    if args.choose is None:
        print("Ledige tider, der holder alle regler (vælg med --choose N og --out MAPPE):")
        for i, (day, start) in enumerate(slots, 1):
            print(f"  {i:>2}. {SC.long_date(day)} kl. {start:%H.%M} (uge {day.isocalendar().week})")
        return None
    if args.choose > len(slots):
        raise Y.YearPlanError(f"Der er {len(slots)} ledige tider – vælg et tal fra 1 til {len(slots)}.")
    moved, messages = Y.move_to_new_time(plan, args.new_time, *slots[args.choose - 1])
    if len(moved.sessions) != len(plan.sessions) + 1:
        raise Y.YearPlanError(" ".join(messages) or "Den nye tid kunne ikke gemmes.")
    plan = moved
    for m in messages:
        print(m)
    return plan


def cmd_yearplan(args) -> int:
    from ..documents import yearplan_export as X
    from ..documents import yearplan_report as R
    from ..planning import yearplan as Y

    content = load_or_exit(args.root)
    try:
        problem = flag_problem(args)
        if problem:
            raise Y.YearPlanError(problem)
        plan = _yearplan_plan(args, content, Y)
        if plan is None:
            plan = _new_plan(args, content, Y)
        plan = _with_class_choices(plan, args, Y)
        if args.week:
            _print_week(plan, args.week, Y)
            return 0
        if args.new_time:
            plan = _new_time(plan, args, Y)
            if plan is None:
                return 0
    except (Y.YearPlanError, Y.YearPlanFileError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"Fejl: {invalid(exc)}", file=sys.stderr)
        return 2
    _print_summary(plan, Y)
    files = X.all_files(plan, per_class=args.per_class)
    files.update(R.report_files(plan))
    write_files(args.out, files, args.force)
    return _write_kits(args, content, plan, Y) if args.kits else 0


def flag_problem(args) -> str:
    """What is wrong with the combination of flags, in Danish, found before any work is done ('' when nothing)."""
    if args.choose is not None and not args.new_time:
        return "--choose vælger en af de ledige tider fra --new-time UID – brug dem sammen."
    if not args.out and not (args.week or (args.new_time and args.choose is None)):  # only these write no files
        return "Skriv, hvor filerne skal gemmes: --out MAPPE."
    if (args.week or args.new_time) and not (args.plan or args.fil or args.next_year):
        return "Ugen og en ny tid findes i et gemt årshjul: skriv planfilen, fx yearplan --week 2027-W05 " \
               "aarshjul-2026-27.json."
    return ""


def capacity_choices(args) -> dict:
    """The coordinator's capacity as given on the command line; what is not given keeps the request's default."""
    extra = {}
    if args.weekdays:
        extra["weekdays"] = args.weekdays
    if args.hours:
        extra["day_start"], extra["day_end"] = args.hours
    if args.max_per_day:
        extra["max_per_day"] = args.max_per_day
    return extra


def kommune_as_spelled(content, typed: str | None) -> str | None:
    """The kommune as its school-year file spells it, whatever the case typed; an unknown one as typed (the plan
    then says it has no such file)."""
    if not typed:
        return typed
    return next((sy.kommune for sy in content.school_years
                 if sy.kommune and sy.kommune.casefold() == typed.strip().casefold()), typed)


def _new_plan(args, content, Y):
    """A new plan from the command line's choices."""
    school_year = Y.normalise_school_year(args.school_year) if args.school_year else Y.default_school_year(content)
    if not school_year:
        raise Y.YearPlanError("Der er ingen skoleårsfiler i materials/school_years/.")
    if args.school and args.grades:
        raise Y.YearPlanError("Brug enten --school (klasser pr. skole) eller --grades (ét klassetrin pr. "
                              "klasse på én skole), ikke begge.")
    req = Y.YearPlanRequest(
        school_year=school_year, kommune=kommune_as_spelled(content, args.kommune),
        grades=Y.parse_grades(args.grades or "0-9"), schools=args.school or [], sessions_per_year=args.sessions,
        winter_break_week=args.winter_break_week, parent_meetings=args.parent_meetings, start_from=args.start_from,
        same_half_day=args.same_half_day, **capacity_choices(args))
    today = Y.default_start(Y.plan_year(content, req)) if req.start_from is None else None
    if today:  # as the app: a school year already running is planned from today, not from August
        req = Y.YearPlanRequest.model_validate(req.model_dump() | {"start_from": today})
        print(f"Skoleåret er i gang: lektionerne lægges fra i dag ({today:%d.%m.%Y}). "
              "Brug --from for en anden dato.")
    return Y.build_plan(content, req)


def _with_class_choices(plan, args, Y):
    """The plan with the coordinator's contacts and the parent letter's extra languages of each class."""
    if args.contact:
        plan = Y.with_contacts(plan, dict(args.contact))
    if args.letter_languages:
        wanted = dict(args.letter_languages)  # a class name means that class in every school that has it
        unknown = [c for c in wanted if c not in {name for _, name in plan.classes()}]
        if unknown:
            raise Y.YearPlanError(f"--letter-languages: klassen '{unknown[0][:40]}' er ikke med i årshjulet.")
        plan = Y.with_letter_languages(plan, {(school, name): wanted[name] for school, name in plan.classes()
                                              if name in wanted})
    return plan


def _print_summary(plan, Y) -> None:
    print(f"{plan.title} · {', '.join(plan.school_names)} · {len(plan.lessons())} lektioner · "
          f"vinterferie uge {plan.winter_break_week}")
    print(f"Koordinatoren: {Y.Rules.of(plan.request).describe()}")
    if plan.year.status != "confirmed":
        print(f"OBS: {plan.year.note}")
    for school, name in plan.without_age():
        print(f"OBS: {name} på {school} har intet klassetrin og intet alderstrin, så klassen får kun temaer og "
              f"øvelser, der passer til alle aldre. Skriv alderstrinnet i parentes, fx \"{name} (mellemtrin)\".")
    for school, name in plan.classes():
        print(f"  {school[:24]:<24} {name:<16} " + " · ".join(Y.session_line(plan, s)
                                                          for s in plan.sessions_of_class(school, name)))


def _write_kits(args, content, plan, Y) -> int:
    """`--kits`: every kit of the year in one zip, with progress on stderr; a kit that fails leaves no zip."""
    from ..documents import yearplan_kits as XK

    path = Path(args.out) / f"{Y.file_stem(plan)}-klassesaet.zip"
    if path.exists() and not args.force:
        raise CliError(f"{path} findes allerede. Brug --force for at overskrive den.")

    def progress(done, total, what):
        bar = "#" * (20 * done // max(1, total))
        print(f"\r  klassesæt [{bar:<20}] {done}/{total}: {what[:60]:<60}", end="", file=sys.stderr, flush=True)

    try:
        with open(path, "wb") as out:  # streamed: one kit's documents in memory at a time
            XK.kits_write(content, plan, out, progress)
        print(file=sys.stderr)
        print(f"Skrevet: {path}")
    except Y.YearPlanError as exc:
        path.unlink(missing_ok=True)
        print(f"\nFejl: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        raise CliError(f"Kan ikke skrive {path}: {os_reason(exc)}.") from None
    return 0


def register(sub) -> None:
    """The year plan command's parser."""
    s = sub.add_parser("yearplan", help="lav et årshjul (Excel, kalender, Word, årsrapport og planfil) for et skoleår",
                       description="Årshjul for en eller flere skoler: lektioner pr. klasse, lagt efter koordinatorens "
                                   "tid. Fx: --school \"Skovvangskolen=0.a,0.b,1.a,9.b,Specialklasse A\" --school "
                                   "\"Bakkeskolen=0.a,1.a\" --weekdays man,tir,tor --max-per-day 2")
    s.add_argument("--school-year", metavar="SKOLEÅR", type=_school_year,
                   help="fx 2026/27 eller 2026-27 (standard: det igangværende skoleår)")
    s.add_argument("--kommune", help="brug kommunens egen skoleårsfil (feltet 'kommune:' i filen; store og små "
                                     "bogstaver er lige gode)")
    s.add_argument("--school", metavar="SKOLE=KLASSER", type=_school_arg, action="append",
                   help="en skole og dens klasser, fx \"Skovvangskolen=0.a,0.b,10.a,Specialklasse A (indskoling)\" – en "
                        "klasse uden klassetrin får elevernes alderstrin i parentes (indskoling, mellemtrin eller "
                        f"udskoling); uden det kun temaer for alle aldre (kan gentages; højst {6} skoler)")
    s.add_argument("--grades", metavar="KLASSETRIN", default=None,
                   help="uden --school: én skole med én klasse pr. klassetrin, fx 0-9, 4-10, 4-6,special (standard: 0-9)")
    s.add_argument("--sessions", type=int, choices=range(1, 7), metavar="1-6", help="lektioner pr. klasse (standard: 2)")
    s.add_argument("--weekdays", metavar="DAGE", type=_weekdays,
                   help="koordinatorens ugedage, fx man,tir,ons,tor,fre (standard: alle hverdage)")
    s.add_argument("--hours", metavar="TIDSRUM", type=_hours,
                   help="koordinatorens tid til lektioner, fx 08:00-13:00 eller 8-13 (standard: 08:00-14:00)")
    s.add_argument("--max-per-day", metavar="N", type=bounded(1, 6), help="højst N lektioner om dagen (standard: 2)")
    s.add_argument("--same-half-day", action="store_true",
                   help="tillad to skoler på samme halve dag (skolerne ligger tæt; standard: én skole pr. halve dag)")
    s.add_argument("--winter-break-week", type=int, choices=(7, 8), help="vinterferie i uge 7 eller 8")
    s.add_argument("--parent-meetings", action="store_true", help="læg et forældremøde før hver klasses første lektion")
    s.add_argument("--from", dest="start_from", metavar="DATO", type=_iso_date,
                   help="læg lektionerne fra denne dato, fx 2027-01-04")
    s.add_argument("--plan", metavar="FIL", help="et gemt årshjul (.json) – bruges i stedet for valgene ovenfor")
    s.add_argument("--per-class", action="store_true", help="skriv også en kalender (.ics) pr. klasse til lærerne")
    s.add_argument("--kits", action="store_true", help="skriv også alle klassesæt som én zip-fil")
    s.add_argument("--next-year", metavar="FIL", help="næste skoleårs årshjul ud fra et gemt årshjul (.json): klasserne "
                   "rykker et klassetrin op, 9. klasse går ud, en ny 0. klasse kommer til, og hver klasse får temaer, "
                   "den ikke har haft – det gamle årshjul ændres ikke")
    s.add_argument("--week", metavar="UGE", type=_week_arg,
                   help="vis en uge i et gemt årshjul, dag for dag, fx 2027-W05 (skriver ingen filer)")
    s.add_argument("--new-time", metavar="UID", help="find en ny tid til en aflyst session i et gemt årshjul (sessionens "
                   "uid fra Excel-filen eller planfilen)")
    s.add_argument("--choose", metavar="N", type=bounded(1, 10), help="med --new-time: flyt sessionen til den N'te "
                   "ledige tid, og skriv filerne")
    s.add_argument("--letter-languages", metavar="KLASSE=SPROG", type=_class_languages_arg, action="append",
                   help="forældrebrevet også på disse sprog for en klasse, fx \"7.a=ar,en\" – klassesættene får et "
                        "brev på hvert sprog ved siden af det danske (kan gentages)")
    s.add_argument("--contact", metavar="SKOLE=NAVN;TELEFON;MAIL", type=_contact_arg, action="append",
                   help="koordinatorens kontakt for en skole, fx \"Skovvangskolen=Mette Hansen;12 34 56 78;"
                        "mette@kommune.dk\" – står i hver kalenderaftale og i Word-planen (kan gentages)")
    s.add_argument("fil", nargs="?", metavar="FIL", help="et gemt årshjul (.json), som --plan")
    s.add_argument("--out", metavar="MAPPE", help="mappe til filerne")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.set_defaults(func=cmd_yearplan)


