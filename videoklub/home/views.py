from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from videoklub import policy
from videoklub.accounts import services as account_services
from videoklub.accounts import throttling
from videoklub.accounts.models import Invitation
from videoklub.accounts.selectors import (
    invitations_change_token,
    pending_invitations_for_klub,
    pending_invitations_for_programme,
)
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.home.forms import KlubInvitationForm, ProgrammeInvitationForm
from videoklub.home.selectors import home_overview
from videoklub.home.today import today_for
from videoklub.monitoring.permissions import SchoolInProgramme
from videoklub.organisations import selectors
from videoklub.organisations import services as organisation_services
from videoklub.organisations.models import Role
from videoklub.surveys.selectors import open_invitations_for


def _mail_limit_reached(request: AuthenticatedHttpRequest, form) -> bool:
    """Count the invitation mail; over the limit per address or per client address, the form
    says how long to wait and keeps everything typed."""
    wait = throttling.invitation_mail_wait(request, form.cleaned_data["email"])
    if wait is None:
        return False
    minutes = throttling.minutes(wait)
    form.add_error(
        None,
        ngettext(
            "Too many invitations were sent to this address or from your network in the last "
            "hour. Try again in %(minutes)d minute.",
            "Too many invitations were sent to this address or from your network in the last "
            "hour. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return True


def _invite_page(request: AuthenticatedHttpRequest, **context) -> HttpResponse:
    """The invitation form and the open invitations; htmx gets the panel only."""
    template = "home/invite.html" + ("#invite-panel" if request.htmx else "")
    return render(request, template, {**context, "valid_days": settings.INVITATION_VALID_DAYS})


def _send_invitation(request: AuthenticatedHttpRequest, form, *, role: str, **scope) -> str | None:
    """The invitation the posted form asks for: the address it went to, or None with the reason
    on the form (invalid, over the mail limit, refused by the service) and everything typed kept."""
    if request.method != "POST" or not form.is_valid() or _mail_limit_reached(request, form):
        return None
    try:
        invitation = account_services.invitation_create(
            invited_by=request.user,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=role,
            **scope,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if not request.htmx:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
    return invitation.email


def _invitation_list(invitations: QuerySet[Invitation], poll_url: str) -> dict:
    """The open invitations for home/invitation_list.html. The mail goes out through the task
    queue, so while one is still being sent the list asks `poll_url` again."""
    listed = list(invitations)
    sending = any(invitation.is_being_sent for invitation in listed)
    return {
        "invitations": listed,
        "invitations_token": invitations_change_token(listed),
        "invitations_poll_url": poll_url if sending else "",
    }


def _invitation_list_part(
    request: AuthenticatedHttpRequest, invitations: QuerySet[Invitation], poll_url: str, **extra
) -> HttpResponse | None:
    """The list alone when htmx polls it (`?part=invitations`), a 204 while nothing changed
    since the token it sends (`since`); None for any other request."""
    if not (request.htmx and request.method == "GET" and request.GET.get("part") == "invitations"):
        return None
    context = _invitation_list(invitations, poll_url)
    if request.GET.get("since") == context["invitations_token"]:
        return HttpResponse(status=204)  # htmx leaves the list as it is
    return render(request, "home/invitation_list.html", {**context, **extra})


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "home/home.html",
        {
            "overview": home_overview(request.user),
            "today": today_for(request.user),
            # A survey waiting for this person: asked once a term, easy to miss in e-mail.
            "surveys": open_invitations_for(request.user),
        },
    )


@login_required
def klub_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    klub = selectors.klub_get_for_user(request.user, pk)
    may_invite = policy.can(request.user, "invite_to_klub", klub)
    return render(
        request,
        "home/klub_detail.html",
        {
            "klub": klub,
            "coaches": selectors.klub_coaches(klub),
            "teachers": selectors.klub_teachers(klub),
            "may_invite": may_invite,
            **(
                _invitation_list(
                    pending_invitations_for_klub(klub),
                    reverse("home:klub_invite", args=[klub.pk]),
                )
                if may_invite
                else {}
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def klub_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    klub = selectors.klub_get_for_user(request.user, pk, action="invite_to_klub")
    poll_url = reverse("home:klub_invite", args=[klub.pk])
    part = _invitation_list_part(request, pending_invitations_for_klub(klub), poll_url, klub=klub)
    if part is not None:
        return part
    form = KlubInvitationForm(request.POST or None)
    sent_to = _send_invitation(request, form, role=Role.TEACHER, klub=klub)
    if sent_to is not None:
        if not request.htmx:
            return redirect("home:klub_invite", pk=klub.pk)
        form = KlubInvitationForm()
    return _invite_page(
        request,
        heading=_("Invite teachers"),
        target=klub,
        target_url=reverse("home:klub_detail", args=[klub.pk]),
        form=form,
        sent_to=sent_to,
        **_invitation_list(pending_invitations_for_klub(klub), poll_url),
    )


@login_required
def school_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school = selectors.school_get_for_user(request.user, pk)
    all_klubs = list(selectors.klubs_of_school(school))
    klubs = [k for k in all_klubs if policy.can(request.user, "view_klub", k)]
    # The school's report in each programme it takes part in, for whom may read it.
    places = {k.programme_id: SchoolInProgramme(k.programme, school) for k in all_klubs}
    reports = [p for p in places.values() if policy.can(request.user, "view_school_report", p)]
    return render(
        request,
        "home/school_detail.html",
        {
            "school": school,
            "klubs": klubs,
            "leaders": selectors.school_leaders(school),
            "reports": reports,
        },
    )


@login_required
def programme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk)
    klubs = list(selectors.klubs_of_programme(programme))
    teachers = {m.user_id for k in klubs for m in k.memberships.all() if m.role == Role.TEACHER}
    coaches = {m.user_id for k in klubs for m in k.memberships.all() if m.role == Role.COACH}
    return render(
        request,
        "home/programme_detail.html",
        {
            "programme": programme,
            "waves": programme.waves.all(),
            "klubs": klubs,
            "staff": selectors.programme_staff(programme),
            "may_monitor": policy.can(request.user, "view_monitoring", programme),
            "counts": {
                "schools": len({k.school_id for k in klubs}),
                "klubs": len(klubs),
                "coaches": len(coaches),
                "teachers": len(teachers),
            },
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, action="invite_to_programme")
    poll_url = reverse("home:programme_invite", args=[programme.pk])
    part = _invitation_list_part(request, pending_invitations_for_programme(programme), poll_url)
    if part is not None:
        return part
    form = ProgrammeInvitationForm(request.POST or None, programme=programme)
    sent_to = None
    if request.method == "POST" and form.is_valid():
        sent_to = _send_invitation(request, form, role=form.cleaned_data["role"], **form.scope())
    if sent_to is not None:
        if not request.htmx:
            return redirect("home:programme_invite", pk=programme.pk)
        form = ProgrammeInvitationForm(programme=programme)
    return _invite_page(
        request,
        heading=_("Invite coaches and school leaders"),
        target=programme,
        target_url=reverse("home:programme_detail", args=[programme.pk]),
        form=form,
        sent_to=sent_to,
        **_invitation_list(pending_invitations_for_programme(programme), poll_url),
    )


@login_required
@require_http_methods(["POST"])
def programme_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Archive an ended programme (read-only), or reopen it (`?heropenen`)."""
    programme = selectors.programme_get_for_user(request.user, pk, action="archive_programme")
    if "reopen" in request.POST:
        organisation_services.programme_reopen(programme=programme, by=request.user)
        messages.success(request, _("The programme is open again: its klubs can work in it."))
    else:
        try:
            organisation_services.programme_archive(programme=programme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The programme is archived: it stays readable."))
    return redirect("home:programme_detail", pk=programme.pk)
