"""Views of the observations app: the kijkwijzer library and builder, observations."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from videoklub import policy
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.observations import selectors, services
from videoklub.observations.forms import (
    CopyForm,
    DomainFormSet,
    FrameworkForm,
    ObservationForm,
    indicators_to_text,
    scale_to_text,
)
from videoklub.observations.models import Framework
from videoklub.observations.shipped import SCALE_FOUR_POINTS
from videoklub.recordings.selectors import fragment_for_viewing


def _owners(request: AuthenticatedHttpRequest) -> list[tuple[str, Any]]:
    owners = selectors.frameworks_addable_to(request.user)
    if not owners:
        raise PermissionDenied
    return owners


@login_required
@require_GET
def framework_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks_for_user(request.user)
    shipped: dict[Any, list[Framework]] = {}
    own: dict[Any, list[Framework]] = {}
    for framework in frameworks:
        if framework.is_shipped:
            shipped.setdefault(framework.core_practice, []).append(framework)
        else:
            owner = framework.klub or framework.school or framework.programme
            own.setdefault(owner, []).append(framework)
    return render(
        request,
        "observations/framework_list.html",
        {
            "shipped_groups": list(shipped.items()),
            "own_groups": list(own.items()),
            "may_add": bool(selectors.frameworks_addable_to(request.user)),
        },
    )


@login_required
@require_GET
def framework_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get_for_user(request.user, pk)
    number = None
    if request.GET.get("versie"):
        try:
            number = int(request.GET["versie"])
        except ValueError:
            raise Http404 from None
    version = selectors.version_get(framework, number)
    return render(
        request,
        "observations/framework_detail.html",
        {
            "framework": framework,
            "version": version,
            "versions": selectors.versions_of(framework),
            "may_change": policy.can(request.user, "change_framework", framework),
            "may_copy": bool(selectors.frameworks_addable_to(request.user)),
        },
    )


def _save_builder(
    request: AuthenticatedHttpRequest, form: FrameworkForm, formset: Any, save: Any
) -> Framework | None:
    """Validate the builder's forms and call `save(**content)`; errors end up in the forms."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    try:
        return save(
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            core_practice=form.cleaned_data["core_practice"],
            domains=formset.domains(),
            scale=form.cleaned_data["scale"],
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in ("name", "scale") else None, errors)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def framework_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    owners = _owners(request)
    if request.method == "POST":
        form = FrameworkForm(request.POST, owners=owners)
        formset = DomainFormSet(request.POST, prefix="domains")

        def save(**content: Any) -> Framework:
            return services.framework_create(
                created_by=request.user, **form.owner_kwargs(), **content
            )

        framework = _save_builder(request, form, formset, save)
        if framework is not None:
            messages.success(request, _("The kijkwijzer has been saved."))
            return redirect("observations:framework_detail", pk=framework.pk)
        status = 400
    else:
        form = FrameworkForm(owners=owners, initial={"scale": scale_to_text(SCALE_FOUR_POINTS)})
        formset = DomainFormSet(prefix="domains")
        status = 200
    return render(
        request,
        "observations/framework_form.html",
        {"form": form, "formset": formset, "framework": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get_for_user(request.user, pk, action="change_framework")
    if request.method == "POST":
        form = FrameworkForm(request.POST)
        formset = DomainFormSet(request.POST, prefix="domains")

        def save(**content: Any) -> Framework:
            services.framework_publish_version(
                framework=framework, created_by=request.user, **content
            )
            return framework

        if _save_builder(request, form, formset, save) is not None:
            messages.success(request, _("A new version of the kijkwijzer has been published."))
            return redirect("observations:framework_detail", pk=framework.pk)
        status = 400
    else:
        version = selectors.version_get(framework)
        domains, scale = services.version_content(version)
        form = FrameworkForm(
            initial={
                "name": framework.name,
                "description": framework.description,
                "core_practice": framework.core_practice,
                "scale": scale_to_text(scale),
            }
        )
        formset = DomainFormSet(
            prefix="domains",
            initial=[
                {"name": domain["name"], "indicators": indicators_to_text(domain["indicators"])}
                for domain in domains
            ],
        )
        status = 200
    return render(
        request,
        "observations/framework_form.html",
        {"form": form, "formset": formset, "framework": framework},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get_for_user(request.user, pk)
    form = CopyForm(request.POST or None, owners=_owners(request))
    if request.method == "POST" and form.is_valid():
        copy = services.framework_copy(
            framework=framework, created_by=request.user, **form.owner_kwargs()
        )
        messages.success(request, _("The kijkwijzer has been copied. You can now adapt it."))
        return redirect("observations:framework_edit", pk=copy.pk)
    return render(
        request,
        "observations/framework_copy.html",
        {"framework": framework, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def observation_create(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    # The form lists the fragment's observations: reading them is a view of the fragment.
    fragment = fragment_for_viewing(request.user, recording_uuid, pk, page="observations")
    frameworks = selectors.frameworks_for_user(request.user)
    chosen = request.POST.get("kijkwijzer") or request.GET.get("kijkwijzer")
    context: dict[str, Any] = {
        "fragment": fragment,
        "is_owner": fragment.recording.owner_id == request.user.pk,
        "frameworks": frameworks,
        "observations": selectors.observations_for_fragment(request.user, fragment),
        "framework": None,
        "form": None,
    }
    if not chosen:
        return render(request, "observations/observation_form.html", context)
    try:
        framework = selectors.framework_get_for_user(request.user, int(chosen))
    except ValueError:
        raise Http404 from None
    if framework.archived:
        raise Http404
    if request.method == "POST":
        # Score against the version the form showed, even if a newer one appeared meanwhile.
        try:
            number = int(request.POST.get("versie", ""))
        except ValueError:
            number = None
        version = selectors.version_get(framework, number)
        form = ObservationForm(request.POST, version=version)
        if form.is_valid():
            try:
                observation = services.observation_create(
                    fragment=fragment,
                    version=version,
                    observer=request.user,
                    notes=form.cleaned_data["notes"],
                    scores=form.scores(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The observation has been saved."))
                return redirect("observations:observation_detail", pk=observation.pk)
        status = 400
    else:
        version = selectors.version_get(framework)
        form = ObservationForm(version=version)
        status = 200
    context.update(framework=framework, version=version, form=form)
    return render(request, "observations/observation_form.html", context, status=status)


@login_required
@require_GET
def observation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    observation = selectors.observation_for_viewing(request.user, pk)
    version = selectors.version_get(observation.version.framework, observation.version.number)
    scores = {score.indicator_id: score for score in observation.scores.all()}
    levels = {level.value: level for level in version.scale_levels.all()}
    domains = [
        (
            domain,
            [
                (
                    indicator,
                    score,
                    levels.get(score.value) if score and score.value is not None else None,
                )
                for indicator in domain.indicators.all()
                for score in [scores.get(indicator.pk)]
            ],
        )
        for domain in version.domains.all()
    ]
    return render(
        request,
        "observations/observation_detail.html",
        {
            "observation": observation,
            "fragment": observation.fragment,
            "is_owner": observation.fragment.recording.owner_id == request.user.pk,
            "version": version,
            "domains": domains,
        },
    )
