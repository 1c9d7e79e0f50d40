app_name = "festival"

urlpatterns: list = []
