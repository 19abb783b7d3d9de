"""School years without a file: derived from the rules Danish schools follow, checked day by day, and marked beregnet.

The expected days are worked out here from the rules themselves, with the public holidays looked up by name in the
`holidays` package, not from the code under test."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from planner.planning import school_calendar as sc
from planner.planning import yearplan as Y

D = dt.date


def holiday(year: int, name: str) -> dt.date:
    days = holidays.country_holidays("DK", years=year, language="da", categories=("public", "optional"))
    return next(d for d, n in days.items() if name in n.split("; "))


def span(a: dt.date, b: dt.date) -> set[dt.date]:
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


def expected_days_off(y: int, winter: int) -> set[dt.date]:
    """The rules: efterårsferie week 42; juleferie from the Saturday before 24 December to the first Sunday on or after
    1 January; vinterferie week 7 or 8; påskeferie from the Saturday before palmesøndag to 2. påskedag (Maundy
    Thursday to Easter Monday inside it); Kristi himmelfartsdag and the Friday after; 2. pinsedag; Grundlovsdag."""
    y1 = y + 1
    off = {dt.date.fromisocalendar(y, 42, d) for d in range(1, 6)}
    dec24 = D(y, 12, 24)
    jan1 = D(y1, 1, 1)
    off |= span(dec24 - dt.timedelta(days=(dec24.weekday() - 5) % 7 or 7), jan1 + dt.timedelta(days=(6 - jan1.weekday()) % 7))
    off |= {dt.date.fromisocalendar(y1, winter, d) for d in range(1, 6)}
    easter_monday = holiday(y1, "Anden påskedag")
    palm_sunday = easter_monday - dt.timedelta(days=8)
    off |= span(palm_sunday - dt.timedelta(days=1), easter_monday)
    ascension = holiday(y1, "Kristi himmelfartsdag")
    off |= {ascension, ascension + dt.timedelta(days=1)}
    off |= {holiday(y1, "Anden pinsedag"), holiday(y1, "Grundlovsdag"), holiday(y1, "Skærtorsdag"),
            holiday(y1, "Langfredag")}
    return off


@pytest.mark.parametrize("start_year, first, last", [(2027, D(2027, 8, 9), D(2028, 6, 23)),
                                                      (2028, D(2028, 8, 14), D(2029, 6, 29))])
@pytest.mark.parametrize("winter", [7, 8])
def test_a_derived_year_follows_the_danish_rules_day_by_day(content, start_year, first, last, winter):
    year = Y.find_school_year(content, f"{start_year}/{(start_year + 1) % 100:02d}")
    assert year.status == "derived" and "Beregnet" in year.note
    cal = sc.calendar(year, winter)
    # The first school day is a Monday around 10 August; the summer holiday begins on the last Saturday of June.
    assert cal.first == first and first.weekday() == 0 and 8 <= first.day <= 14
    last_saturday = last + dt.timedelta(days=1)
    assert cal.last == last and last_saturday.weekday() == 5 and (last_saturday + dt.timedelta(days=7)).month == 7
    off = expected_days_off(start_year, winter)
    for d in span(first - dt.timedelta(days=20), last + dt.timedelta(days=20)):
        school_day = first <= d <= last and d.weekday() < 5 and d not in off
        assert cal.is_school_day(d) == school_day, (d, cal.why_not(d))
    assert 180 <= cal.school_day_count() <= 205


def test_the_issues_dates_of_2028_are_days_off_with_their_reason(content):
    cal = sc.calendar(Y.find_school_year(content, "2027/28"))
    for d in span(D(2028, 4, 13), D(2028, 4, 17)):  # Easter 2028: Maundy Thursday to Easter Monday
        assert not cal.is_school_day(d)
    assert "Påskeferie" in cal.why_not(D(2028, 4, 13))
    assert "Kristi himmelfart" in cal.why_not(D(2028, 5, 25)) and not cal.is_school_day(D(2028, 5, 26))
    assert cal.is_school_day(D(2028, 5, 24)) and cal.is_school_day(D(2028, 6, 6))
    # Whit Monday and Grundlovsdag fall on the same day in 2028: one day off, both names in the holiday list.
    assert not cal.is_school_day(D(2028, 6, 5))
    assert [h.title for h in cal.public_holidays if h.start == D(2028, 6, 5)] == ["Anden pinsedag; Grundlovsdag"]
    assert cal.is_holiday_week(D(2028, 6, 5)) and cal.is_holiday_week(D(2028, 5, 25))


def test_the_running_year_and_the_next_two_are_offered_and_a_file_wins(content):
    offered = Y.offered_years(content, D(2027, 3, 1))
    assert [y.label for y in offered] == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert [y.status for y in offered][2:] == ["derived", "derived"]
    # The shipped 2025/26 file is used for that year, not the pattern.
    assert offered[0] is next(y for y in content.school_years if y.school_year == "2025/26")
    june = Y.offered_years(content, D(2027, 7, 1))  # from July the next year is the running one
    assert [y.label for y in june][-3:] == ["2027/28", "2028/29", "2029/30"]


def test_a_derived_year_stays_inside_the_years_klassekit_plans(content):
    assert Y.find_school_year(content, "2098/99").status == "derived"
    for bad, says in (("2099/00", "mellem 2000/01 og 2098/99"), ("1999/00", "mellem 2000/01 og 2098/99"),
                      ("2027/30", "to år efter hinanden")):
        with pytest.raises(Y.YearPlanError, match=says):
            Y.find_school_year(content, bad)


def test_a_plan_for_a_derived_year_reopens_identically(content):
    plan = Y.build_plan(content, Y.YearPlanRequest(school_year="2028/29", grades=[0, 5, 9]))
    assert plan.year.status == "derived" and all(plan.calendar().is_school_day(s.date) for s in plan.sessions)
    assert Y.from_json(Y.to_json(plan), content) == plan
