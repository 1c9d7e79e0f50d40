from django.urls import path  # noqa: F401

from videoklub.cycles import views  # noqa: F401

app_name = "cycles"

urlpatterns: list = []
