"""Command line: `python -m planner <command>`. Thin: every command calls the same functions as the app."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from pydantic import ValidationError

from .content.bands import AGE_BANDS, BANDS
from .content.loader import ROOT, ContentError, load_content

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


def _invalid(exc: ValidationError) -> str:
    """A request the models refuse (e.g. a 500-character theme), said in Danish with the option it concerns."""
    from .content.messages import danish

    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else ""
    option = {"themes": "--theme", "grades": "--grades", "start_from": "--from"}.get(name, "--" + name.replace("_", "-"))
    return f"{option}: {danish(err)}"


def _os_reason(exc: OSError) -> str:
    import errno

    return {errno.ENOENT: "mappen eller filen findes ikke", errno.EACCES: "der er ikke adgang",
            errno.EPERM: "der er ikke adgang", errno.EROFS: "stedet kan kun læses", errno.ENOSPC: "disken er fuld",
            errno.EISDIR: "det er en mappe", errno.ENOTDIR: "en del af stien er ikke en mappe"}.get(
        exc.errno or 0, exc.strerror or str(exc))


def _clock(text: str) -> str:
    """An argparse type: a clock time such as 08:00 or 8.15."""
    from .planning.lesson.overview import StartTimeError, clock, parse_start

    try:
        return clock(parse_start(text))
    except StartTimeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _bounded(lo: int, hi: int):
    """An argparse type: a whole number within [lo, hi], checked before any work."""

    def parse(text: str) -> int:
        if not (text.strip().lstrip("-").isascii() and text.strip().lstrip("-").isdigit()) or len(text) > 6:
            raise argparse.ArgumentTypeError(f"'{text}' er ikke et helt tal")
        n = int(text)
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"skal være mellem {lo} og {hi} (ikke {n})")
        return n

    return parse


def _root(text: str) -> Path:
    """An argparse type: the project folder, refused before any work when it is not a folder."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"mappen '{text[:200]}' findes ikke")
    return path


def _text(limit: int):
    """An argparse type: free text of at most `limit` characters (what the app's fields take too)."""

    def parse(text: str) -> str:
        if len(text) > limit:
            raise argparse.ArgumentTypeError(f"højst {limit} tegn (ikke {len(text)})")
        return text

    return parse


def _kommune(content, name: str | None) -> str | None:
    """The kommune as the content library spells it, found without regard to case; refused when it has no
    contacts."""
    if not name:
        return None
    found = content.kommune_named(name)
    if found is None:
        raise CliError(f"--kommune: der er ingen lokale kontakter for '{name[:80]}'. Kendte kommuner: "
                       f"{', '.join(content.kommuner)}.")
    return found


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
    from .content.catalog import filter_frame, frame, render

    content = _content(args.root)
    kommune = _kommune(content, args.kommune)
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
    from .planning import lesson as L

    if getattr(args, "plan", None):
        return L.from_json(_read_plan(args.plan, L.MAX_PLAN_BYTES, L.PlanFileError), content)
    if not args.band or not (args.minutes or args.template):
        raise L.PlanError("Angiv --band og --minutes (eller --template), eller --plan FIL.")
    if args.age_band and args.band != "special":
        raise L.PlanError(f"--age-band gælder kun for --band special: elevernes alder følger trinnet ({args.band}).")
    return L.assemble(content, L.LessonRequest(
        band=args.band, age_band=args.age_band, minutes=args.minutes, template=args.template,
        themes=args.theme or [], include=args.include or [], exclude=args.exclude or [],
        kommune=_kommune(content, args.kommune)))


def _write_files(out: str | Path, files: dict[str, bytes], force: bool = False) -> None:
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
        raise CliError(f"Kan ikke skrive i {out}: {_os_reason(exc)}.") from None


def _write_file(path: str | Path, data: bytes, force: bool = False) -> None:
    path = Path(path)
    if path.is_dir():
        raise CliError(f"{path} er en mappe. Angiv et filnavn, fx {path / 'plan.json'}.")
    if path.exists() and not force:
        raise CliError(f"{path} findes allerede. Brug --force for at overskrive den.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Kan ikke skrive {path}: {_os_reason(exc)}.") from None


def _read_plan(path: str, limit: int, error) -> bytes:
    """A plan file's bytes, read no further than the limit (a plan from /dev/zero is refused, not read forever)."""
    from .planning.plan_files import read_bounded

    try:
        return read_bounded(path, limit)
    except OSError as exc:
        raise error(f"Filen {path} kan ikke læses: {_os_reason(exc)}.") from None


