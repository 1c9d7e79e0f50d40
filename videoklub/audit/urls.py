from django.urls import path  # noqa: F401

from videoklub.audit import views  # noqa: F401

app_name = "audit"

urlpatterns: list = []
