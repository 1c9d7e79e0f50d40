"""The owner's audit log: who watched, downloaded, shared or deleted their items, and when."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from videoklub.audit import selectors
from videoklub.core.http import AuthenticatedHttpRequest


@login_required
@require_GET
def my_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    item_type = request.GET.get("soort", "")
    item_id = request.GET.get("item", "")
    others_only = request.GET.get("ikzelf") != "1"
    events = selectors.events_of_my_items(
        request.user,
        item_type=item_type if item_type in ("recording", "fragment") else "",
        item_id=item_id[:40],
        others_only=others_only,
    )
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "audit/my_log.html",
        {"page": page, "others_only": others_only, "item_type": item_type, "item_id": item_id},
    )
