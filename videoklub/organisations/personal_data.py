"""Memberships are the person's roles: they go with the account (and are in its profile)."""

from videoklub.core.personal_data import Contributor, register

register(Contributor(app="organisations", deleted=("organisations.Membership.user",)))
