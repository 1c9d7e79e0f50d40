from django.urls import path

from videoklub.sharing import views

app_name = "sharing"

urlpatterns = [
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/delen/",
        views.fragment_shares,
        name="fragment",
    ),
    path("opnames/<uuid:recording_uuid>/delen/", views.recording_shares, name="recording"),
    path("delingen/<int:pk>/intrekken/", views.share_revoke, name="revoke"),
    path("klubs/<int:pk>/gedeeld/", views.klub_shared, name="klub"),
]
