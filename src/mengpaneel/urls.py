from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mengpaneel.core.urls")),
    path("", include("mengpaneel.accounts.urls")),
    path("", include("mengpaneel.workshops.urls")),
    path("", include("mengpaneel.panel.urls")),
    path("", include("mengpaneel.insights.urls")),
    path("", include("mengpaneel.agenda.urls")),
    path("", include("mengpaneel.live.urls")),
    path("", include("mengpaneel.reports.urls")),
    path("", include("mengpaneel.orgchart.urls")),
    path("", include("mengpaneel.competences.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

# Error pages that render without the request's session or the database (core/errors.py).
handler400 = "mengpaneel.core.errors.bad_request"
handler500 = "mengpaneel.core.errors.server_error"
