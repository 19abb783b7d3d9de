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
    try:
        default = {s.uid: s for s in build_plan(content, old.request).sessions}
    except (YearPlanError, ValueError):  # the old choices no longer plan (content changed): all of it is their own
        default = {}
    own = {s.uid: _own(s, default.get(s.uid)) for s in old.sessions}
    own = {uid: o for uid, o in own.items() if o}
    old_by_uid = {s.uid: s for s in old.sessions}
    lost: list[str] = []
    classes = set(fresh.classes())
    if (old.request.school_year, old.request.kommune) != (req.school_year, req.kommune):
        n = len(own)
        if n:
            lost.append(f"Årshjulet er for et andet skoleår ({old.year.label} → {fresh.year.label}): dine datoer, "
                        f"status og noter på {n} session{'er' if n > 1 else ''} kan ikke komme med.")
        return Rebuilt(fresh, lost=lost)

    fresh_uids = {s.uid for s in fresh.sessions}
    deleted = {uid for uid in default if uid not in old_by_uid and uid in fresh_uids}
    matched: list[str] = []
    added: list[tuple[Session, dict]] = []
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
    # Status and note first: they fit wherever the session lies, so a move that no longer fits keeps them.
    rows = [r | {k: v for k, v in own[r["uid"]].items() if k in ("status", "note")} if r["uid"] in own else r
            for r in table_rows(fresh) if r["uid"] not in deleted]
    step, messages = apply_table(fresh, rows)
    held = [u for u in matched if old_by_uid[u].status == "gennemfoert"]
    rows = [r | {k: v for k, v in own[r["uid"]].items() if k not in ("status", "note")}
            if r["uid"] in own and r["uid"] not in held else r for r in table_rows(step)]
    extra = [{"uid": None, "skole": s.school, "klasse": s.class_name, "type": s.kind} | o for s, o in added]
    step, more = apply_table(step, rows + extra)
    for i, (s, _) in enumerate(added, len(rows) + 1):  # name an added session as the coordinator knows it
        more = [m.replace(f"Ny række ({i})", _what(s)) for m in more]
    lost += messages + more
    step, pinned = _pin_held(step, [old_by_uid[u] for u in held])
    lost += pinned

    final = {s.uid: s for s in step.sessions}
    kept_status = [u for u in matched if {"status", "note"} & set(own[u]) and
                   (final[u].status, final[u].note) == (old_by_uid[u].status, old_by_uid[u].note)]
    built = {s.uid: s for s in fresh.sessions}
    kept_moves = [u for u in matched if any(getattr(built[u], f) != getattr(old_by_uid[u], f) for f, _ in EDITED)
                  and all(getattr(final[u], f) == getattr(old_by_uid[u], f) for f, _ in EDITED)]
    n_added = len(step.sessions) - len(rows)
    parts = [f"status eller note på {len(kept_status)} {_sessions(len(kept_status))}"] if kept_status else []
    parts += [f"{len(kept_moves)} {_sessions(len(kept_moves))} med din dato, tid eller dit tema"] if kept_moves else []
    parts += [f"{n_added} {_sessions(n_added)}, du selv har tilføjet"] if n_added > 0 else []
    parts += [f"{len(deleted)} {_sessions(len(deleted))}, du har slettet, er stadig slettet"] if deleted else []
    kept = ["Det nye årshjul har dit arbejde med, hvor det stadig passer: " + ", ".join(parts) + "."] if parts else []
    return Rebuilt(carry_sequences(old, step), kept=kept, lost=lost)


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
