from django.urls import path

from mengpaneel.reports import views

app_name = "reports"

urlpatterns = [
    path(
        "edities/<slug:slug>/mengpanelen.csv",
        views.export_panels,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "edities/<slug:slug>/mengpanelen.json",
        views.export_panels,
        {"fmt": "json"},
        name="export_json",
    ),
]
