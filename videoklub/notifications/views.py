"""The inbox, opening a notification, the e-mail choices and the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.notifications import selectors, services
from videoklub.notifications.forms import NotificationSettingsForm
from videoklub.notifications.models import NotificationSettings
from videoklub.notifications.texts import notification_text

PAGE_SIZE = 30


@login_required
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    items = [(n, notification_text(n)) for n in page]
    return render(request, "notifications/inbox.html", {"page": page, "items": items})


@login_required
@require_GET
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark it read and go where it points (the page there checks access as always)."""
    notification = selectors.notification_get_for_user(request.user, pk)
    services.notification_mark_read(notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        raise Http404
    return redirect(notification.url)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = services.settings_for(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            user=request.user,
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# A mail program's one-click unsubscribe (RFC 8058) posts without our CSRF token; the secret in
# the URL is what proves the link came from the person's e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        done = services.notifications_unsubscribe(token=token)
        if done is None:
            raise Http404
        return render(request, "notifications/unsubscribed.html")
    if not NotificationSettings.objects.filter(unsubscribe_token=token).exists():
        raise Http404
    return render(request, "notifications/unsubscribe.html", {"token": token})
