from django.urls import path

from mengpaneel.workshops import views

app_name = "workshops"

urlpatterns = [
    path("edities/", views.edition_list, name="edition_list"),
    path("edities/nieuw/", views.edition_create, name="edition_create"),
    path("edities/<slug:slug>/", views.edition_detail, name="edition_detail"),
    path("edities/<slug:slug>/bewerken/", views.edition_edit, name="edition_edit"),
    path(
        "edities/<slug:slug>/vergelijking-openen/",
        views.edition_comparison,
        name="edition_comparison",
    ),
    path("edities/<slug:slug>/bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path(
        "edities/<slug:slug>/bijeenkomsten/<int:pk>/", views.meeting_detail, name="meeting_detail"
    ),
    path(
        "edities/<slug:slug>/bijeenkomsten/<int:pk>/bewerken/",
        views.meeting_edit,
        name="meeting_edit",
    ),
    path("edities/<slug:slug>/trios/nieuw/", views.trio_create, name="trio_create"),
    path("trios/<int:pk>/", views.trio_detail, name="trio_detail"),
    path("trios/<int:pk>/bewerken/", views.trio_edit, name="trio_edit"),
    path("trios/<int:pk>/uitnodigen/", views.trio_invite, name="trio_invite"),
    path(
        "trios/<int:pk>/leden/<int:member_pk>/verwijderen/",
        views.trio_member_remove,
        name="trio_member_remove",
    ),
    path(
        "trios/<int:pk>/uitnodigingen/<int:invitation_pk>/bevestigen/",
        views.invitation_confirm,
        name="invitation_confirm",
    ),
    path(
        "trios/<int:pk>/uitnodigingen/<int:invitation_pk>/weigeren/",
        views.invitation_refuse,
        name="invitation_refuse",
    ),
    path("uitnodiging/accepteren/", views.invitation_accept, name="invitation_accept"),
    path("uitnodiging/bevestiging-vragen/", views.invitation_claim, name="invitation_claim"),
    path("uitnodiging/<str:token>/", views.invitation_open, name="invitation_open"),
]
