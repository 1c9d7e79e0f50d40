from django.urls import path

from videoklub.festival import curation_views, views

app_name = "festival"

F = "filmfestival/<int:pk>/"
S = "filmfestival/inzendingen/<int:pk>/"
urlpatterns = [
    # The address of the first, minimal festival page (sharing) stays the programme's.
    path("projecten/<int:pk>/filmfestival/", views.programme_festivals, name="programme"),
    path(F, views.festival_detail, name="detail"),
    path(f"{F}inzenden/", views.submission_create, name="submit"),
    path(f"{F}fragmenten/<int:submission_pk>/video/", views.submission_video, name="video"),
    path(f"{F}bewerken/", curation_views.festival_edit, name="edit"),
    path(f"{F}oproep-publiceren/", curation_views.festival_publish, name="publish"),
    path(f"{F}selectie-afsluiten/", curation_views.festival_close, name="close"),
    path(f"{F}curatie/", curation_views.curate, name="curate"),
    path(f"{F}blokken/", curation_views.block_create, name="block_create"),
    path(f"{F}voorvertoning/", curation_views.preview, name="preview"),
    path(f"{F}vertoning/", curation_views.screening, name="screening"),
    path(f"{F}vertoning/pakket.zip", curation_views.package_download, name="package"),
    path("filmfestival/blokken/<int:pk>/", curation_views.block_edit, name="block_edit"),
    path(
        "filmfestival/blokken/<int:pk>/verwijderen/",
        curation_views.block_delete,
        name="block_delete",
    ),
    path(S, views.submission_detail, name="submission"),
    path(f"{S}intrekken/", views.submission_withdraw, name="withdraw"),
    path(f"{S}beslissen/", curation_views.submission_decide, name="decide"),
    path(f"{S}plaatsen/", curation_views.submission_place, name="place"),
    path(f"{S}kennisbank/", curation_views.practice_propose, name="practice_propose"),
    path(f"{S}kennisbank/bevestigen/", views.practice_confirm, name="practice_confirm"),
]
