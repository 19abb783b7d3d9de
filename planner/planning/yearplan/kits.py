"""The lesson behind each session of a year plan: the request its classroom kit is assembled from.

One place for it, so every kit of the year follows the age rule lessons follow: a class without a grade is planned
for its pupils' own age band, and without one for every age (the youngest pupils' floor).
"""

from __future__ import annotations

from ..lesson import LessonRequest
from .plan import Session, YearPlan


def lesson_request(plan: YearPlan, s: Session) -> LessonRequest:
    """The lesson request of a session: its band, theme and template, and for a class without a grade its pupils'
    age band, so no theme or exercise above their age reaches them."""
    age = plan.pupils_age(s.school, s.class_name)
    return LessonRequest(band=s.band, age_band=age if s.band == "special" else None, template=s.template,
                         themes=[s.theme])


def parent_meeting(content, plan: YearPlan, s: Session):
    """The parent meeting of a class's parent-meeting session: its band and pupils' age, the themes its lessons
    this year teach, 45 or 60 minutes as booked, from the session's start."""
    from ..parents import meeting

    age = plan.pupils_age(s.school, s.class_name) if s.band == "special" else None
    lessons = [x for x in plan.lessons() if (x.school, x.class_name) == (s.school, s.class_name) and x.active]
    themes = content.by_id("themes")
    fit = [t for t in dict.fromkeys(x.theme for x in lessons)
           if t in themes and themes[t].suits(s.band, age or (s.band if s.band != "special" else "indskoling"))]
    return meeting(content, s.band, age, 60 if s.minutes >= 60 else 45, f"{s.start:%H:%M}", fit or None)
