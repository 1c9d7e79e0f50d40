"""The second step of the login, enforced for every page (django-otp's OTPMiddleware first)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from videoklub.accounts import two_factor
from videoklub.accounts.models import User

# Reachable before the second step: the step itself, logging out, the language switch.
_ALWAYS_OPEN = {"accounts:logout", "set_language", "core:health"}
_VERIFY = "accounts:two_factor_verify"
_SETUP = "accounts:two_factor"


class TwoFactorMiddleware:
    """A user with a confirmed device must enter a code before anything else; staff and
    superusers without one (when OTP_REQUIRED_FOR_STAFF) are sent to the setup, which also
    keeps the admin site closed to a session that has not passed the second step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        user: User = request.user  # type: ignore[assignment]
        if two_factor.session_verified(user):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in _ALWAYS_OPEN:
            return None
        if two_factor.totp_device_confirmed(user) is not None:
            target = _VERIFY
        elif two_factor.totp_required(user):
            target = _SETUP
        else:
            return None
        if name == target:
            return None
        url = reverse(target)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
