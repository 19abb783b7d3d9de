"""'Lav årshjul' again on a plan the coordinator has worked in: nothing they set is dropped without a Danish
sentence first.

- The form is unchanged: the plan is kept as it is (no rebuild).
- The form changed: a new plan is built, and the coordinator's own work is carried over where it still fits: the
  status and note of every session of a class that is still there, a session they moved, retimed or gave another
  theme or template (compared with the plan the old choices give by themselves), sessions they added, sessions they
  deleted, and everything about a lesson already held. What cannot come along is listed in `lost`, so the page can
  ask before anything is gone.

Pure: the same plan and request give the same result. Every carried edit goes through apply_table, so it is checked
exactly as a table edit is (school day, the class's age, the coordinator's capacity).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import school_calendar as sc
from .building import build_plan, carry_sequences
from .editing import apply_table, table_rows
from .errors import YearPlanError
from .labels import KIND_LABELS, STATUS_LABELS
from .plan import Session, YearPlan, YearPlanRequest, make_plan

EDITED = (("date", "dato"), ("start", "tid"), ("theme", "tema"), ("template", "skabelon"))
"""What a coordinator can change about a session besides its status and note, with its table column."""


@dataclass(frozen=True)
class Rebuilt:
    plan: YearPlan
    unchanged: bool = False
    """The form asks for the plan there is: it is kept as it is."""
    kept: list[str] = field(default_factory=list)
    """What was carried over, in Danish (for a note after the rebuild)."""
    lost: list[str] = field(default_factory=list)
    """What cannot be carried over, in Danish: the page asks before it replaces the plan."""


def choices(req: YearPlanRequest, plan: YearPlan | None, default_sessions: int) -> dict:
    """What the coordinator chose; a choice left open (lessons, winter week) counts as what it became, and the
    grades follow from the classes."""
    return req.model_dump(exclude={"grades"}) | {
        "sessions_per_year": req.sessions_per_year or default_sessions,
        "winter_break_week": req.winter_break_week or (plan.winter_break_week if plan else None)}


def same_choices(plan: YearPlan, req: YearPlanRequest, default_sessions: int) -> bool:
    return choices(req, plan, default_sessions) == choices(plan.request, plan, default_sessions)


def _what(s: Session) -> str:
    return f"{KIND_LABELS[s.kind]} for {s.class_name} på {s.school} {sc.short_date(s.date)}"


def _own(s: Session, base: Session | None) -> dict[str, object]:
    """The table columns the coordinator set on a session: everything for a session they added or one already held,
    else what differs from the plan the choices give by themselves."""
    if base is None or s.status == "gennemfoert":
        return {col: getattr(s, f) for f, col in EDITED} | {"status": s.status, "note": s.note}
    out = {col: getattr(s, f) for f, col in EDITED if getattr(s, f) != getattr(base, f)}
    if s.status != "planlagt":
        out["status"] = s.status
    if s.note:
        out["note"] = s.note
    return out


def _describe(s: Session, own: dict) -> str:
    bits = []
    if "status" in own:
        bits.append(STATUS_LABELS[s.status].lower())
    if "note" in own:
        bits.append(f"noten »{s.note[:60]}«")
    if s.status != "gennemfoert" and any(col in own for _, col in EDITED):
        bits.append("din dato, tid eller dit tema")
    return f"{_what(s)} ({', '.join(bits)})"


def rebuild(content, old: YearPlan | None, req: YearPlanRequest) -> Rebuilt:
    """The plan 'Lav årshjul' gives for `req`, with the coordinator's work on `old` carried over where it fits.
    Raises YearPlanError (as build_plan) when the request cannot be planned; `old` is then untouched."""
    default_sessions = content.progression.sessions_per_year if content.progression else 2
    if old is not None and same_choices(old, req, default_sessions):
        return Rebuilt(old, unchanged=True, kept=[
            "Valgene er de samme som årshjulets, så årshjulet er uændret – dine datoer, status og noter er beholdt."])
    fresh = build_plan(content, req)
    if old is None:
        return Rebuilt(fresh)
    default = _default_sessions(content, old)
    own = own_work(old, default)
    if (old.request.school_year, old.request.kommune) != (req.school_year, req.kommune):
        return Rebuilt(fresh, lost=other_year_loss(old, fresh, len(own)))
    placed = place_own_work(old, fresh, default, own)
    deleted = still_deleted(old, fresh, default)
    step, n_rows, messages = _carry_edits(fresh, own, deleted, placed)
    step, pinned = _pin_held(step, placed.held)
    kept = kept_sentence(kept_counts(old, fresh, step, own, placed.matched)
                         + (len(step.sessions) - n_rows, len(deleted)))
    return Rebuilt(carry_sequences(old, step), kept=kept, lost=placed.lost + messages + pinned)


def _default_sessions(content, old: YearPlan) -> dict[str, Session]:
    """The sessions the old choices give by themselves, by uid: what the coordinator's work is measured against."""
    try:
        return {s.uid: s for s in build_plan(content, old.request).sessions}
    except (YearPlanError, ValueError):  # the old choices no longer plan (content changed): all of it is their own
        return {}


