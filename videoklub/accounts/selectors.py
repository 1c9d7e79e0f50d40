from django.db.models import Q, QuerySet

from videoklub.accounts.models import Invitation
from videoklub.organisations.models import Klub, Programme


def _pending() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True).select_related(
        "invited_by", "klub__school", "school", "programme"
    )


def pending_invitations_for_klub(klub: Klub) -> QuerySet[Invitation]:
    return _pending().filter(klub=klub).order_by("-created_at")


def pending_invitations_for_programme(programme: Programme) -> QuerySet[Invitation]:
    """Open invitations into the programme itself, its klubs and the schools taking part."""
    return (
        _pending()
        .filter(
            Q(programme=programme)
            | Q(klub__programme=programme)
            | Q(school__klubs__programme=programme)
        )
        .distinct()
        .order_by("-created_at")
    )
