"""What accounts tell the apps above them, which connect receivers in their ready()."""

from django.dispatch import Signal

# Someone accepted an invitation (invitation, user), sent inside the accepting transaction: the
# person who invited them is told.
invitation_accepted = Signal()