def own_work(old: YearPlan, default: dict[str, Session]) -> dict[str, dict]:
    """The coordinator's own columns of every session they worked on, by uid; sessions left as built are absent."""
    own = {s.uid: _own(s, default.get(s.uid)) for s in old.sessions}
    return {uid: o for uid, o in own.items() if o}


def other_year_loss(old: YearPlan, fresh: YearPlan, n_own: int) -> list[str]:
    """Dates do not carry over into another school year (or kommune): one sentence, if there is work to lose."""
    if not n_own:
        return []
    return [f"Årshjulet er for et andet skoleår ({old.year.label} → {fresh.year.label}): dine datoer, status og "
            f"noter på {n_own} session{'er' if n_own > 1 else ''} kan ikke komme med."]


@dataclass(frozen=True)
class Placed:
    """Where each session the coordinator worked on goes in the new plan."""
    matched: list[str]
    """Sessions the new plan has too (by uid)."""
    added: list[tuple[Session, dict]]
    """Sessions the coordinator added themselves, with their own columns: they are added again."""
    lost: list[str]
    """Sessions whose class or place is gone from the new plan, in Danish."""
    held: list[Session]
    """Matched sessions already held: they keep their day and theme."""


def place_own_work(old: YearPlan, fresh: YearPlan, default: dict[str, Session], own: dict[str, dict]) -> Placed:
    old_by_uid = {s.uid: s for s in old.sessions}
    classes = set(fresh.classes())
    fresh_uids = {s.uid for s in fresh.sessions}
    matched: list[str] = []
    added: list[tuple[Session, dict]] = []
    lost: list[str] = []
    for uid, o in own.items():
        s = old_by_uid[uid]
        if (s.school, s.class_name) not in classes:
            lost.append(f"{_describe(s, o)}: klassen er ikke med i det nye årshjul.")
        elif uid in fresh_uids:
            matched.append(uid)
        elif uid in default:
            lost.append(f"{_describe(s, o)}: den er ikke med i det nye årshjul (færre lektioner eller uden "
                        "forældremøder).")
        else:
            added.append((s, o))
    held = [old_by_uid[u] for u in matched if old_by_uid[u].status == "gennemfoert"]
    return Placed(matched, added, lost, held)


def still_deleted(old: YearPlan, fresh: YearPlan, default: dict[str, Session]) -> set[str]:
    """Sessions the coordinator deleted (the old choices give them, the old plan lacks them) that the new plan would
    bring back: they stay deleted."""
    old_uids = {s.uid for s in old.sessions}
    fresh_uids = {s.uid for s in fresh.sessions}
    return {uid for uid in default if uid not in old_uids and uid in fresh_uids}


