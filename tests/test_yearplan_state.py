"""'Lav årshjul' on a plan the coordinator has worked in: nothing they set is dropped without a Danish sentence first.

The form unchanged (also after a save and an open) keeps the plan as it is; a changed form carries over the status,
note, moves, added and deleted sessions that still fit, and names what it cannot keep. Proven on examples and by a
state machine that walks random sequences of the coordinator's edits."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from support import ROOT

from planner.content.loader import load_content
from planner.planning import yearplan as Y

CONTENT = load_content(ROOT)
DEFAULT_SESSIONS = CONTENT.progression.sessions_per_year
R = importlib.import_module("planner.planning.yearplan.rebuild")  # the package's `rebuild` is the function


def form_of(plan: Y.YearPlan, **change) -> Y.YearPlanRequest:
    """The request the page's form makes for a plan: the schools as text and read back, the other choices as the
    widgets hold them (a choice left open shows what it became)."""
    r = plan.request
    old = {s.name: s for s in r.schools}
    schools = [s.model_copy(update={"closed_days": old[s.name].closed_days}) if s.name in old else s
               for s in Y.parse_schools(change.pop("schools_text", Y.schools_text(r.schools)))]
    return Y.YearPlanRequest(**(r.model_dump(exclude={"schools", "grades", "calendar"}) | {
        "schools": schools, "calendar": r.calendar, "sessions_per_year": r.sessions_per_year or DEFAULT_SESSIONS,
        "winter_break_week": r.winter_break_week or plan.winter_break_week} | change))


def small_plan(classes: str = "0.a, 4.b, Specialklasse A (indskoling)", **extra) -> Y.YearPlan:
    return Y.build_plan(CONTENT, Y.YearPlanRequest(
        school_year="2026/27", schools=Y.parse_schools(f"Skovvangskolen: {classes}"), max_per_day=3, **extra))


def free_day(plan: Y.YearPlan, near: dt.date) -> dt.date:
    cal = plan.calendar()
    taken = {s.date for s in plan.sessions}
    return next(d for d in (near + dt.timedelta(days=i) for i in range(1, 120))
                if cal.is_school_day(d) and not cal.is_holiday_week(d) and d not in taken)


def worked(plan: Y.YearPlan) -> tuple[Y.YearPlan, dict]:
    """A plan with the coordinator's work in it: a held lesson with a note, a moved lesson, a cancelled one."""
    a, b, c = (plan.sessions_of_class("Skovvangskolen", n)[i] for n, i in (("0.a", 0), ("4.b", 1), ("4.b", 0)))
    plan, m1 = Y.set_status(plan, a.uid, "gennemfoert", "Godt forløb")
    day = free_day(plan, b.date)
    plan, m2 = Y.move_session(plan, b.uid, day)
    plan, m3 = Y.set_status(plan, c.uid, "aflyst", "Syg")
    assert not (m1 or m2 or m3)
    return plan, {"held": a.uid, "moved": b.uid, "day": day, "cancelled": c.uid}


def test_the_same_form_keeps_the_plan_and_says_so():
    plan, _ = worked(small_plan())
    r = Y.rebuild(CONTENT, plan, form_of(plan))
    assert r.unchanged and r.plan == plan and not r.lost
    assert "årshjulet er uændret" in r.kept[0]
    # Also after saving and opening: the file's plan, the same form.
    opened = Y.from_json(Y.to_json(plan), CONTENT)
    assert Y.rebuild(CONTENT, opened, form_of(opened)).plan == plan


