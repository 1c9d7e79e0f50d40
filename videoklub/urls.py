from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

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
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]
