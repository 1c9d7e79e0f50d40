from django.urls import path

from videoklub.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("kennisbank/", views.index, name="index"),
    path("kennisbank/dossiers/<slug:slug>/", views.dossier, name="dossier"),
    path("kennisbank/expert/<slug:indicator>/", views.expert, name="expert"),
    path("kennisbank/video/<uuid:video_uuid>/bestand", views.video_file, name="video_file"),
    path("kennisbank/video/<uuid:video_uuid>/poster.jpg", views.video_poster, name="video_poster"),
    path(
        "kennisbank/video/<uuid:video_uuid>/ondertitels.vtt",
        views.video_subtitles,
        name="video_subtitles",
    ),
    path("kennisbank/video/<slug:slug>/", views.video, name="video"),
]
