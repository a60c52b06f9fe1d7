from django.urls import path

from mengpaneel.panel import model_views, views

app_name = "panel"

urlpatterns = [
    path("trios/<int:pk>/mengpaneel/", views.trio_panel, name="trio_panel"),
    path("trios/<int:pk>/mengpaneel/onthullen/", views.reveal, name="reveal"),
    path("trios/<int:pk>/mengpaneel/geschiedenis/", views.history, name="history"),
    path("trios/<int:pk>/mengpaneel/<slug:key>/plaatsen/", views.place, name="place"),
    path("trios/<int:pk>/mengpaneel/<slug:key>/samen/", views.agree, name="agree"),
    path("trios/<int:pk>/mengpaneel/<slug:key>/afwijkend/", views.dissent, name="dissent"),
    path("trios/<int:pk>/mengpaneel.svg", views.trio_panel_svg, name="trio_panel_svg"),
    path("trios/<int:pk>/mengpaneel.png", views.trio_panel_png, name="trio_panel_png"),
    path("edities/<slug:slug>/vergelijken/", views.compare, name="compare"),
]

urlpatterns += [
    path("mengpanelen/", model_views.model_list, name="model_list"),
    path("edities/<slug:slug>/mengpaneel-model/", model_views.edition_model, name="edition_model"),
    path("mengpanelen/nieuw/", model_views.model_create, name="model_create"),
    path("mengpanelen/<slug:key>/", model_views.model_detail, name="model_detail"),
    path("mengpanelen/<slug:key>/bewerken/", model_views.model_edit, name="model_edit"),
]
