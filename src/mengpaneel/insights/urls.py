from django.urls import path

from mengpaneel.insights import views

app_name = "insights"

urlpatterns = [
    path("trios/<int:pk>/samenhang/", views.trio_coherence, name="trio_coherence"),
    path("trios/<int:pk>/leren-van-anderen/", views.trio_peers, name="trio_peers"),
    path("trios/<int:pk>/leren-van-anderen/delen/", views.sharing_consent, name="sharing_consent"),
    path("trios/<int:pk>/momenten/", views.trio_moments, name="trio_moments"),
    path("trios/<int:pk>/momenten/nieuw/", views.moment_start, name="moment_start"),
    path(
        "edities/<slug:slug>/samenhang-en-beweging/",
        views.edition_insights,
        name="edition_insights",
    ),
]
