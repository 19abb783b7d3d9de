"""A year plan as a Word document: the wheel, each class's sessions, the days off and what the plan is built on."""

from __future__ import annotations

import io

from ..planning import school_calendar as sc
from ..planning.yearplan import YearPlan, session_line
from . import docx_base as D
from .yearplan_ics import contact_line
from .yearplan_wheel import wheel_alt_text, wheel_png
from .yearplan_xlsx import school_days_text

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _status_line(plan: YearPlan) -> str:
    y = plan.year
    text = f"Skoleårets datoer: {sc.STATUS_LABELS[y.status]}."
    return text + (f" {y.note}" if y.note else "")


# --- Word ----------------------------------------------------------------------------------------


def to_docx(plan: YearPlan) -> bytes:
    doc = D.new_document(plan.full_title, header=f"Klassekit · {plan.full_title}")
    y = plan.year
    cal = plan.calendar()
    lessons = plan.lessons()
    D.heading(doc, plan.title, 1)
    schools = ", ".join(plan.school_names)
    D.para(doc, f"Forebyggelse af digitale seksuelle krænkelser på {schools}: {len(lessons)} lektioner for "
                f"{len(plan.classes())} klasser. Første skoledag {sc.long_date(y.first_school_day)}, "
                f"sidste skoledag {sc.long_date(y.last_school_day)}; vinterferie i uge {plan.winter_break_week}; "
                f"{school_days_text(plan)}.")
    if y.status != "confirmed":
        D.para(doc, y.note or sc.DERIVED_NOTE, bold_prefix="OBS: ")

    p = doc.add_paragraph()
    shape = p.add_run().add_picture(io.BytesIO(wheel_png(plan)), width=D.Cm(14.5))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", D.clean(wheel_alt_text(plan)))
    doc_pr.set("title", D.clean(f"Årshjul {y.label}"))

    for school in plan.school_names:
        D.heading(doc, f"{school}: klasse for klasse" if len(plan.school_names) > 1 else "Klasse for klasse", 2)
        if contact_line(plan, school):
            D.para(doc, contact_line(plan, school) + ".")
        rows = [[name, "\n".join(session_line(plan, s) for s in plan.sessions_of_class(school, name))]
                for _, name in plan.classes(school)]
        D.table(doc, ["Klasse", "Sessioner"], rows, widths=[3.0, 14.0])

    D.heading(doc, "Måned for måned", 2)
    by_month: dict[int, list] = {}
    for s in plan.sessions:
        by_month.setdefault(s.date.month, []).append(s)
    many = len(plan.school_names) > 1
    rows = []
    for mth in sc.SCHOOL_MONTHS:
        for s in by_month.get(mth, []):
            rows.append([sc.MONTHS[mth - 1].capitalize(), str(s.week[1]), f"{sc.WEEKDAYS[s.date.weekday()][:3]}. "
                         f"{s.date:%d.%m.%Y} kl. {s.start:%H.%M}", (f"{s.school}, " if many else "") + s.class_name,
                         ("Forældremøde: " if s.kind != "lektion" else "") + plan.theme_title(s.theme)
                         + (" (aflyst)" if s.status == "aflyst" else "")])
    D.table(doc, ["Måned", "Uge", "Dato", "Klasse", "Tema"], rows, widths=[2.2, 1.1, 4.2, 3.5, 6.0])

    D.heading(doc, "Temaerne", 2)
    for tid in dict.fromkeys(s.theme for s in lessons):
        t = plan.theme_by_id.get(tid)
        if t:
            D.para(doc, t.description, bold_prefix=f"{t.title}: ")

    D.heading(doc, "Ferie, helligdage og lukkedage", 2)
    days_off = sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))
    rows = [[sc.short_date(d.start), sc.short_date(d.end), d.title] for d in days_off]
    rows += [[sc.short_date(c.start), sc.short_date(c.end), f"{c.title} ({school.name})"]
             for school in plan.schools for c in school.closed_days]
    D.table(doc, ["Fra", "Til", "Hvad"], rows, widths=[3.0, 3.0, 11.0])
    D.para(doc, "Klassekit lægger sessionerne i hele skoleuger, aldrig i en uge med ferie eller helligdag og aldrig "
                "på en skoles lukkedag. En session, der er flyttet med hånden, ligger altid på en skoledag. "
                f"{_status_line(plan)} Kilder: {'; '.join(y.sources)} (tjekket {sc.short_date(y.checked)}). "
                "Helligdage beregnet med Python-pakken holidays.", style="Kilde")
    return D.to_bytes(doc)