def test_a_changed_form_carries_status_note_and_moves_over():
    plan, mine = worked(small_plan())
    r = Y.rebuild(CONTENT, plan, form_of(plan, max_per_day=2, schools_text=Y.schools_text(plan.schools) + ", 7.c"))
    assert not r.unchanged and not r.lost, r.lost
    new = {s.uid: s for s in r.plan.sessions}
    assert (new[mine["held"]].status, new[mine["held"]].note) == ("gennemfoert", "Godt forløb")
    assert new[mine["moved"]].date == mine["day"]
    assert (new[mine["cancelled"]].status, new[mine["cancelled"]].note) == ("aflyst", "Syg")
    assert "7.c" in {c for _, c in r.plan.classes()}
    assert "status eller note på 2 sessioner" in r.kept[0] and "med din dato" in r.kept[0]
    assert Y.from_json(Y.to_json(r.plan), CONTENT) == r.plan


def test_added_and_deleted_sessions_stay_added_and_deleted():
    plan = small_plan()
    rows = Y.table_rows(plan)
    gone = rows[-1]["uid"]
    plan, messages = Y.apply_table(plan, rows[:-1] + [{"klasse": "0.a", "note": "Ekstra"}])
    assert len(messages) == 1  # where the new row was put
    extra = next(s for s in plan.sessions if s.note == "Ekstra")
    r = Y.rebuild(CONTENT, plan, form_of(plan, same_half_day=True))
    assert not r.lost, r.lost
    assert gone not in {s.uid for s in r.plan.sessions} and gone in {s.uid for s in r.plan.removed}
    assert any(s.note == "Ekstra" and s.date == extra.date and s.class_name == "0.a" for s in r.plan.sessions)


def test_what_cannot_come_along_is_named_before_it_is_lost():
    plan, mine = worked(small_plan())
    # 4.b leaves the plan: its moved lesson and its cancelled one with a note are named before they go.
    r = Y.rebuild(CONTENT, plan, form_of(plan, schools_text="Skovvangskolen: 0.a, Specialklasse A (indskoling)"))
    assert r.lost and all("4.b" in x for x in r.lost)
    assert any("Syg" in x and "klassen er ikke med" in x for x in r.lost)
    assert any("aflyst" in x for x in r.lost)
    held = next(s for s in r.plan.sessions if s.uid == mine["held"])
    assert held.status == "gennemfoert" and held.note == "Godt forløb"


def test_a_held_lesson_keeps_its_day_whatever_the_new_hours():
    plan, mine = worked(small_plan())
    was = next(s for s in plan.sessions if s.uid == mine["held"])
    other = [d for d in range(5) if d != was.date.weekday()]
    r = Y.rebuild(CONTENT, plan, form_of(plan, weekdays=other))
    kept = next(s for s in r.plan.sessions if s.uid == mine["held"])
    assert (kept.date, kept.start, kept.theme, kept.status) == (was.date, was.start, was.theme, "gennemfoert")


def test_another_school_year_says_that_the_work_cannot_come_along():
    plan, _ = worked(small_plan())
    r = Y.rebuild(CONTENT, plan, form_of(plan, school_year="2025/26", start_from=None))
    assert len(r.lost) == 1 and "andet skoleår" in r.lost[0] and "3 sessioner" in r.lost[0]


def test_a_form_that_cannot_be_planned_raises_and_leaves_the_plan():
    plan, _ = worked(small_plan())
    before = Y.to_json(plan)
    with pytest.raises(Y.YearPlanError):
        Y.rebuild(CONTENT, plan, form_of(plan, weekdays=[0], max_per_day=1, sessions_per_year=6,
                                         schools_text="Skovvangskolen: " + ", ".join(f"{g}.a" for g in range(10))))
    assert Y.to_json(plan) == before


# --- The parts of a rebuild ------------------------------------------------------------------------


def test_own_work_is_only_what_differs_from_the_plan_the_choices_give():
    plan, mine = worked(small_plan())
    default = {s.uid: s for s in small_plan().sessions}
    own = R.own_work(plan, default)
    assert set(own) == {mine["held"], mine["moved"], mine["cancelled"]}
    assert own[mine["moved"]] == {"dato": mine["day"]}
    assert own[mine["cancelled"]] == {"status": "aflyst", "note": "Syg"}
    # A held lesson is the coordinator's in every column: it happened as it stands.
    assert {"dato", "tid", "tema", "skabelon", "status", "note"} <= set(own[mine["held"]])
    # Against no plan of the choices (content changed), every session is the coordinator's own.
    assert set(R.own_work(plan, {})) == {s.uid for s in plan.sessions}


