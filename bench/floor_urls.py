"""The project's URLs plus the floor and two steps up from it.

- the **floor**: the least a request through Django's full stack costs;
- **logged in**: the floor plus finding out who is asking (the session and the user row);
- **trio access**: that plus the lookup every trio page starts with (is this your trio?).

The two steps show how much of a page's budget goes before it renders anything. Only the
benchmarks mount these (through ``floor_settings``); production never does.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from mengpaneel.panel import access
from mengpaneel.urls import urlpatterns as project_urls


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def logged_in(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    return HttpResponse("ok", content_type="text/plain")


def trio_access(request: HttpRequest, pk: int) -> HttpResponse:
    access.get_trio_for_panel(request, pk)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor),
    path("bench/logged-in/", logged_in),
    path("bench/trio/<int:pk>/", trio_access),
    *project_urls,
]
