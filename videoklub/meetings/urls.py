from django.urls import path

from videoklub.meetings import views, year_views

app_name = "meetings"

urlpatterns = [
    path("werkvormen/", views.workform_list, name="workform_list"),
    path("werkvormen/<slug:code>/", views.workform_detail, name="workform_detail"),
    path("klubs/<int:klub_pk>/bijeenkomsten/", views.meeting_list, name="list"),
    path("klubs/<int:klub_pk>/bijeenkomsten/nieuw/", views.meeting_create, name="create"),
    path("klubs/<int:klub_pk>/bijeenkomsten.ics", views.klub_ics, name="klub_ics"),
    path("bijeenkomsten/<int:pk>/", views.meeting_detail, name="detail"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.meeting_edit, name="edit"),
    path("bijeenkomsten/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path(
        "bijeenkomsten/<int:pk>/agenda/<int:item_pk>/verwijderen/",
        views.agenda_remove,
        name="agenda_remove",
    ),
    path(
        "bijeenkomsten/<int:pk>/agenda/<int:item_pk>/verplaatsen/",
        views.agenda_move,
        name="agenda_move",
    ),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("bijeenkomsten/<int:pk>/starten/", views.meeting_start, name="start"),
    path("bijeenkomsten/<int:pk>/afronden/", views.meeting_finish, name="finish"),
    path("bijeenkomsten/<int:pk>/sessie/", views.session, name="session"),
    path(
        "bijeenkomsten/<int:pk>/sessie/agenda/<int:item_pk>/aantekeningen/",
        views.session_annotations,
        name="session_annotations",
    ),
    path(
        "bijeenkomsten/<int:pk>/sessie/leraren/<int:teacher_pk>/notities/",
        views.session_note,
        name="session_note",
    ),
    path(
        "bijeenkomsten/<int:pk>/sessie/leraren/<int:teacher_pk>/acties/",
        views.session_action,
        name="session_action",
    ),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.meeting_ics, name="ics"),
    path("jaarplan/", year_views.year, name="year"),
    path("agenda/nieuwe-link/", year_views.calendar_feed_reset, name="feed_reset"),
    path("agenda/<str:token>.ics", year_views.calendar_feed, name="feed"),
]
