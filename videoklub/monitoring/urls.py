from django.urls import path

from videoklub.monitoring import views

app_name = "monitoring"

PREFIX = "projecten/<int:pk>/monitoring/"
urlpatterns = [
    path(PREFIX, views.dashboard, name="dashboard"),
    path(f"{PREFIX}infografiek/", views.infographic, name="infographic"),
    path(f"{PREFIX}rapport.pdf", views.report, name="report"),
    path(f"{PREFIX}cijfers.csv", views.figures_csv, name="csv"),
    path(f"{PREFIX}cijfers.xlsx", views.figures_xlsx, name="xlsx"),
    path(f"{PREFIX}scholen/<int:school_pk>/", views.school_report, name="school"),
    path(
        f"{PREFIX}scholen/<int:school_pk>/rapport.pdf", views.school_report_pdf, name="school_pdf"
    ),
    path(f"{PREFIX}doelen/", views.targets, name="targets"),
    path(f"{PREFIX}doelen/<int:target_pk>/", views.target_edit, name="target_edit"),
    path(f"{PREFIX}doelen/<int:target_pk>/verwijderen/", views.target_delete, name="target_delete"),
    path(f"{PREFIX}mijlpalen/", views.milestone_add, name="milestone_add"),
    path(f"{PREFIX}mijlpalen/<int:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path(
        f"{PREFIX}mijlpalen/<int:milestone_pk>/verwijderen/",
        views.milestone_delete,
        name="milestone_delete",
    ),
]
