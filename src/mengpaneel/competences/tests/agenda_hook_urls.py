"""The project's URLs plus a stand-in for the agenda's future `agenda:action_propose`,
to show that the competences page offers "Put on our agenda" once the agenda provides it."""

from django.http import HttpResponse
from django.urls import include, path

from mengpaneel import urls as project_urls
from mengpaneel.agenda import urls as agenda_urls


def _propose(request, pk):  # pragma: no cover - only its address is used
    return HttpResponse()


agenda_with_hook = [
    *agenda_urls.urlpatterns,
    path("agenda-hook/<int:pk>/", _propose, name="action_propose"),
]

urlpatterns = [
    path("", include((agenda_with_hook, "agenda"))),
    *[p for p in project_urls.urlpatterns if getattr(p, "namespace", None) != "agenda"],
]
