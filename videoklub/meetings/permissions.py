"""Klub sessions: seen by the klub's teachers and coach, run by the coach."""

from videoklub.organisations.permissions import is_klub_coach, is_klub_member
from videoklub.policy import register

register("view_meetings", is_klub_member)
register("manage_meetings", is_klub_coach)
