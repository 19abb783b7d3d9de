""""Næste skoleår": next year's plan from this one. The old plan is not changed.

- Every class moves up one grade (0.a → 1.a); 9. klasse leaves school, and so does 10. klasse (a new 10. klasse
  with new pupils is offered under the same name); a new 0. klasse is offered at each school that has one now (or has
  indskoling). Classes without a grade keep their name and their pupils' age band.
- Each class continues the progression: it gets themes it has not had. A lesson held or still planned counts as had;
  a cancelled one does not. What a class has had is kept in the new plan (School.themes_had), so "Lav årshjul" with
  other choices later still continues the progression.
- The coordinator's schools, weekdays, hours, lessons a day, lessons a class and parent meetings carry over, and so
  does the contact of each school. Dated choices (closed days, an own school-year file, a start date) belong to the
  old year and are left behind, with a sentence saying so.
"""

from __future__ import annotations

import re

from ...content.progression import GRADES
from .. import school_calendar as sc
from .building import build_plan, find_school_year
from .classes import class_grade
from .errors import YearPlanError
from .plan import MAX_DISTRICT_CLASSES, YearPlan, YearPlanRequest
from .school import MAX_CLASSES, MAX_THEMES_HAD, School

LEAVING = (9, 10)


def next_school_year(school_year: str) -> str:
    y = int(school_year[:4]) + 1
    return f"{y}/{(y + 1) % 100:02d}"


def moved_name(name: str) -> str:
    """'0.a' → '1.a', '8. klasse' → '9. klasse'; a class without a grade keeps its name."""
    grade = class_grade(name)
    if not isinstance(grade, int):
        return name
    return re.sub(r"\d+", str(grade + 1), name, count=1)


def themes_had(plan: YearPlan, school: str, class_name: str) -> list[str]:
    """The themes a class has had: earlier years' and this year's lessons, held or planned – not cancelled ones."""
    found = plan.request.school(school)
    earlier = list(found.themes_had.get(class_name, [])) if found else []
    this_year = [s.theme for s in plan.sessions_of_class(school, class_name) if s.kind == "lektion" and s.active]
    return list(dict.fromkeys(earlier + this_year))[-MAX_THEMES_HAD:]


def _next_school(plan: YearPlan, school: School, room: int, notes: list[str]) -> School:
    classes: list[str] = []
    had: dict[str, list[str]] = {}
    languages: dict[str, list[str]] = {}
    leavers = []
    for c in school.classes:
        grade = class_grade(c)
        if grade in LEAVING:
            leavers.append(c)
            continue
        new = moved_name(c)
        classes.append(new)
        if themes_had(plan, school.name, c):
            had[new] = themes_had(plan, school.name, c)
        if school.letter_languages.get(c):  # the families move up with their class
            languages[new] = school.letter_languages[c]
    new_ones = [c for c in school.classes if class_grade(c) in (0, 10)]
    if not any(class_grade(c) == 0 for c in school.classes) and \
            any(class_grade(c) in (1, 2, 3) for c in school.classes):
        new_ones.insert(0, "0.a")  # a school with indskoling gets a 0. klasse, even if it had none this year
    offered = [c for c in new_ones if c not in classes][:max(0, min(room, MAX_CLASSES - len(classes)))]
    skipped = [c for c in new_ones if c not in classes and c not in offered]
    if leavers:
        notes.append(f"{school.name}: {', '.join(leavers)} er gået ud af skolen og er ikke med.")
    if offered:
        notes.append(f"{school.name}: ny{'e' if len(offered) > 1 else ''} {', '.join(offered)} er sat på – slet "
                     f"{'dem' if len(offered) > 1 else 'den'} under Skoler og klasser, hvis skolen ikke får "
                     f"{'dem' if len(offered) > 1 else 'den'}.")
    if skipped:
        notes.append(f"{school.name}: {', '.join(skipped)} er ikke sat på – årshjulet har højst {MAX_CLASSES} klasser "
                     f"pr. skole og {MAX_DISTRICT_CLASSES} i alt.")
    if school.closed_days:
        notes.append(f"{school.name}: skolens lukkedage gjaldt {plan.year.school_year} og er ikke med – skriv det nye "
                     "års lukkedage under Ferie og lukkedage.")
    classes += offered
    if not classes:
        raise YearPlanError(f"{school.name} har ingen klasser tilbage næste skoleår (alle er gået ud). Fjern skolen, "
                            "eller skriv dens nye klasser.")
    classes.sort(key=lambda c: (GRADES.index(class_grade(c)), c))
    ages = {c: a for c, a in school.age_bands.items() if c in classes}
    return school.model_copy(update={"classes": classes, "closed_days": [], "age_bands": ages, "themes_had": had,
                                     "letter_languages": {c: v for c, v in languages.items() if c in classes}})


def next_year_request(content, plan: YearPlan) -> tuple[YearPlanRequest, list[str]]:
    """Next year's request from this plan, with Danish notes on what changed on the way."""
    year = next_school_year(plan.request.school_year)
    notes: list[str] = []
    kommune = plan.request.kommune
    if kommune:
        try:
            find_school_year(content, year, kommune)
        except YearPlanError:
            notes.append(f"Der er ingen skoleårsfil for {year} ({kommune}), så datoerne er beregnet – upload kommunens "
                         "skoleårsfil under Ferie og lukkedage, når den er klar.")
            kommune = None
    if plan.request.calendar is not None:
        notes.append(f"Dine egne ferier gjaldt {plan.year.school_year} og er ikke med – ret det nye års ferier under "
                     "Ferie og lukkedage.")
    room = MAX_DISTRICT_CLASSES - sum(
        1 for s in plan.request.schools for c in s.classes if class_grade(c) not in LEAVING)
    schools = []
    for s in plan.request.schools:
        new = _next_school(plan, s, room, notes)
        room -= len(new.classes) - sum(1 for c in s.classes if class_grade(c) not in LEAVING)
        schools.append(new)
    req = YearPlanRequest.model_validate(plan.request.model_dump(exclude={"grades", "schools", "calendar"}) | {
        "school_year": year, "kommune": kommune, "start_from": None, "calendar": None,
        "schools": [s.model_dump() for s in schools]})
    return req, notes


def next_year(content, plan: YearPlan) -> tuple[YearPlan, list[str]]:
    """Next school year's plan from this one (the old plan is untouched), and Danish notes on what changed.
    Raises YearPlanError when the new year cannot be planned (the message says why)."""
    if plan.year.start_year + 1 > sc.LAST_START_YEAR:
        raise YearPlanError(f"Klassekit planlægger skoleår til og med {sc.LAST_START_YEAR}/"
                            f"{(sc.LAST_START_YEAR + 1) % 100:02d}.")
    req, notes = next_year_request(content, plan)
    new = build_plan(content, req)
    repeated = []
    for sch in new.schools:
        school = sch.name
        for name in sch.classes:
            had = set(sch.themes_had.get(name, []))
            again = [new.theme_title(s.theme) for s in new.sessions_of_class(school, name)
                     if s.kind == "lektion" and s.theme in had]
            if again:
                repeated.append(f"{name} på {school} ({', '.join(dict.fromkeys(again))})")
    if repeated:
        notes.append("Disse klasser har haft alle de temaer, der passer til dem, så de får nogle igen: "
                     + "; ".join(repeated) + ".")
    notes.insert(0, f"Årshjulet for {new.year.label} er lavet ud fra {plan.year.label}: klasserne er rykket et "
                    f"klassetrin op, og hver klasse får temaer, den ikke har haft. Det gamle årshjul er uændret.")
    return new, notes

