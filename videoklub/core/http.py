"""Request types for views, so type checkers know what middleware adds."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from videoklub.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: "HtmxDetails"


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request that passed `login_required`."""

    user: "User"  # type: ignore[assignment]
