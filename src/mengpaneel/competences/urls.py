from django.urls import path

from mengpaneel.competences import views

app_name = "competences"

urlpatterns = [
    path("edities/<slug:slug>/competenties/", views.edition_list, name="edition_list"),
    path("edities/<slug:slug>/competenties/nieuw/", views.create, name="create"),
    path("edities/<slug:slug>/competenties/<int:pk>/wijzigen/", views.edit, name="edit"),
    path("edities/<slug:slug>/competenties/<int:pk>/verwijderen/", views.delete, name="delete"),
    path("trios/<int:pk>/competenties/", views.trio_competences, name="trio"),
    path("trios/<int:pk>/competenties/inschatten/", views.rate, name="rate"),
    path("trios/<int:pk>/competenties/dekking/", views.show_coverage, name="show_coverage"),
    path(
        "trios/<int:pk>/competenties/<int:competence_pk>/betrekken/",
        views.involve,
        name="involve",
    ),
    path(
        "trios/<int:pk>/competenties/betrekken/<int:involvement_pk>/verwijderen/",
        views.involvement_remove,
        name="involvement_remove",
    ),
]
