from django.urls import path

from videoklub.audit import views

app_name = "audit"

urlpatterns = [
    path("logboek/", views.my_log, name="my_log"),
]
