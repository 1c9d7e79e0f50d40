"""The kennisbank as readers see it: open items public, the rest for signed-in people."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from videoklub.core.http import HtmxHttpRequest
from videoklub.knowledge import selectors
from videoklub.knowledge.forms import SearchForm
from videoklub.knowledge.presentation import dossier_context
from videoklub.policy import can


@require_safe
def index(request: HtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, choices=selectors.filter_choices(request.user))
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            query=data["q"],
            core_practice=data["praktijk"],
            level=data["niveau"],
            topic=data["thema"],
        )
    context = {
        "form": form,
        "dossiers": selectors.dossiers_for_user(request.user, filters),
        "filtered": filters != selectors.Filters(),
        "can_edit": can(request.user, "edit_knowledge"),
    }
    template = "knowledge/index.html#results" if request.htmx else "knowledge/index.html"
    return render(request, template, context)


@require_safe
def dossier(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    page = selectors.dossier_get_for_user(request.user, slug)
    return render(request, page.template, dossier_context(page))
