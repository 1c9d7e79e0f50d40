from django.urls import path

from videoklub.practice import views

app_name = "practice"

PREFIX = "kennisbank/praktijkvoorbeelden/"
urlpatterns = [
    path(PREFIX, views.example_list, name="list"),
    path(f"{PREFIX}<int:pk>/", views.example_detail, name="detail"),
    path(f"{PREFIX}<int:pk>/video", views.example_video, name="video"),
    path(f"{PREFIX}<int:pk>/intrekken/", views.example_withdraw, name="withdraw"),
    path(f"{PREFIX}<int:pk>/beoordelen/", views.example_review, name="review"),
    path(f"{PREFIX}beoordelen/", views.review_queue, name="review_queue"),
    path(f"{PREFIX}aanbieden/<int:fragment_pk>/", views.example_offer, name="offer"),
]
