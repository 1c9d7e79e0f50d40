from django.urls import path

from videoklub.core import views

app_name = "core"

urlpatterns = [
    path("gezondheid/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
