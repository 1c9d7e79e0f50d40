from django.urls import path

from videoklub.recordings import retention_views, tus, views

app_name = "recordings"

urlpatterns = [
    path("opnames/", views.recording_list, name="list"),
    path("projecten/<int:pk>/bewaartermijn/", retention_views.retention_report, name="retention"),
    path("opnames/opnemen/", views.recording_record, name="record"),
    path("opnames/tus/", tus.collection, name="tus_collection"),
    path("opnames/tus/<uuid:upload_id>/", tus.resource, name="tus_upload"),
    path("opnames/<uuid:recording_uuid>/", views.recording_detail, name="detail"),
    path("opnames/<uuid:recording_uuid>/status/", views.recording_status, name="status"),
    path("opnames/<uuid:recording_uuid>/video/", views.recording_stream, name="stream"),
    path("opnames/<uuid:recording_uuid>/poster/", views.recording_poster, name="poster"),
    path(
        "opnames/<uuid:recording_uuid>/miniaturen/",
        views.recording_thumbnails,
        name="thumbnails",
    ),
    path("opnames/<uuid:recording_uuid>/verwijderen/", views.recording_delete, name="delete"),
    path(
        "opnames/<uuid:recording_uuid>/klasgroep/",
        views.recording_class_group,
        name="class_group",
    ),
    path("opnames/<uuid:recording_uuid>/opnieuw/", views.recording_retry, name="retry"),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/",
        views.fragment_create,
        name="fragment_create",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/",
        views.fragment_detail,
        name="fragment_detail",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/verwijderen/",
        views.fragment_delete,
        name="fragment_delete",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/exporteren/",
        views.fragment_export,
        name="fragment_export",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/export-status/",
        views.fragment_export_status,
        name="fragment_export_status",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/download/",
        views.fragment_download,
        name="fragment_download",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/video/",
        views.fragment_video,
        name="fragment_video",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/anonimiseren/",
        views.fragment_anonymise,
        name="fragment_anonymise",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/anonimisering/status/",
        views.fragment_anonymisation_status,
        name="fragment_anonymisation_status",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/anonimisering/goedkeuren/",
        views.fragment_anonymisation_approve,
        name="fragment_anonymisation_approve",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/anonimisering/verwijderen/",
        views.fragment_anonymisation_discard,
        name="fragment_anonymisation_discard",
    ),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/anonimisering/video/",
        views.fragment_anonymised_video,
        name="fragment_anonymised_video",
    ),
]
