from django.urls import path

from videoklub.baseline import views

app_name = "baseline"

TRACK = "projecten/<int:programme_pk>/scholen/<int:school_pk>/"
urlpatterns = [
    path("projecten/<int:programme_pk>/scholen/", views.programme_tracks, name="programme"),
    path(TRACK, views.track_detail, name="track"),
    path(f"{TRACK}nulmeting/", views.baseline_edit, name="baseline_edit"),
    path(f"{TRACK}analyse/", views.report_edit, name="report_edit"),
    path(f"{TRACK}analyse.pdf", views.report_pdf, name="report_pdf"),
    path(f"{TRACK}terugkoppeling/", views.feedback_edit, name="feedback_edit"),
    path(f"{TRACK}actieplan/nieuw/", views.action_create, name="action_create"),
    path(f"{TRACK}actieplan/<int:item_pk>/", views.action_edit, name="action_edit"),
    path(f"{TRACK}actieplan/<int:item_pk>/status/", views.action_status, name="action_status"),
    path(f"{TRACK}actieplan/<int:item_pk>/verwijderen/", views.action_delete, name="action_delete"),
    path(f"{TRACK}implementatie/afvinken/", views.checklist_tick, name="checklist_tick"),
    path(f"{TRACK}implementatie/fase/", views.phase_move, name="phase_move"),
    path(f"{TRACK}implementatie/bewijs/", views.evidence_add, name="evidence_add"),
    path(
        f"{TRACK}implementatie/bewijs/<int:pk>/verwijderen/",
        views.evidence_remove,
        name="evidence_remove",
    ),
]
