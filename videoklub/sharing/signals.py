"""What sharing tells the apps above it, which connect receivers in their ready().

Sent inside the transaction of the change, so what a receiver does happens with it or not at
all.
"""

from django.dispatch import Signal

# A fragment was shared (fragment, share, by), or its share renewed: the development cycle it
# was filmed for moves on to discussing.
fragment_shared = Signal()
