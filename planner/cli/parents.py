"""The parent meeting's command: `foraeldremoede` writes the agenda, the dilemma cards, the parents' sheet and the
deck for one class's band and pupils' age."""

from __future__ import annotations

from ..content.bands import AGE_BANDS, BANDS
from ..content.parent_meeting import MEETING_MINUTES
from .common import CliError, clock_arg, load_or_exit, text_arg, write_files


def cmd_parents(args) -> int:
    from ..documents import parents as DP
    from ..planning import parents as P

    if args.age_band and args.band != "special":
        raise CliError("--age-band gælder kun for --band special (de andre trin har deres egen alder).")
    from ..documents import pdf as PDF

    if args.pdf and not PDF.available():
        raise CliError(PDF.INSTALL_HINT)
    content = load_or_exit(args.root)
    try:
        meeting = P.meeting(content, args.band, args.age_band, args.minutes, args.start, args.theme)
    except P.MeetingError as exc:
        raise CliError(str(exc)) from None
    details = DP.MeetingDetails(args.school or "", getattr(args, "class") or "", args.date or "")
    files = DP.build_meeting(meeting, details)
    if args.pdf:
        try:
            files |= PDF.to_pdf({k.file_name: files[k.file_name] for k in DP.PARENT_MEETING if k.pdf})
        except PDF.PdfUnavailable as exc:
            raise CliError(str(exc)) from None
    write_files(args.out, files, args.force)
    return 0


def register(sub) -> None:
    s = sub.add_parser("foraeldremoede", help="skriv et forældremøde: dagsorden, dilemmakort, forældreark og "
                                              "præsentation")
    s.add_argument("--band", choices=BANDS, required=True, help="klassens trin")
    s.add_argument("--age-band", choices=AGE_BANDS, help="elevernes alderstrin (kun for --band special)")
    s.add_argument("--minutes", type=int, choices=MEETING_MINUTES, default=60, help="mødets længde: 45 eller 60")
    s.add_argument("--start", type=clock_arg, default="19:00", help="klokkeslæt, mødet starter (standard: 19:00)")
    s.add_argument("--theme", action="append", type=text_arg(60), help="tema-id klassen får i år (kan gentages; "
                                                                         "standard: alle trinnets temaer)")
    s.add_argument("--school", type=text_arg(120), help="skolens navn (står i sidehovedet)")
    s.add_argument("--class", dest="class", type=text_arg(120), help="klassen, fx 4.b")
    s.add_argument("--date", type=text_arg(120), help="mødets dato, som den skal stå, fx 'tirsdag 12. januar'")
    s.add_argument("--out", required=True, help="mappe til dokumenterne")
    s.add_argument("--force", action="store_true", help="overskriv filer, der findes i forvejen")
    s.add_argument("--pdf", action="store_true", help="skriv også dokumenterne som PDF (kræver LibreOffice)")
    s.set_defaults(func=cmd_parents)
