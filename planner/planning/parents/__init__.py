"""The parent meeting (forældremøde): its agenda, what parents hear and the deck for the evening."""

from .meeting import MeetingError, ParentMeetingPlan, meeting
from .slides import deck

__all__ = ["MeetingError", "ParentMeetingPlan", "deck", "meeting"]
