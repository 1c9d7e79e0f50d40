from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says (a PDF, the
    admin, a feed reader): send them to our SVG. Not permanent: the static URL carries a hash
    that changes with the file."""
    return HttpResponseRedirect(static("videoklub/favicon.svg"))
