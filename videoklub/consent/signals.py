"""What the consent register tells the apps above it (sharing takes shares down)."""

from django.dispatch import Signal

# A pupil's consent for a purpose was withdrawn. Sent inside the withdrawal's transaction with
# class_group, purpose and by; receivers act at once (a share relying on it goes down).
consent_withdrawn = Signal()
