app_name = "panel"

urlpatterns: list = []
