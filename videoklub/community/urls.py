from django.urls import path

from videoklub.community import views, views_log

app_name = "community"

urlpatterns = [
    path("leergemeenschap/", views.home, name="home"),
    path("leergemeenschap/mijn-activiteiten.ics", views.my_ics, name="my_ics"),
    path("leergemeenschap/<int:pk>/", views.programme, name="programme"),
    path("leergemeenschap/<int:pk>/jaarplan/", views.year_plan, name="year_plan"),
    path("leergemeenschap/<int:pk>/nieuw/", views.event_create, name="event_create"),
    path("leergemeenschap/<int:pk>/coaches/", views.directory, name="directory"),
    path("leergemeenschap/<int:pk>/leerlogboek/", views_log.logbook, name="logbook"),
    path("leergemeenschap/activiteiten/<int:pk>/", views.event_detail, name="event"),
    path("leergemeenschap/activiteiten/<int:pk>/bewerken/", views.event_edit, name="event_edit"),
    path(
        "leergemeenschap/activiteiten/<int:pk>/annuleren/", views.event_cancel, name="event_cancel"
    ),
    path(
        "leergemeenschap/activiteiten/<int:pk>/inschrijving/",
        views.registration,
        name="registration",
    ),
    path(
        "leergemeenschap/activiteiten/<int:pk>/aanwezigheid/",
        views.attendance,
        name="attendance",
    ),
    path(
        "leergemeenschap/activiteiten/<int:pk>/materiaal/",
        views.material_add,
        name="material_add",
    ),
    path("leergemeenschap/activiteiten/<int:pk>/agenda.ics", views.event_ics, name="event_ics"),
    path("leergemeenschap/materiaal/<int:pk>/", views.material_file, name="material_file"),
    path(
        "leergemeenschap/materiaal/<int:pk>/verwijderen/",
        views.material_delete,
        name="material_delete",
    ),
    path("leergemeenschap/leerlogboek/<int:pk>/", views_log.log_edit, name="log_edit"),
    path(
        "leergemeenschap/leerlogboek/<int:pk>/verwijderen/",
        views_log.log_delete,
        name="log_delete",
    ),
]
