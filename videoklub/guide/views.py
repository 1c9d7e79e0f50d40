"""The user guide, open to everyone: people read how VideoKLuB works before they log in."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from videoklub.guide import pages


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "guide/page.html", {"page": pages.index_page(), "pages": pages.all_pages()}
    )


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = pages.get_page(slug)
    if found is None:
        raise Http404
    return render(request, "guide/page.html", {"page": found, "pages": pages.all_pages()})
