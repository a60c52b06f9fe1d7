from django.urls import path

from mengpaneel.core import health, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("gezond/", health.health, name="health"),
]
