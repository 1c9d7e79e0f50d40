"""Two-step verification: setup from the profile, the code after the password, switching off."""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from videoklub.accounts import throttling, two_factor
from videoklub.accounts.two_factor_forms import CodeForm, DisableForm
from videoklub.core.http import AuthenticatedHttpRequest


def _next_url(request: AuthenticatedHttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("home:home")


def _mark_verified(request: AuthenticatedHttpRequest, device) -> None:
    # A new session key at the step up, as at a login: a key seen before stays unverified.
    request.session.cycle_key()
    django_otp.login(request, device)


def _required(request: AuthenticatedHttpRequest) -> bool:
    return two_factor.totp_required(request.user)


def _throttled(request: AuthenticatedHttpRequest, form, field: str | None = "code") -> bool:
    """Too many wrong codes lately for this account or from this address (on top of
    django-otp's per-device wait, which a right code resets): the form says how long to wait."""
    wait = throttling.two_factor_wait(request, request.user)
    if wait is None:
        return False
    minutes = throttling.minutes(wait)
    form.add_error(
        field,
        ngettext(
            "Too many wrong codes were entered for this account or from your network. Wait "
            "%(minutes)d minute and try again.",
            "Too many wrong codes were entered for this account or from your network. Wait "
            "%(minutes)d minutes and try again.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return True


def _count_failure(request: AuthenticatedHttpRequest) -> None:
    throttling.two_factor_wait(request, request.user, count=True)


@never_cache  # the page shows the secret
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show the state; without a confirmed device, a QR code and secret to confirm with a code."""
    confirmed = two_factor.totp_device_confirmed(request.user)
    if confirmed is not None:
        return render(
            request,
            "accounts/two_factor_setup.html",
            {"confirmed": confirmed, "disable_form": DisableForm(), "required": _required(request)},
        )
    device = two_factor.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _throttled(request, form):
        try:
            device = two_factor.totp_device_confirm(
                user=request.user, token=form.cleaned_data["code"]
            )
        except two_factor.TwoFactorError as error:
            _count_failure(request)
            form.add_error("code", error.message)
        else:
            _mark_verified(request, device)
            messages.success(request, _("Two-step verification is switched on."))
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.totp_qr_svg(device),
            "secret": two_factor.totp_secret_text(device),
            "required": _required(request),
            "next": request.GET.get("next", ""),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After the password: the code of the confirmed device, before anything else."""
    if (
        two_factor.session_verified(request.user)
        or two_factor.totp_device_confirmed(request.user) is None
    ):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    # A refusal adds its error to the form, so the code is then not even tried.
    throttled = request.method == "POST" and form.is_valid() and _throttled(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.totp_verify(user=request.user, token=form.cleaned_data["code"])
        except two_factor.TwoFactorError as error:
            _count_failure(request)
            form.add_error("code", error.message)
        else:
            _mark_verified(request, device)
            return redirect(_next_url(request))
    status = 429 if throttled else 400 if form.errors else 200
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
        status=status,
    )


@login_required
@require_POST
def disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Switch two-step verification off with the password and a current code."""
    form = DisableForm(request.POST)
    if form.is_valid() and not _throttled(request, form, None):
        try:
            two_factor.totp_disable(
                user=request.user,
                password=form.cleaned_data["password"],
                token=form.cleaned_data["code"],
            )
        except two_factor.TwoFactorError as error:
            _count_failure(request)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Two-step verification is switched off."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "confirmed": two_factor.totp_device_confirmed(request.user),
            "disable_form": form,
            "required": _required(request),
        },
        status=400,
    )
