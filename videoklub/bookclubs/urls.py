from django.urls import path

from videoklub.bookclubs import views, views_edit

app_name = "bookclubs"

urlpatterns = [
    path("boekenclubs/", views.club_list, name="list"),
    path("boekenclubs/nieuw/", views.club_create, name="create"),
    path("boekenclubs/<int:pk>/", views.club_detail, name="detail"),
    path("boekenclubs/<int:pk>/bewerken/", views.club_edit, name="edit"),
    path("boekenclubs/<int:pk>/leden/", views.member_add, name="member_add"),
    path(
        "boekenclubs/<int:pk>/leden/<int:member_pk>/verwijderen/",
        views_edit.member_remove,
        name="member_remove",
    ),
    path("boekenclubs/<int:pk>/verlaten/", views_edit.club_leave, name="leave"),
    path("boekenclubs/<int:pk>/bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("boekenclubs/<int:pk>/rollen/", views.roles_rotate, name="roles_rotate"),
    path("boekenclubs/<int:pk>/bijeenkomsten.ics", views.club_ics, name="ics"),
    path("boekenclubs/<int:pk>/inzichten/", views.insight_create, name="insight_create"),
    path("boekenclubs/<int:pk>/experimenten/", views.experiment_create, name="experiment_create"),
    path("boekenclubs/<int:pk>/evaluatie/", views.evaluation, name="evaluation"),
    path("boekenclubs/bijeenkomsten/<int:pk>/", views.meeting_detail, name="meeting"),
    path("boekenclubs/bijeenkomsten/<int:pk>/rollen/", views.role_assign, name="role_assign"),
    path(
        "boekenclubs/bijeenkomsten/<int:pk>/bewerken/", views_edit.meeting_edit, name="meeting_edit"
    ),
    path(
        "boekenclubs/bijeenkomsten/<int:pk>/verwijderen/",
        views_edit.meeting_delete,
        name="meeting_delete",
    ),
    path("boekenclubs/inzichten/<int:pk>/bewerken/", views_edit.insight_edit, name="insight_edit"),
    path(
        "boekenclubs/inzichten/<int:pk>/verwijderen/",
        views_edit.insight_delete,
        name="insight_delete",
    ),
    path("boekenclubs/inzichten/<int:pk>/delen/", views.insight_share, name="insight_share"),
    path("boekenclubs/inzichten/<int:pk>/bestand/", views.insight_file, name="insight_file"),
    path("boekenclubs/experimenten/<int:pk>/", views.experiment_detail, name="experiment"),
    path(
        "boekenclubs/scholen/<int:pk>/gedeelde-inzichten/",
        views.school_insights,
        name="school_insights",
    ),
]
