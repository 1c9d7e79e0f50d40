from django.urls import path

from videoklub.surveys import views

app_name = "surveys"

STAFF = "projecten/<int:pk>/vragenlijsten/"
INSTRUMENT = f"{STAFF}instrumenten/<int:instrument_pk>/"
ADMINISTRATION = f"{STAFF}afnames/<int:adm_pk>/"
urlpatterns = [
    path("vragenlijsten/", views.my_surveys, name="my_surveys"),
    path("vragenlijsten/bedankt/", views.thanks, name="thanks"),
    path("vragenlijsten/<str:token>/", views.respond, name="respond"),
    path(STAFF, views.overview, name="overview"),
    path(f"{STAFF}instrumenten/nieuw/", views.instrument_create, name="instrument_create"),
    path(f"{STAFF}instrumenten/opladen/", views.instrument_upload, name="instrument_upload"),
    path(INSTRUMENT, views.instrument_detail, name="instrument_detail"),
    path(f"{INSTRUMENT}bewerken/", views.instrument_edit, name="instrument_edit"),
    path(f"{INSTRUMENT}publiceren/", views.instrument_publish, name="instrument_publish"),
    path(f"{STAFF}afnames/nieuw/", views.administration_create, name="administration_create"),
    path(ADMINISTRATION, views.administration_detail, name="administration_detail"),
    path(f"{ADMINISTRATION}uitnodigen/", views.administration_invite, name="administration_invite"),
    path(f"{ADMINISTRATION}herinneren/", views.administration_remind, name="administration_remind"),
    path(
        f"{ADMINISTRATION}vergelijking/",
        views.administration_compare,
        name="administration_compare",
    ),
]
