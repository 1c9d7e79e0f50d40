from django.urls import path  # noqa: F401

from videoklub.observations import views  # noqa: F401

app_name = "observations"

urlpatterns: list = []
