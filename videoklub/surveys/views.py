"""Survey pages: thin views over `selectors.py` and `services.py`.

Respondents: their open surveys, the questionnaire (once), a thank-you page. Staff of a
programme: the overview, the instrument builder and upload, administrations with invitations,
reminders, results and the pre/post comparison.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.surveys import selectors, services
from videoklub.surveys.files import InstrumentFileError
from videoklub.surveys.forms import (
    AdministrationForm,
    InstrumentForm,
    ItemFormSet,
    ResponseForm,
    UploadForm,
    builder_content,
)
from videoklub.surveys.models import Instrument

# --- Respondents ------------------------------------------------------------------------------


@login_required
@require_safe
def my_surveys(request: AuthenticatedHttpRequest) -> HttpResponse:
    invitations = selectors.open_invitations_for(request.user)
    return render(request, "surveys/my_surveys.html", {"invitations": invitations})


@login_required
@require_http_methods(["GET", "POST"])
def respond(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_respondent(request.user, token)
    administration = invitation.administration
    context: dict[str, Any] = {"administration": administration, "version": administration.version}
    if invitation.responded or not administration.is_open():
        context["closed"] = True
        return render(request, "surveys/respond.html", context)
    form = ResponseForm(request.POST or None, version=administration.version)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_submit(
                    invitation=invitation, by=request.user, answers=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("surveys:thanks")
        status = 400
    context["form"] = form
    return render(request, "surveys/respond.html", context, status=status)


@login_required
@require_safe
def thanks(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


# --- Staff ------------------------------------------------------------------------------------


@login_required
@require_safe
def overview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    context = {
        "programme": programme,
        "instruments": selectors.instruments_for_programme(programme),
        "administrations": selectors.administrations_for_programme(programme),
    }
    return render(request, "surveys/overview.html", context)


def _builder(
    request: AuthenticatedHttpRequest, programme: Any, instrument: Instrument | None
) -> HttpResponse:
    version = selectors.latest_version(instrument) if instrument else None
    initial_form, initial_items = None, None
    if version is not None:
        initial_form = {
            "title": version.title,
            "description": version.description,
            "source_note": version.source_note,
            "scale": InstrumentForm.preset_of(version.scale),
        }
        initial_items = [dict(item) for item in version.items]
    form = InstrumentForm(request.POST or None, initial=initial_form)
    formset = ItemFormSet(request.POST or None, initial=initial_items, prefix="items")
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            content = builder_content(form, formset, instrument.key if instrument else None)
            try:
                saved = services.instrument_save_draft(
                    programme=programme, by=request.user, instrument=instrument, content=content
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The draft is saved. Check the preview and publish it.")
                )
                return redirect(
                    "surveys:instrument_detail", pk=programme.pk, instrument_pk=saved.instrument_id
                )
        status = 400
    context = {"programme": programme, "instrument": instrument, "form": form, "formset": formset}
    return render(request, "surveys/instrument_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def instrument_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    return _builder(request, programme, None)


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: AuthenticatedHttpRequest, pk: int, instrument_pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    instrument = selectors.instrument_for_staff(request.user, programme, instrument_pk)
    if instrument.is_shipped:
        raise PermissionDenied  # shipped wording changes only with a new file of ours
    return _builder(request, programme, instrument)


@login_required
@require_safe
def instrument_detail(
    request: AuthenticatedHttpRequest, pk: int, instrument_pk: int
) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    instrument = selectors.instrument_for_staff(request.user, programme, instrument_pk)
    version = selectors.latest_version(instrument)
    context = {
        "programme": programme,
        "instrument": instrument,
        "version": version,
        "versions": instrument.versions.order_by("-number"),
        "preview": ResponseForm(version=version, auto_id="preview_%s"),
    }
    return render(request, "surveys/instrument_detail.html", context)


@login_required
@require_POST
def instrument_publish(
    request: AuthenticatedHttpRequest, pk: int, instrument_pk: int
) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    instrument = selectors.instrument_for_staff(request.user, programme, instrument_pk)
    if instrument.is_shipped:
        raise PermissionDenied
    version = selectors.latest_version(instrument)
    services.instrument_version_publish(version=version, by=request.user)
    messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
    return redirect("surveys:instrument_detail", pk=programme.pk, instrument_pk=instrument.pk)


@login_required
@require_http_methods(["GET", "POST"])
def instrument_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8")
                version = services.instrument_upload(
                    programme=programme, by=request.user, text=text, filename=upload.name
                )
            except UnicodeDecodeError:
                form.add_error("file", _("The file must be UTF-8 text."))
            except InstrumentFileError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                messages.success(request, _("The instrument is loaded and published."))
                return redirect(
                    "surveys:instrument_detail",
                    pk=programme.pk,
                    instrument_pk=version.instrument_id,
                )
        status = 400
    context = {"programme": programme, "form": form}
    return render(request, "surveys/instrument_upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def administration_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    versions = selectors.published_versions(programme)
    form = AdministrationForm(request.POST or None, programme=programme, versions=versions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                administration = services.administration_create(
                    programme=programme, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(
                    "surveys:administration_detail", pk=programme.pk, adm_pk=administration.pk
                )
        status = 400
    context = {"programme": programme, "form": form}
    return render(request, "surveys/administration_form.html", context, status=status)


@login_required
@require_safe
def administration_detail(request: AuthenticatedHttpRequest, pk: int, adm_pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    administration = selectors.administration_for_staff(request.user, programme, adm_pk)
    invitations = administration.invitations.all()
    context = {
        "programme": programme,
        "administration": administration,
        "results": selectors.administration_results(request.user, administration),
        "invited": invitations.count(),
        "answered": invitations.filter(responded=True).count(),
        "partner": selectors.partner_administration(administration),
    }
    template = "surveys/administration_detail.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@login_required
@require_POST
def administration_invite(request: AuthenticatedHttpRequest, pk: int, adm_pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    administration = selectors.administration_for_staff(request.user, programme, adm_pk)
    made = services.administration_invite(administration=administration, by=request.user)
    messages.success(
        request,
        ngettext("%(count)s person invited.", "%(count)s people invited.", len(made))
        % {"count": len(made)},
    )
    return redirect("surveys:administration_detail", pk=programme.pk, adm_pk=administration.pk)


@login_required
@require_POST
def administration_remind(request: AuthenticatedHttpRequest, pk: int, adm_pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    administration = selectors.administration_for_staff(request.user, programme, adm_pk)
    count = services.administration_remind(administration=administration, by=request.user)
    messages.success(
        request,
        ngettext("%(count)s person reminded.", "%(count)s people reminded.", count)
        % {"count": count},
    )
    return redirect("surveys:administration_detail", pk=programme.pk, adm_pk=administration.pk)


@login_required
@require_safe
def administration_compare(request: AuthenticatedHttpRequest, pk: int, adm_pk: int) -> HttpResponse:
    programme = selectors.programme_for_staff(request.user, pk)
    administration = selectors.administration_for_staff(request.user, programme, adm_pk)
    context = {
        "programme": programme,
        "administration": administration,
        "comparison": selectors.comparison_for_staff(request.user, administration),
    }
    return render(request, "surveys/comparison.html", context)
