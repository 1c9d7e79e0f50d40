from django.urls import path

from videoklub.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("kennisbank/", views.index, name="index"),
    path("kennisbank/dossiers/<slug:slug>/", views.dossier, name="dossier"),
]
