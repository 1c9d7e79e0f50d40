from django.urls import path

from videoklub.analysis import views

app_name = "analysis"

urlpatterns = [
    path(
        "opnames/<uuid:recording_uuid>/aantekeningen/",
        views.recording_annotations,
        name="recording_annotations",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/analyse/",
        views.fragment_workspace,
        name="fragment",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/aantekeningen/",
        views.fragment_annotations,
        name="fragment_annotations",
    ),
    path("aantekeningen/<int:pk>/bewerken/", views.annotation_edit, name="annotation_edit"),
    path("aantekeningen/<int:pk>/verwijderen/", views.annotation_delete, name="annotation_delete"),
    path("aantekeningen/<int:pk>/antwoorden/", views.annotation_reply, name="annotation_reply"),
]
