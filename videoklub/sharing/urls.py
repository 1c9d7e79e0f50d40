from django.urls import path  # noqa: F401

from videoklub.sharing import views  # noqa: F401

app_name = "sharing"

urlpatterns: list = []
