"""The two steps of the school sign-in: off to the provider, and back with a code.

Both answer 404 while school sign-in is off. Every refusal ends on our login page with a message
saying why, and a warning in the log.
"""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)
from mozilla_django_oidc.views import get_next_url

from videoklub.accounts import school_login
from videoklub.accounts.school_login import Refusal, SchoolLoginRefused

logger = logging.getLogger(school_login.__name__)
# mozilla-django-oidc's session key: state -> {nonce, code_verifier, added_on}, plus ours.
_STATES = "oidc_states"


def _refuse(
    request: HttpRequest, refusal: SchoolLoginRefused, provider_key: str = ""
) -> HttpResponse:
    school_login.refusal_log(
        refusal=refusal,
        provider_key=provider_key,
        ip_address=request.META.get("REMOTE_ADDR", ""),
    )
    messages.error(request, refusal.message())
    return redirect("accounts:login")


@never_cache
@require_GET
def start(request: HttpRequest, provider: str) -> HttpResponse:
    """Send the browser to the provider's login, remembering state, nonce and PKCE verifier."""
    school = school_login.provider_get(provider)
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    try:
        endpoints = school.endpoints()
    except SchoolLoginRefused as refusal:
        return _refuse(request, refusal, school.key)
    state = get_random_string(32)
    code_verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": settings.OIDC_RP_SCOPES,
        "client_id": school.client_id,
        "redirect_uri": request.build_absolute_uri(reverse("accounts:school_login_callback")),
        "state": state,
        "nonce": get_random_string(32),
        "code_challenge": generate_code_challenge(code_verifier, "S256"),
        "code_challenge_method": "S256",
    }
    add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
    # Which provider this state belongs to, and where to go afterwards (checked to be ours).
    request.session[_STATES][state].update(
        provider=school.key, next=get_next_url(request, "next") or ""
    )
    request.session.modified = True
    return HttpResponseRedirect(f"{endpoints.authorization}?{urlencode(params)}")


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: check the state, exchange the code, log the account in."""
    if not school_login.providers():
        raise Http404
    # One use only: the state leaves the session whatever happens next (no replay).
    states = request.session.get(_STATES)
    entry = states.pop(request.GET.get("state", ""), None) if isinstance(states, dict) else None
    request.session.modified = True
    if not entry or time.time() - entry.get("added_on", 0) > school_login.STATE_MAX_AGE_SECONDS:
        return _refuse(request, SchoolLoginRefused(Refusal.STATE, detail="unknown state"))
    key = entry.get("provider", "")
    provider = next((p for p in school_login.providers() if p.key == key), None)
    if provider is None:
        return _refuse(request, SchoolLoginRefused(Refusal.STATE, detail="provider gone"), key)

    error = request.GET.get("error")
    if error or not request.GET.get("code"):
        reason = Refusal.CANCELLED if error == "access_denied" else Refusal.PROVIDER
        detail = f"{error or 'no code'}: {request.GET.get('error_description', '')}"[:300]
        return _refuse(request, SchoolLoginRefused(reason, detail=detail), key)

    user = authenticate(
        request,
        school_provider=provider,
        nonce=entry.get("nonce"),
        code_verifier=entry.get("code_verifier"),
    )
    if user is None:
        refusal = getattr(request, "school_login_refusal", None) or SchoolLoginRefused(
            Refusal.PROVIDER, detail="no backend answered"
        )
        return _refuse(request, refusal, key)
    login(request, user)
    logger.info("School sign-in provider=%s user=%s", key, user.pk)
    # A confirmed second factor is still asked for: TwoFactorMiddleware sees an unverified session.
    return redirect(entry.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))
