from django.urls import path

from videoklub.privacy import views

app_name = "privacy"

urlpatterns = [
    path("profiel/mijn-gegevens/", views.my_data, name="my_data"),
    path(
        "profiel/mijn-gegevens/export/",
        views.data_export_create,
        name="data_export_create",
    ),
    path(
        "profiel/mijn-gegevens/export/<uuid:token>/",
        views.data_export_download,
        name="data_export_download",
    ),
    path("profiel/verwijderen/", views.account_delete, name="account_delete"),
]
