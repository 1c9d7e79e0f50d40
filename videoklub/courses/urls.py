from django.urls import path

from videoklub.courses import kit_views, views

app_name = "courses"

urlpatterns = [
    path("kennisbank/cursussen/", views.index, name="index"),
    path("kennisbank/cursussen/<slug:slug>/", views.detail, name="detail"),
    path("kennisbank/cursussen/<slug:slug>/stappen/<str:step_id>/", views.step, name="step"),
    path("kennisbank/cursussen/<slug:slug>/klub/", views.team_choose, name="team_choose"),
    path(
        "kennisbank/cursussen/<slug:slug>/klubs/<int:klub_id>/",
        views.team_detail,
        name="team_detail",
    ),
    path(
        "kennisbank/cursussen/<slug:slug>/getuigschrift.pdf",
        views.certificate,
        name="certificate",
    ),
    path("kennisbank/cursussen/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path(
        "kennisbank/cursussen/<slug:slug>/feedback/overzicht/",
        views.feedback_overview,
        name="feedback_overview",
    ),
    path(
        "kennisbank/cursussen/<slug:slug>/feedback/overzicht.csv",
        views.feedback_csv,
        name="feedback_csv",
    ),
    path(
        "kennisbank/cursussen/<slug:slug>/feedback/overzicht.pdf",
        views.feedback_pdf,
        name="feedback_pdf",
    ),
    path("kennisbank/coachingskit/", kit_views.general, name="kit"),
    path("kennisbank/coachingskit.pdf", kit_views.general_pdf, name="kit_pdf"),
    path("kennisbank/coachingskit/programma/<int:pk>/", kit_views.programme, name="programme_kit"),
    path(
        "kennisbank/coachingskit/programma/<int:pk>/coachingskit.pdf",
        kit_views.programme_pdf,
        name="programme_kit_pdf",
    ),
]
