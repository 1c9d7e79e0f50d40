from django.urls import path  # noqa: F401

from videoklub.meetings import views  # noqa: F401

app_name = "meetings"

urlpatterns: list = []
