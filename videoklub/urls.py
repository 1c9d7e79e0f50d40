from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views.serve import serve as serve_document

from videoklub.courses.sitemaps import SITEMAPS as COURSE_SITEMAPS
from videoklub.knowledge.sitemaps import SITEMAPS

admin.site.site_header = _("VideoKLuB administration")
admin.site.site_title = _("VideoKLuB")

urlpatterns = [
    path("", include("videoklub.core.urls")),
    path("account/", include("videoklub.accounts.urls")),
    path("account/", include("videoklub.privacy.urls")),
    path("", include("videoklub.home.urls")),
    path("", include("videoklub.recordings.urls")),
    path("", include("videoklub.sharing.urls")),
    path("", include("videoklub.consent.urls")),
    path("", include("videoklub.audit.urls")),
    path("", include("videoklub.cycles.urls")),
    path("", include("videoklub.observations.urls")),
    path("", include("videoklub.meetings.urls")),
    path("", include("videoklub.analysis.urls")),
    path("", include("videoklub.notifications.urls")),
    path("", include("videoklub.guide.urls")),
    path("", include("videoklub.knowledge.urls")),
    path("", include("videoklub.courses.urls")),
    path("", include("videoklub.practice.urls")),
    path("", include("videoklub.surveys.urls")),
    path("", include("videoklub.baseline.urls")),
    path("", include("videoklub.bookclubs.urls")),
    path("", include("videoklub.community.urls")),
    path("", include("videoklub.intervision.urls")),
    path("", include("videoklub.festival.urls")),
    path("", include("videoklub.monitoring.urls")),
    # The knowledge base's editor (Wagtail), behind knowledge.middleware.EditorAccessMiddleware.
    path("redactie/", include(wagtailadmin_urls)),
    # Downloads of dossiers; each asks the policy first (knowledge/wagtail_hooks.py). Only
    # Wagtail's serving view: we use no password-protected collections.
    path(
        "documenten/<int:document_id>/<str:document_filename>",
        serve_document,
        name="wagtaildocs_serve",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": {**SITEMAPS, **COURSE_SITEMAPS}}, name="sitemap"),
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]
