from django.urls import path

from videoklub.cycles import phase_views, views

app_name = "cycles"

urlpatterns = [
    path("cycli/", views.cycle_list, name="list"),
    path("cycli/nieuw/", views.cycle_start, name="start"),
    path("cycli/<int:pk>/", views.cycle_detail, name="detail"),
    path("cycli/<int:pk>/fase/", phase_views.cycle_phase, name="phase"),
    path("cycli/<int:pk>/afsluiten/", phase_views.cycle_close, name="close"),
    path("cycli/<int:pk>/stopzetten/", phase_views.cycle_abandon, name="abandon"),
    path(
        "opnames/<uuid:recording_uuid>/cyclus/",
        phase_views.recording_file,
        name="file_recording",
    ),
    path("cycli/<int:pk>/leervraag/<int:step>/", views.question_step, name="question"),
    path("cycli/<int:pk>/opmerkingen/", views.comment_create, name="comment_create"),
    path("cycli/<int:pk>/reflecties/", views.reflection_create, name="reflection_create"),
    path("cycli/<int:pk>/acties/nieuw/", views.action_create, name="action_create"),
    path("acties/<int:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("acties/<int:pk>/status/", views.action_status, name="action_status"),
    path("klubs/<int:pk>/bord/", views.klub_board, name="board"),
    path("klubs/<int:pk>/coaching/", views.coaching_klub, name="coaching_klub"),
    path(
        "klubs/<int:pk>/coaching/<int:teacher_pk>/",
        views.coaching_teacher,
        name="coaching_teacher",
    ),
    path(
        "klubs/<int:pk>/coaching/<int:teacher_pk>/nieuw/",
        views.coaching_create,
        name="coaching_create",
    ),
    path("coaching/<int:pk>/bewerken/", views.coaching_edit, name="coaching_edit"),
    path("leerspoor/", views.trail, name="trail"),
    path("leerspoor/pdf/", views.trail_pdf, name="trail_pdf"),
]