def _plan_or_none(args, content):
    """The lesson plan the arguments ask for, or None after printing why it cannot be made."""
    from .planning import lesson as L

    try:
        return _plan_from_args(args, content)
    except (L.PlanError, L.PlanFileError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return None
    except ValidationError as exc:
        print(f"Fejl: {_invalid(exc)}", file=sys.stderr)
        return None


def print_timeline(plan) -> None:
    from .planning.lesson import overview as O

    print(f"{plan.title}")
    print(" · ".join(x for x in (plan.band_label, plan.template_title, f"{plan.minutes} minutter",
                                 plan.kit.class_name, plan.kit.date) if x))
    for a, row in zip(plan.activities, O.schedule(plan, plan.kit.start)):
        print(f"  {row.start}–{row.end} {a.minutes:>3} min  {a.title}")


def cmd_lesson(args) -> int:
    from .planning import lesson as L

    plan = _plan_or_none(args, _content(args.root))
    if plan is None:
        return 2
    plan = _with_kit_args(plan, args)
    print_timeline(plan)
    if args.out:
        _write_file(args.out, L.to_json(plan).encode("utf-8"), args.force)
        print(f"Gemt: {args.out}")
    return 0


def cmd_kit(args) -> int:
    from .documents import kit as K

    plan = _plan_or_none(args, _content(args.root))
    if plan is None:
        return 2
    from .documents import pdf as PDF

    plan = _with_kit_args(plan, args)
    files = K.build_kit(plan, plan.kit, poster_size=plan.kit.poster)
    if args.pdf:
        if not PDF.available():
            raise CliError(PDF.INSTALL_HINT)
        try:
            files |= PDF.to_pdf(files)
        except PDF.PdfUnavailable as exc:
            raise CliError(str(exc)) from None
    _write_files(args.out, files, args.force)
    return 0


def cmd_guide(args) -> int:
    from .documents.guide_docs import guide_documents

    content = _content(args.root)
    _write_files(args.out, guide_documents(content, _kommune(content, args.kommune)), args.force)
    return 0


def cmd_bench(args) -> int:
    from .bench import main as bench_main

    return bench_main(args.root, repeats=args.repeats, quick=args.quick)


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato som 2027-01-04") from None


def _school_year(text: str) -> str:
    """An argparse type: '2026/27', '2026-27' or '2026/2027'."""
    import re

    from .planning.yearplan import normalise_school_year

    year = normalise_school_year(text[:20])
    if not re.fullmatch(r"\d{4}/\d{2}", year):
        raise argparse.ArgumentTypeError(f"'{text[:20]}' er ikke et skoleår – skriv fx 2026/27")
    return year


def _weekdays(text: str) -> list[int]:
    """An argparse type: 'man,tir,ons,tor,fre'."""
    from .planning.yearplan import parse_weekdays

    try:
        return parse_weekdays(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _hours(text: str):
    """An argparse type: the coordinator's hours, '08:00-14:00', '8-14' or '08.00–14.00'."""
    from .planning.yearplan import parse_hours

    try:
        return parse_hours(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _school_arg(text: str):
    """An argparse type: 'Skovvangskolen=0.a,0.b,1.a,Specialklasse A'."""
    from .planning.yearplan import YearPlanError, parse_school

    if len(text) > 4000:
        raise argparse.ArgumentTypeError("skolen har for mange eller for lange klassenavne")
    try:
        return parse_school(text)
    except YearPlanError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _contact_arg(text: str):
    """An argparse type: 'Skovvangskolen=Mette Hansen;12 34 56 78;mette@kommune.dk'."""
    from .planning.yearplan import YearPlanError, parse_contact

    try:
        return parse_contact(text)
    except YearPlanError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _week_arg(text: str):
    """An argparse type: '2027-W05'."""
    from .planning.yearplan import YearPlanError, parse_week

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
        old, notes = Y.open_file(_read_plan(args.next_year, Y.MAX_PLAN_BYTES, Y.YearPlanFileError), content)
        for note in notes:
            print(f"OBS: {note}")
        plan, notes = Y.next_year(content, old)
        for note in notes:
            print(note)
        return plan
    if plan_path:
        plan, notes = Y.open_file(_read_plan(plan_path, Y.MAX_PLAN_BYTES, Y.YearPlanFileError), content)
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

    from .planning import school_calendar as SC

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
    from .documents import yearplan_export as X
    from .documents import yearplan_report as R
    from .planning import yearplan as Y

    content = _content(args.root)
    try:
        if args.choose is not None and not args.new_time:
            raise Y.YearPlanError("--choose vælger en af de ledige tider fra --new-time UID – brug dem sammen.")
        if not args.out and not (args.week or (args.new_time and args.choose is None)):  # before any work
            raise Y.YearPlanError("Skriv, hvor filerne skal gemmes: --out MAPPE.")
        if (args.week or args.new_time) and not (args.plan or args.fil or args.next_year):
            raise Y.YearPlanError("Ugen og en ny tid findes i et gemt årshjul: skriv planfilen, fx "
                                  "yearplan --week 2027-W05 aarshjul-2026-27.json.")
        plan = _yearplan_plan(args, content, Y)
        if plan is None:
            school_year = Y.normalise_school_year(args.school_year) if args.school_year else \
                Y.default_school_year(content)
            if not school_year:
                raise Y.YearPlanError("Der er ingen skoleårsfiler i materials/school_years/.")
            extra = {}
            if args.weekdays:
                extra["weekdays"] = args.weekdays
            if args.hours:
                extra["day_start"], extra["day_end"] = args.hours
            if args.max_per_day:
                extra["max_per_day"] = args.max_per_day
            if args.school and args.grades:
                raise Y.YearPlanError("Brug enten --school (klasser pr. skole) eller --grades (ét klassetrin pr. "
                                      "klasse på én skole), ikke begge.")
            kommune = args.kommune
            if kommune:  # the kommune as the school-year file spells it, whatever the case typed
                kommune = next((sy.kommune for sy in content.school_years
                                if sy.kommune and sy.kommune.casefold() == kommune.strip().casefold()), kommune)
            req = Y.YearPlanRequest(
                school_year=school_year, kommune=kommune, grades=Y.parse_grades(args.grades or "0-9"),
                schools=args.school or [], sessions_per_year=args.sessions, winter_break_week=args.winter_break_week,
                parent_meetings=args.parent_meetings, start_from=args.start_from,
                same_half_day=args.same_half_day, **extra)
            today = Y.default_start(Y.plan_year(content, req)) if req.start_from is None else None
            if today:  # as the app: a school year already running is planned from today, not from August
                req = Y.YearPlanRequest.model_validate(req.model_dump() | {"start_from": today})
                print(f"Skoleåret er i gang: lektionerne lægges fra i dag ({today:%d.%m.%Y}). "
                      "Brug --from for en anden dato.")
            plan = Y.build_plan(content, req)
        if args.contact:
            plan = Y.with_contacts(plan, dict(args.contact))
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
        print(f"Fejl: {_invalid(exc)}", file=sys.stderr)
        return 2
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
    files = X.all_files(plan, per_class=args.per_class)
    files.update(R.report_files(plan))
    _write_files(args.out, files, args.force)
    if args.kits:
        path = Path(args.out) / f"{Y.file_stem(plan)}-klassesaet.zip"
        if path.exists() and not args.force:
            raise CliError(f"{path} findes allerede. Brug --force for at overskrive den.")

        def progress(done, total, what):
            bar = "#" * (20 * done // max(1, total))
            print(f"\r  klassesæt [{bar:<20}] {done}/{total}: {what[:60]:<60}", end="", file=sys.stderr, flush=True)

        try:
            with open(path, "wb") as out:  # streamed: one kit's documents in memory at a time
                X.kits_write(content, plan, out, progress)
            print(file=sys.stderr)
            print(f"Skrevet: {path}")
        except Y.YearPlanError as exc:
            path.unlink(missing_ok=True)
            print(f"\nFejl: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            raise CliError(f"Kan ikke skrive {path}: {_os_reason(exc)}.") from None
    return 0


def _lesson_args(s, plan_option: bool) -> None:
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--age-band", choices=AGE_BANDS, help="elevernes alderstrin (kun for --band special)")
    s.add_argument("--minutes", type=_bounded(1, 400), help="lektionens længde i minutter (15–400)")
    s.add_argument("--template", help="lektionsskabelon: klassens-tid, lektion, dobbeltlektion, temadag")
    s.add_argument("--theme", action="append", help="tema-id (kan gentages)")
    s.add_argument("--include", action="append", help="øvelse der skal med (kan gentages)")
    s.add_argument("--exclude", action="append", help="øvelse der ikke må komme med (kan gentages)")
    s.add_argument("--kommune", help="medtag lokale kontakter fra denne kommune")
    if plan_option:
        s.add_argument("--plan", help="en gemt lektionsplan (.json)")


def _kit_args(s) -> None:
    """The class's details, kept in the plan (and its file); a saved plan's own details apply unless given here."""
    s.add_argument("--school", type=_text(120), help="skolens navn (står i dokumenternes sidehoved)")
    s.add_argument("--class", dest="class", type=_text(120), help="klassen, fx 4.b")
    s.add_argument("--teacher", type=_text(120), help="lærerens navn (står i lærerplanen og forældrebrevet)")
    s.add_argument("--date", type=_text(120), help="lektionens dato, som den skal stå i brevet, fx 'tirsdag 12. januar'")
    s.add_argument("--start", type=_clock, help="klokkeslæt, lektionen starter, fx 08:00 (standard: 08:00)")
    s.add_argument("--pupils", type=_bounded(1, 40), help="elever i klassen, til materialelisten (standard: 28)")
    s.add_argument("--poster", choices=("A4", "A3"), help="plakatens papirstørrelse (standard: A4)")


def _with_kit_args(plan, args):
    """The plan with the class's details the arguments give, on top of those it already has."""
    given = {"school": args.school, "class_name": getattr(args, "class"), "teacher": args.teacher,
             "date": args.date, "start": args.start, "pupils": args.pupils, "poster": args.poster}
    changes = {k: v for k, v in given.items() if v is not None}
    return plan.model_copy(update={"kit": plan.kit.model_copy(update=changes)}) if changes else plan


@contextlib.contextmanager
def _danish_argparse():
    """argparse's own strings (help headings, usage, errors) in Danish while the command line is read, through the
    gettext names argparse looks them up with; put back afterwards, so no other user of argparse is touched."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    setattr(argparse, "_", _danish_gettext)
    setattr(argparse, "ngettext", _danish_ngettext)
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])
        setattr(argparse, "ngettext", saved[1])


def build_parser() -> argparse.ArgumentParser:
    p = DanishParser(prog="python -m planner", description="Klassekit: planlæg forebyggelse af digitale krænkelser.")
    p.add_argument("--root", type=_root, default=ROOT, help="projektmappe med materials/ og lesson_templates/")
    sub = p.add_subparsers(dest="command", required=True, parser_class=DanishParser)

    s = sub.add_parser("check", help="valider indholdet i materials/ og lesson_templates/")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("catalog", help="vis kataloget")
    s.add_argument("--kind", choices=KIND_NAMES, default="materials")
    s.add_argument("--band", choices=BANDS)
    s.add_argument("--theme")
    s.add_argument("--audience", choices=("børn", "unge", "forældre", "fagpersoner"))
    s.add_argument("--provider", type=_text(100), help="udbyder (en del af navnet er nok)")
    s.add_argument("--search", type=_text(100), help="fritekst")
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
    s.add_argument("--repeats", type=_bounded(1, 50), default=7)
    s.add_argument("--quick", action="store_true", help="spring målingen af 100 klassesæt over")
    s.set_defaults(func=cmd_bench)

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
    s.add_argument("--max-per-day", metavar="N", type=_bounded(1, 6), help="højst N lektioner om dagen (standard: 2)")
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
    s.add_argument("--choose", metavar="N", type=_bounded(1, 10), help="med --new-time: flyt sessionen til den N'te "
                   "ledige tid, og skriv filerne")
    s.add_argument("--contact", metavar="SKOLE=NAVN;TELEFON;MAIL", type=_contact_arg, action="append",
                   help="koordinatorens kontakt for en skole, fx \"Skovvangskolen=Mette Hansen;12 34 56 78;"
                        "mette@kommune.dk\" – står i hver kalenderaftale og i Word-planen (kan gentages)")
    s.add_argument("fil", nargs="?", metavar="FIL", help="et gemt årshjul (.json), som --plan")
    s.add_argument("--out", metavar="MAPPE", help="mappe til filerne")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.set_defaults(func=cmd_yearplan)
    return p


class _Printable:
    """Output that drops bidi controls, terminal escapes and other unprintable characters (content.text.printable):
    a message quoting a file, a link or an argument never reads differently from what it says."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from .content.text import printable

        return self._stream.write(printable(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)
    try:
        with _danish_argparse():
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