def test_another_year_names_the_lost_work_in_one_sentence_only_when_there_is_some():
    old = small_plan()
    new = Y.build_plan(CONTENT, form_of(old, school_year="2025/26", start_from=None))
    assert R.other_year_loss(old, new, 0) == []
    one, many = R.other_year_loss(old, new, 1), R.other_year_loss(old, new, 4)
    assert len(one) == len(many) == 1
    assert "på 1 session kan" in one[0] and "på 4 sessioner kan" in many[0]
    assert f"({old.year.label} → {new.year.label})" in one[0]


def test_own_work_is_placed_as_matched_added_or_lost_with_its_reason():
    plan, mine = worked(small_plan())
    plan, _ = Y.apply_table(plan, Y.table_rows(plan) + [{"klasse": "0.a", "note": "Ekstra"}])
    default = {s.uid: s for s in small_plan().sessions}
    own = R.own_work(plan, default)
    fewer = small_plan("0.a, Specialklasse A (indskoling)")  # 4.b is gone
    placed = R.place_own_work(plan, fewer, default, own)
    assert placed.matched == [mine["held"]] and [s.uid for s in placed.held] == [mine["held"]]
    assert [o["note"] for _, o in placed.added] == ["Ekstra"]
    assert len(placed.lost) == 2 and all("klassen er ikke med" in x and "4.b" in x for x in placed.lost)
    # With fewer lessons a class's later sessions are gone from the plan, not the class.
    one = small_plan(sessions_per_year=1)
    later = {uid for uid in own if uid not in {s.uid for s in one.sessions} and uid in default}
    placed = R.place_own_work(plan, one, default, own)
    assert later and sum("færre lektioner" in x for x in placed.lost) == len(later)


def test_a_deleted_session_stays_deleted_only_if_the_new_plan_would_bring_it_back():
    plan = small_plan()
    rows = Y.table_rows(plan)
    plan, _ = Y.apply_table(plan, rows[1:])
    default = {s.uid: s for s in small_plan().sessions}
    assert R.still_deleted(plan, small_plan(), default) == {rows[0]["uid"]}
    assert rows[0]["klasse"] == "0.a"  # a plan without 0.a has nothing to bring back
    assert R.still_deleted(plan, small_plan("4.b"), default) == set()


def test_an_added_row_is_named_as_the_session_the_coordinator_added():
    plan = small_plan()
    s = plan.sessions[0]
    out = R.name_added_rows(["Ny række (3): ingen skoledag", "Ny række (4): fuldt"], [s], 3)
    assert out[0] == f"{R._what(s)}: ingen skoledag" and out[1] == "Ny række (4): fuldt"
    assert R.name_added_rows(["Ny række (1): x"], [], 1) == ["Ny række (1): x"]


@pytest.mark.parametrize("counts, words", [
    ((0, 0, 0, 0), None),
    ((1, 0, 0, 0), ["status eller note på 1 session"]),
    ((2, 1, 0, 0), ["status eller note på 2 sessioner", "1 session med din dato"]),
    ((0, 0, 3, 2), ["3 sessioner, du selv har tilføjet", "2 sessioner, du har slettet, er stadig slettet"]),
    ((0, 0, -1, 0), None),  # a negative count (sessions dropped) is no work kept
])
def test_the_kept_sentence_names_each_kind_of_work_that_came_along(counts, words):
    kept = R.kept_sentence(counts)
    if words is None:
        assert kept == []
    else:
        assert len(kept) == 1 and kept[0].startswith("Det nye årshjul har dit arbejde med")
        assert all(w in kept[0] for w in words)


# --- Sequences ----------------------------------------------------------------------------------

