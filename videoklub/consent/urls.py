from django.urls import path

from videoklub.consent import views

app_name = "consent"

urlpatterns = [
    path("scholen/<int:school_pk>/toestemming/", views.school_register, name="school"),
    path("klasgroepen/<int:pk>/", views.class_group_detail, name="class_group"),
    path("klasgroepen/<int:pk>/toestemming/", views.consent_give, name="give"),
    path("klasgroepen/<int:pk>/leerlingen/", views.pupils_add, name="pupils_add"),
    path("klasgroepen/<int:pk>/overzicht/", views.class_group_summary, name="summary"),
    path("klasgroepen/<int:pk>/archiveren/", views.class_group_archive, name="archive"),
    path("leerlingen/<int:pk>/vertrokken/", views.pupil_archive, name="pupil_archive"),
    path("toestemmingen/<int:pk>/intrekken/", views.consent_withdraw, name="withdraw"),
    path("voor-het-filmen/", views.before_filming, name="before_filming"),
]
