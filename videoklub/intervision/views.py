"""Views of intervision: thin, each asks a selector for the object and a service to write."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.community.models import Event
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.intervision import selectors, services
from videoklub.intervision.forms import (
    AdviceForm,
    CaseForm,
    GroupForm,
    NoteForm,
    PersonChoices,
    RoundForm,
    SessionStartForm,
)
from videoklub.intervision.methods import all_methods, method_by_slug
from videoklub.intervision.permissions import group_ids_of
from videoklub.organisations.models import Programme


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "intervision/index.html",
        {
            "groups": selectors.groups_of_user(user),
            "rounds": selectors.rounds_for_staff(user),
            "programmes": selectors.programmes_staffed(user),
        },
    )


@login_required
@require_GET
def methods(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "intervision/methods.html", {"methods": all_methods()})


@login_required
@require_GET
def method_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    method = method_by_slug(slug)
    if method is None:
        raise Http404
    return render(request, "intervision/method.html", {"method": method})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    policy.authorize(request.user, "create_intervision_round", programme, hide_as="view_programme")
    events = Event.objects.filter(programme=programme, kind=Event.Kind.INTERVISION).order_by("date")
    form = RoundForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                by=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("intervision:round", round_.pk)
    return render(request, "intervision/round_form.html", {"form": form, "programme": programme})


def _round_page(request, round_, form: GroupForm | None = None, status: int = 200):
    coaches = list(selectors.coaches_of_programme(round_.programme))
    schools = selectors.school_names_of(round_.programme, coaches)
    for coach in coaches:
        coach.school_names = schools.get(coach.pk, "")  # type: ignore[attr-defined]
    may_manage = policy.can(request.user, "manage_intervision_round", round_)
    groups = list(selectors.groups_of_round(round_))
    for group in groups:
        for member in group.members.all():
            member.school_names = schools.get(member.user_id, "")  # type: ignore[attr-defined]
            # Staff see titles only; a member may open a case during the round.
    by_pk = {c.pk: c for c in coaches}
    proposal = (
        [[by_pk[pk] for pk in g] for g in services.groups_propose(round_)]
        if may_manage and request.GET.get("voorstel")
        else []
    )
    if form is None and may_manage:
        # Only who is free: a coach already in a group of this round cannot join another.
        placed = {m.user_id for g in groups for m in g.members.all()}
        free = [pk for pk in by_pk if pk not in placed]
        form = GroupForm(coaches=User.objects.filter(pk__in=free).order_by("full_name"))
    if form is not None:
        field = cast(PersonChoices, form.fields["members"])
        field.schools = schools
    mine = group_ids_of(request.user)
    my_groups = [g for g in groups if g.pk in mine]
    return render(
        request,
        "intervision/round_detail.html",
        {
            "round": round_,
            "groups": groups,
            "form": form,
            "may_manage": may_manage,
            "proposal": proposal,
            "my_groups": my_groups,
        },
        status=status,
    )


@login_required
@require_GET
def round_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, selectors.round_get_for_user(request.user, pk))


@login_required
@require_POST
def group_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for_user(request.user, pk, action="manage_intervision_round")
    coaches = selectors.coaches_of_programme(round_.programme)
    form = GroupForm(request.POST, coaches=coaches)
    if form.is_valid():
        try:
            group = services.group_create(
                by=request.user,
                round_=round_,
                name=form.cleaned_data["name"],
                members=list(form.cleaned_data["members"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Group “%(name)s” made.") % {"name": group.name})
            return redirect("intervision:round", round_.pk)
    return _round_page(request, round_, form=form, status=422)


@login_required
@require_GET
def group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for_user(request.user, pk)
    members = selectors.group_members(group)
    schools = selectors.school_names_of(group.round.programme, members)
    cases = list(selectors.cases_of_group(group))
    for case in cases:
        case.may_open = policy.can(request.user, "view_intervision_case", case)  # type: ignore[attr-defined]
        case.may_run = policy.can(request.user, "run_intervision_session", case)  # type: ignore[attr-defined]
    return render(
        request,
        "intervision/group_detail.html",
        {
            "group": group,
            "members": [(m, schools.get(m.pk, "")) for m in members],
            "cases": cases,
            "may_submit": policy.can(request.user, "submit_intervision_case", group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for_user(request.user, pk, action="submit_intervision_case")
    form = CaseForm(request.POST or None, fragments=selectors.fragments_to_attach(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_submit(by=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your case is with your group now."))
            return redirect("intervision:case", case.pk)
    return render(request, "intervision/case_form.html", {"form": form, "group": group})


@login_required
@require_GET
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk)
    return render(
        request,
        "intervision/case_detail.html",
        {
            "case": case,
            "fragment": selectors.case_fragment_for_viewing(request.user, case),
            "session": selectors.case_session(case),
            "advice": selectors.case_advice(case),
            "is_owner": case.owner_id == request.user.pk,
            "may_run": policy.can(request.user, "run_intervision_session", case),
        },
    )


def _step_number(request, method) -> int:
    try:
        number = int(request.GET.get("stap", "1"))
    except ValueError:
        number = 1
    return max(1, min(number, len(method.steps)))


def _session_page(request, case, *, start_form=None, forms=None, status=200, step=None):
    session = selectors.case_session(case)
    members = selectors.group_members(case.group)
    context: dict = {"case": case, "session": session, "status": status}
    if session is None or request.GET.get("methode"):
        present = [p.user_id for p in session.presences.all()] if session else None
        start_form = start_form or SessionStartForm(
            members=User.objects.filter(pk__in=[m.pk for m in members]).order_by("full_name"),
            initial={
                "method": session.method if session else None,
                "present": present if present is not None else [m.pk for m in members],
            },
        )
        context.update(start_form=start_form, methods=all_methods())
        return render(request, "intervision/session.html", context, status=status)
    method = method_by_slug(session.method)
    if method is None:
        raise Http404
    number = max(1, min(step, len(method.steps))) if step else _step_number(request, method)
    forms = forms or {}
    advice = list(selectors.case_advice(case))
    panels = [
        {
            "member": m,
            "advice": [a for a in advice if a.member_id == m.pk],
            "form": forms.get(m.pk) or AdviceForm(prefix=f"advice-{m.pk}"),
        }
        for m in members
        if m.pk != case.owner_id
    ]
    context.update(
        method=method,
        step=method.step(number),
        notes=[n for n in session.notes.all() if n.step == number],
        note_form=forms.get("note") or NoteForm(),
        panels=panels,
        fragment=selectors.case_fragment_for_viewing(request.user, case),
        previous=number - 1 if number > 1 else None,
        next=number + 1 if number < len(method.steps) else None,
    )
    return render(request, "intervision/session.html", context, status=status)


@login_required
@require_GET
def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk, action="run_intervision_session")
    return _session_page(request, case)


@login_required
@require_POST
def session_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk, action="run_intervision_session")
    members = selectors.group_members(case.group)
    form = SessionStartForm(
        request.POST,
        members=User.objects.filter(pk__in=[m.pk for m in members]).order_by("full_name"),
    )
    if form.is_valid():
        try:
            services.session_start(
                by=request.user,
                case=case,
                method=form.cleaned_data["method"],
                present=list(form.cleaned_data["present"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("intervision:session", case.pk)
    return _session_page(request, case, start_form=form, status=422)


@login_required
@require_POST
def session_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk, action="run_intervision_session")
    form = NoteForm(request.POST)
    try:
        step = int(request.POST.get("step", ""))
    except ValueError:
        step = 0
    if form.is_valid():
        try:
            services.step_note_add(
                by=request.user, case=case, step=step, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(f"{reverse('intervision:session', args=[case.pk])}?stap={step}")
    return _session_page(request, case, forms={"note": form}, status=422, step=step)


@login_required
@require_POST
def advice_add(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk, action="run_intervision_session")
    member = get_object_or_404(User, pk=member_pk)
    form = AdviceForm(request.POST, prefix=f"advice-{member_pk}")
    step = request.POST.get("step", "1")
    if not step.isdigit():
        step = "1"
    if form.is_valid():
        try:
            services.advice_add(
                by=request.user, case=case, member=member, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(
                f"{reverse('intervision:session', args=[case.pk])}?stap={step}#member-{member_pk}"
            )
    return _session_page(request, case, forms={member.pk: form}, status=422, step=int(step))


@login_required
@require_POST
def session_finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, pk, action="run_intervision_session")
    try:
        services.session_finish(by=request.user, case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("intervision:session", case.pk)
    messages.success(request, _("Session finished. The advice is with the case owner."))
    return redirect("intervision:case", case.pk)


@login_required
@require_POST
def advice_mark(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    advice = selectors.advice_get_for_owner(request.user, pk)
    services.advice_mark(
        by=request.user, advice=advice, will_try=request.POST.get("will_try") == "1"
    )
    target = request.POST.get("next") or "case"
    if target == "mine":
        return redirect("intervision:my_advice")
    return redirect(f"{reverse('intervision:case', args=[advice.case_id])}#advice")


@login_required
@require_GET
def my_advice(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "intervision/my_advice.html", {"advice": selectors.advice_of_owner(request.user)}
    )
