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