NOTES = st.text(alphabet=st.sampled_from("abcæøå 12.\t\u202e»"), max_size=12)
CHANGES = st.sampled_from(["max", "half", "parents", "add", "drop", "sessions"])


class YearPlanEdits(RuleBasedStateMachine):
    """Build, edit dates, status and notes, close days, save and open, and rebuild – with and without a change."""

    def __init__(self):
        super().__init__()
        self.plan = small_plan("0.a, 5.b, Modtagerklasse", sessions_per_year=2)

    def pick(self, i: int) -> Y.Session:
        return self.plan.sessions[i % len(self.plan.sessions)]

    @rule(i=st.integers(0, 50), days=st.integers(-40, 40))
    def edit_date(self, i, days):
        s = self.pick(i)
        self.plan, _ = Y.move_session(self.plan, s.uid, s.date + dt.timedelta(days=days))

    @rule(i=st.integers(0, 50), status=st.sampled_from(list(Y.STATUS_LABELS)))
    def edit_status(self, i, status):
        self.plan, _ = Y.set_status(self.plan, self.pick(i).uid, status)

    @rule(i=st.integers(0, 50), note=NOTES)
    def edit_note(self, i, note):
        s = self.pick(i)
        self.plan, _ = Y.set_status(self.plan, s.uid, s.status, note)

    @rule(days=st.integers(0, 300), length=st.integers(0, 3))
    def close_days(self, days, length):
        start = self.plan.year.first_school_day + dt.timedelta(days=days)
        row = {"skole": "Skovvangskolen", "hvad": "Planlægningsdag", "fra": start,
               "til": start + dt.timedelta(days=length)}
        self.plan, _ = Y.apply_days(self.plan, Y.day_rows(self.plan) + [row])

    @rule()
    def save_and_open(self):
        opened = Y.from_json(Y.to_json(self.plan), CONTENT)
        assert opened == self.plan
        self.plan = opened

    @rule()
    def rebuild_unchanged(self):
        r = Y.rebuild(CONTENT, self.plan, form_of(self.plan))
        assert r.unchanged and r.plan == self.plan and not r.lost

    @precondition(lambda self: len(self.plan.classes()) >= 2)
    @rule(change=CHANGES)
    def rebuild_changed(self, change):
        p = self.plan
        text = Y.schools_text(p.schools)
        form = {"max": {"max_per_day": p.request.max_per_day % 6 + 1},  # always another number (1–6)
                "half": {"same_half_day": not p.request.same_half_day},
                "parents": {"parent_meetings": not p.request.parent_meetings},
                "add": {"schools_text": text + ", Specialklasse B (mellemtrin)"},
                "drop": {"schools_text": text.rsplit(",", 1)[0]},
                "sessions": {"sessions_per_year": 1 + (p.request.sessions_per_year or DEFAULT_SESSIONS) % 3},
                }[change]
        try:
            r = Y.rebuild(CONTENT, p, form_of(p, **form))
        except Y.YearPlanError:
            return
        assert not r.unchanged
        new = {s.uid: s for s in r.plan.sessions}
        for s in p.sessions:  # a status or note that did not come along is named first
            if s.status != "planlagt" or s.note:
                after = new.get(s.uid)
                if after is None or (after.status, after.note) != (s.status, s.note):
                    assert any(s.class_name in x for x in r.lost), (s, r.lost)
        self.plan = r.plan  # "Lav det nye årshjul alligevel"

    @invariant()
    def the_plan_is_valid_and_saves_whole(self):
        again = Y.YearPlan.model_validate(self.plan.model_dump())
        assert again == self.plan
        uids = [s.uid for s in self.plan.sessions] + [s.uid for s in self.plan.removed]
        assert len(uids) == len(set(uids))


YearPlanEdits.TestCase.settings = settings(max_examples=30, stateful_step_count=12, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])
test_year_plan_edits = YearPlanEdits.TestCase