def _carry_edits(fresh: YearPlan, own: dict[str, dict], deleted: set[str],
                 placed: Placed) -> tuple[YearPlan, int, list[str]]:
    """The coordinator's work applied to the new plan as table edits: the plan, how many of its rows were built, and
    what did not fit."""
    # Status and note first: they fit wherever the session lies, so a move that no longer fits keeps them.
    rows = [r | {k: v for k, v in own[r["uid"]].items() if k in ("status", "note")} if r["uid"] in own else r
            for r in table_rows(fresh) if r["uid"] not in deleted]
    step, messages = apply_table(fresh, rows)
    held = {s.uid for s in placed.held}
    rows = [r | {k: v for k, v in own[r["uid"]].items() if k not in ("status", "note")}
            if r["uid"] in own and r["uid"] not in held else r for r in table_rows(step)]
    extra = [{"uid": None, "skole": s.school, "klasse": s.class_name, "type": s.kind} | o for s, o in placed.added]
    step, more = apply_table(step, rows + extra)
    return step, len(rows), messages + name_added_rows(more, [s for s, _ in placed.added], len(rows) + 1)


def name_added_rows(messages: list[str], added: list[Session], first_row: int) -> list[str]:
    """The table calls an added row by its number (»Ny række (n)«); the coordinator knows the session they added."""
    for i, s in enumerate(added, first_row):
        messages = [m.replace(f"Ny række ({i})", _what(s)) for m in messages]
    return messages


def kept_counts(old: YearPlan, fresh: YearPlan, final: YearPlan, own: dict[str, dict],
                matched: list[str]) -> tuple[int, int]:
    """How many sessions kept the status or note the coordinator gave them, and how many kept the date, time or
    theme the coordinator chose where the new plan would have put them elsewhere."""
    was = {s.uid: s for s in old.sessions}
    now = {s.uid: s for s in final.sessions}
    built = {s.uid: s for s in fresh.sessions}
    kept_status = [u for u in matched if {"status", "note"} & set(own[u]) and
                   (now[u].status, now[u].note) == (was[u].status, was[u].note)]
    kept_moves = [u for u in matched if any(getattr(built[u], f) != getattr(was[u], f) for f, _ in EDITED)
                  and all(getattr(now[u], f) == getattr(was[u], f) for f, _ in EDITED)]
    return len(kept_status), len(kept_moves)


def kept_sentence(counts: tuple[int, int, int, int]) -> list[str]:
    """One Danish sentence naming what came along: (statuses or notes, moves, added, still deleted); none if
    nothing did."""
    n_status, n_moves, n_added, n_deleted = counts
    parts = [f"status eller note på {n_status} {_sessions(n_status)}"] if n_status else []
    parts += [f"{n_moves} {_sessions(n_moves)} med din dato, tid eller dit tema"] if n_moves else []
    parts += [f"{n_added} {_sessions(n_added)}, du selv har tilføjet"] if n_added > 0 else []
    parts += [f"{n_deleted} {_sessions(n_deleted)}, du har slettet, er stadig slettet"] if n_deleted else []
    return ["Det nye årshjul har dit arbejde med, hvor det stadig passer: " + ", ".join(parts) + "."] if parts else []


def _pin_held(plan: YearPlan, held: list[Session]) -> tuple[YearPlan, list[str]]:
    """A lesson already held stays on the day it was held, with its theme: that is what happened, whatever the
    coordinator's hours are now. Only a day that is no school day any more, or a theme that no longer suits the
    class, cannot be kept."""
    if not held:
        return plan, []
    lost = []
    now = {s.uid: s for s in plan.sessions}
    themes = plan.theme_by_id
    for s in held:
        why = plan.calendar(s.school).why_not(s.date)
        if not why and not themes[s.theme].suits(s.band, plan.pupils_age(s.school, s.class_name)):
            why = "temaet passer ikke længere til klassens alderstrin"
        if why:
            lost.append(f"{_what(s)} (gennemført): datoen kan ikke blive stående – {why}. Den står nu "
                        f"{sc.long_date(now[s.uid].date)}.")
            continue
        fields = {f: getattr(s, f) for f, _ in EDITED} | {"minutes": s.minutes}
        now[s.uid] = now[s.uid].model_copy(update=fields)
    try:
        return make_plan(plan.request, plan.year, plan.winter_break_week, plan.themes, plan.templates,
                         list(now.values()), plan.removed), lost
    except ValueError:  # cannot happen after the checks above; if it does, the held lessons are named, not lost
        return plan, lost + [f"{_what(s)} (gennemført): datoen kan ikke blive stående." for s in held]


def _sessions(n: int) -> str:
    return "session" if n == 1 else "sessioner"
