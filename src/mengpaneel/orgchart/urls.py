from django.urls import path

from mengpaneel.orgchart import views

app_name = "orgchart"

urlpatterns = [
    path("trios/<int:pk>/organogram/", views.trio_chart, name="trio_chart"),
    path("trios/<int:pk>/organogram/wijzigen/", views.chart_edit, name="edit"),
    path("trios/<int:pk>/organogram.svg", views.chart_svg, name="svg"),
    path("trios/<int:pk>/organogram/officieel/", views.official_download, name="official"),
    path(
        "trios/<int:pk>/organogram/officieel/uploaden/",
        views.official_upload,
        name="official_upload",
    ),
    path(
        "trios/<int:pk>/organogram/officieel/verwijderen/",
        views.official_remove,
        name="official_remove",
    ),
    path("edities/<slug:slug>/organogrammen/", views.edition_charts, name="edition_charts"),
]
