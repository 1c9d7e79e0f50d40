"""The consent register of a school: kept by its school leaders and the teachers and coaches
of its klubs (who film there); nobody else reads it."""

from videoklub.organisations.permissions import has_klub_at_school, leads_school
from videoklub.policy import register

register("manage_consent", leads_school | has_klub_at_school)
