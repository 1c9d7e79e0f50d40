from django.db.models import Q, QuerySet

from videoklub.accounts.models import Invitation
from videoklub.organisations.models import Klub, Programme


def _pending() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True).select_related(
        "invited_by", "klub__school", "school", "programme"
    )


def invitations_change_token(invitations: list[Invitation]) -> str:
    """Changes whenever an invitation on the list is added, goes or is sent: a page polling
    while one is being sent gets a new list only when it differs."""
    return "-".join(f"{i.pk}.{i.sent_at.timestamp() if i.sent_at else 0:.0f}" for i in invitations)


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
