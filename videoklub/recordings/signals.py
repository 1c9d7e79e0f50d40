"""What recordings tell the apps above them, which connect receivers in their ready().

Each is sent inside the transaction of the change, so what a receiver does (taking shares
down) happens with it or not at all.
"""

from django.dispatch import Signal

# The class group said to be in a recording changed (recording, by): shares made under the old
# answer are checked against the new class group's consent.
class_group_changed = Signal()

# A fragment's blurred copy is about to be thrown away (fragment, by). Receivers return how
# many shares of that copy they took down, so the teacher can be told.
anonymised_copy_discarding = Signal()

# Something happened around a recording (a share, an annotation, a reply): the development
# cycle it is filmed for shows this as its last activity (recording).
recording_activity = Signal()

# A recording was filed under a development cycle (recording, by): when its upload for a cycle
# is complete, or when its owner files an existing recording. The cycle moves on to analysing.
recording_filed = Signal()
