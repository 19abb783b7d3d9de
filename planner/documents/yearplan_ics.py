"""A year plan as a calendar file (.ics): an event for each session, cancelled events for removed ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..content.bands import BAND_LABELS
from ..planning.yearplan import KIND_LABELS, YearPlan, grade_key, grade_label

TZ = ZoneInfo("Europe/Copenhagen")
ICS_MIME = "text/calendar"


# --- Calendar ----------------------------------------------------------------------------------


def contact_line(plan: YearPlan, school: str) -> str:
    """'SSP-koordinator: Mette Hansen, tlf. …' for a school with a contact, else ''. Plain text, never a link."""
    found = plan.request.school(school)
    return found.contact.line() if found and found.contact and not found.contact.empty else ""


def _event(plan: YearPlan, s, stamp: dt.datetime, cancelled: bool = False) -> Event:
    start = dt.datetime.combine(s.date, s.start, tzinfo=TZ)
    theme = plan.theme_title(s.theme)
    templates = plan.template_by_id
    ev = Event()
    ev.add("uid", s.uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    ev.add("dtend", start + dt.timedelta(minutes=s.minutes))
    ev.add("sequence", s.sequence)
    ev.add("status", "CANCELLED" if cancelled or s.status == "aflyst" else "CONFIRMED")
    if s.kind == "lektion":
        ev.add("summary", f"{s.school}: {s.class_name}: {theme}")
        desc = [f"Forebyggelse af digitale krænkelser – {BAND_LABELS[s.band]}.", f"Tema: {theme}."]
        if s.template and s.template in templates:
            desc.append(f"Lektionsskabelon: {templates[s.template].title}.")
    else:
        ev.add("summary", f"{s.school}: Forældremøde {s.class_name}: {theme}")
        desc = [f"Forældremøde om forløbet i {s.class_name}. Første tema: {theme}."]
    if cancelled or s.status == "aflyst":
        desc.insert(0, "AFLYST.")
    elif s.status == "gennemfoert":
        desc.insert(0, "Gennemført.")
    if s.note:
        desc.append(s.note)
    contact = contact_line(plan, s.school)
    if contact:
        desc.append(contact + ".")
    desc.append("Lavet med Klassekit.")
    ev.add("description", "\n".join(desc))
    ev.add("location", s.school)
    ev.add("categories", ["Klassekit", KIND_LABELS[s.kind], grade_label(s.grade)])
    ev.add("x-klassekit-school", s.school)
    ev.add("x-klassekit-class", s.class_name)
    ev.add("x-klassekit-grade", grade_key(s.grade))
    ev.add("x-klassekit-theme", s.theme)
    ev.add("x-klassekit-kind", s.kind)
    ev.add("x-klassekit-status", s.status)
    return ev


def class_ics(plan: YearPlan, school: str, class_name: str, stamp: dt.datetime | None = None) -> bytes:
    """The calendar for one class's teachers, named after the school and the class."""
    return to_ics(plan.for_class(school, class_name), stamp, name=f"{plan.title} · {school} · {class_name}")


def to_ics(plan: YearPlan, stamp: dt.datetime | None = None, name: str | None = None) -> bytes:
    """One event per session in Europe/Copenhagen time, the school in every title and UID. UIDs stay the same when a
    session is moved, and SEQUENCE counts its edits, so a calendar that imports the file again updates the event;
    a cancelled or deleted session is an event with STATUS:CANCELLED and a raised SEQUENCE, so it does not stand.
    `stamp` (DTSTAMP) defaults to midnight UTC of the first school day, which keeps the file the same for the same
    plan."""
    stamp = stamp or dt.datetime.combine(plan.year.first_school_day, dt.time(), dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//Klassekit//Årshjul//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or plan.full_title)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    for s in plan.sessions:
        cal.add_component(_event(plan, s, stamp))
    for s in plan.removed:
        cal.add_component(_event(plan, s, stamp, cancelled=True))
    # The time zone's rules for the school year only: the default covers 1970–2038 and fills kilobytes.
    y = plan.year.start_year
    cal.add_missing_timezones(first_date=dt.date(y, 1, 1), last_date=dt.date(y + 2, 1, 1))
    return cal.to_ical()
