from django.urls import path

from videoklub.notifications import views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.inbox, name="inbox"),
    path("meldingen/<int:pk>/", views.open_notification, name="open"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("meldingen/instellingen/", views.notification_settings, name="settings"),
    path("meldingen/uitschrijven/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
