"""Who recorded a class group or a consent stays on the register without the name."""

from videoklub.core.personal_data import Contributor, register

register(
    Contributor(
        app="consent",
        anonymised=(
            "consent.ClassGroup.created_by",
            "consent.Consent.recorded_by",
            "consent.Consent.withdrawal_recorded_by",
        ),
    )
)
