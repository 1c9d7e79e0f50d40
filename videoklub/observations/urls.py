from django.urls import path

from videoklub.observations import views

app_name = "observations"

urlpatterns = [
    path("kijkwijzers/", views.framework_list, name="framework_list"),
    path("kijkwijzers/nieuw/", views.framework_create, name="framework_create"),
    path("kijkwijzers/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("kijkwijzers/<int:pk>/bewerken/", views.framework_edit, name="framework_edit"),
    path("kijkwijzers/<int:pk>/kopieren/", views.framework_copy, name="framework_copy"),
    path(
        "opnames/<uuid:recording_uuid>/fragmenten/<int:pk>/observaties/nieuw/",
        views.observation_create,
        name="observation_create",
    ),
    path("observaties/<int:pk>/", views.observation_detail, name="observation_detail"),
]
