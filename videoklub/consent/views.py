"""The consent register: a school's class groups, the consent grid per class group, pupils by
code, recording and withdrawing consent, the printed summary, and the check before filming."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub.consent import selectors, services
from videoklub.consent.forms import (
    ClassGroupForm,
    ConsentForm,
    PupilCodesForm,
    PupilSeriesForm,
    WithdrawForm,
)
from videoklub.consent.models import ClassGroup, Purpose
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def school_register(request: AuthenticatedHttpRequest, school_pk: int) -> HttpResponse:
    """The school's class groups, and a form to add one."""
    school = selectors.school_get_for_consent(request.user, school_pk)
    form = ClassGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            class_group = services.class_group_create(
                school=school, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Class group %(name)s was added.") % {"name": class_group})
            return redirect("consent:pupils_add", pk=class_group.pk)
    return render(
        request,
        "consent/school_register.html",
        {
            "school": school,
            "class_groups": selectors.class_groups_of_school(school),
            "form": form,
        },
    )


def _class_group_context(request: AuthenticatedHttpRequest, class_group: ClassGroup, **extra):
    initial: dict[str, object] = {}
    if (pupil := request.GET.get("leerling", "")).isdigit():
        initial["pupil"] = int(pupil)
    if (purpose := request.GET.get("doel", "")) in Purpose.values:
        initial["purpose"] = purpose
    return {
        "class_group": class_group,
        "school": class_group.school,
        "purposes": Purpose.choices,
        "rows": selectors.consent_grid(class_group),
        "left": selectors.pupils_who_left(class_group),
        "consent_form": ConsentForm(class_group=class_group, initial=initial),
        **extra,
    }


@login_required
@require_GET
def class_group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    class_group = selectors.class_group_get_for_user(request.user, pk)
    return render(
        request, "consent/class_group_detail.html", _class_group_context(request, class_group)
    )


@login_required
@require_POST
def consent_give(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    class_group = selectors.class_group_get_for_user(request.user, pk)
    form = ConsentForm(request.POST, class_group=class_group)
    if form.is_valid():
        try:
            consent = services.consent_give(recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Consent of %(pupil)s for %(purpose)s was recorded.")
                % {"pupil": consent.pupil.code, "purpose": consent.get_purpose_display()},
            )
            return redirect("consent:class_group", pk=class_group.pk)
    context = _class_group_context(request, class_group, consent_form=form)
    return render(request, "consent/class_group_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET) and the withdrawal itself (POST)."""
    consent = selectors.consent_get_for_user(request.user, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The consent of %(pupil)s for %(purpose)s was withdrawn. Shares that relied "
                    "on it were taken down."
                )
                % {"pupil": consent.pupil.code, "purpose": consent.get_purpose_display()},
            )
            return redirect("consent:class_group", pk=consent.pupil.class_group_id)
    return render(request, "consent/consent_withdraw.html", {"consent": consent, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def pupils_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add pupils: one code per line, or a numbered series."""
    class_group = selectors.class_group_get_for_user(request.user, pk)
    series = request.method == "POST" and "count" in request.POST
    posted = request.POST if request.method == "POST" else None
    codes_form = PupilCodesForm(None if series else posted)
    # Both forms sit on one page: the series form's ids get a prefix of their own, so a
    # label never points at the other form's box.
    series_form = PupilSeriesForm(posted if series else None, auto_id="series_%s")
    form = series_form if series else codes_form
    if request.method == "POST" and form.is_valid():
        try:
            if series:
                added = services.pupils_add_series(
                    class_group=class_group,
                    prefix=form.cleaned_data["code_prefix"],
                    count=form.cleaned_data["count"],
                    may_consent_self=form.cleaned_data["may_consent_self"],
                )
            else:
                added = services.pupils_add(
                    class_group=class_group,
                    codes=codes_form.code_list(),
                    may_consent_self=form.cleaned_data["may_consent_self"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if added:
                messages.success(
                    request,
                    _("Added: %(codes)s.") % {"codes": ", ".join(p.code for p in added)},
                )
            else:
                messages.info(request, _("These codes were already in the class group."))
            return redirect("consent:class_group", pk=class_group.pk)
    return render(
        request,
        "consent/pupils_add.html",
        {
            "class_group": class_group,
            "codes_form": codes_form,
            "series_form": series_form,
            "pupils": selectors.pupils_of(class_group),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def pupil_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A pupil left the class group (or came back)."""
    pupil = selectors.pupil_get_for_user(request.user, pk)
    archived = request.POST.get("archived", "1") != "0"
    services.pupil_archive(pupil=pupil, archived=archived)
    if archived:
        messages.success(request, _("%(pupil)s left the class group.") % {"pupil": pupil.code})
    return redirect("consent:class_group", pk=pupil.class_group_id)


@login_required
@require_POST
def class_group_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    class_group = selectors.class_group_get_for_user(request.user, pk)
    archived = request.POST.get("archived", "1") != "0"
    services.class_group_archive(class_group=class_group, archived=archived)
    if archived:
        messages.success(request, _("Class group %(name)s was archived.") % {"name": class_group})
    return redirect("consent:school", school_pk=class_group.school_id)


@login_required
@require_GET
def class_group_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Print-friendly: per purpose, who may not be filmed or shown."""
    class_group = selectors.class_group_get_for_user(request.user, pk)
    return render(
        request,
        "consent/class_group_summary.html",
        {
            "class_group": class_group,
            "missing": selectors.missing_per_purpose(class_group),
            "pupil_count": selectors.pupils_of(class_group).count(),
        },
    )


@login_required
@require_GET
def before_filming(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The htmx partial beside the upload and record pages: who to keep out of frame."""
    wanted = request.GET.get("klasgroep", "")
    class_group = (
        selectors.class_group_get_for_user(request.user, int(wanted)) if wanted.isdigit() else None
    )
    missing = selectors.pupils_without_consent(class_group, Purpose.KLUB) if class_group else None
    context = {"class_group": class_group, "missing": missing}
    if request.htmx:
        return render(request, "consent/before_filming.html", context)
    # Opened as a page (from the home page): choose a class group and see the same list.
    class_groups = list(selectors.class_groups_for_user(request.user))
    return render(
        request,
        "consent/before_filming_page.html",
        {**context, "class_groups": class_groups},
    )
