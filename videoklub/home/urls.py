from django.urls import path

from videoklub.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("klubs/<int:pk>/", views.klub_detail, name="klub_detail"),
    path("klubs/<int:pk>/uitnodigen/", views.klub_invite, name="klub_invite"),
    path("scholen/<int:pk>/", views.school_detail, name="school_detail"),
    path("projecten/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("projecten/<int:pk>/uitnodigen/", views.programme_invite, name="programme_invite"),
    path("projecten/<int:pk>/archief/", views.programme_archive, name="programme_archive"),
]
