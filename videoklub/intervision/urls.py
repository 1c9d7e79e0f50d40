from django.urls import path

from videoklub.intervision import views

app_name = "intervision"

urlpatterns = [
    path("intervisie/", views.index, name="index"),
    path("intervisie/methoden/", views.methods, name="methods"),
    path("intervisie/methoden/<slug:slug>/", views.method_detail, name="method"),
    path("intervisie/mijn-adviezen/", views.my_advice, name="my_advice"),
    path("intervisie/projecten/<int:pk>/rondes/nieuw/", views.round_create, name="round_create"),
    path("intervisie/rondes/<int:pk>/", views.round_detail, name="round"),
    path("intervisie/rondes/<int:pk>/groepen/", views.group_create, name="group_create"),
    path("intervisie/groepen/<int:pk>/", views.group_detail, name="group"),
    path("intervisie/groepen/<int:pk>/casus/", views.case_create, name="case_create"),
    path("intervisie/casussen/<int:pk>/", views.case_detail, name="case"),
    path("intervisie/casussen/<int:pk>/sessie/", views.session, name="session"),
    path("intervisie/casussen/<int:pk>/sessie/starten/", views.session_start, name="session_start"),
    path("intervisie/casussen/<int:pk>/sessie/notitie/", views.session_note, name="session_note"),
    path(
        "intervisie/casussen/<int:pk>/sessie/advies/<int:member_pk>/",
        views.advice_add,
        name="advice_add",
    ),
    path(
        "intervisie/casussen/<int:pk>/sessie/afronden/", views.session_finish, name="session_finish"
    ),
    path("intervisie/adviezen/<int:pk>/", views.advice_mark, name="advice_mark"),
]
