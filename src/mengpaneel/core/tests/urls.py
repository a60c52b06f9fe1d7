"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import etag

from mengpaneel.caching import revalidate_privately
from mengpaneel.urls import handler400, handler500, urlpatterns  # noqa: F401 (the handlers)


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def disk_full(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database or disk is full")


@revalidate_privately
@etag(lambda request: '"v1"')
def revalidated(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the same for a while")


urlpatterns = [
    *urlpatterns,
    path("test/kapot/", broken),
    path("test/verboden/", forbidden),
    path("test/schijf-vol/", disk_full),
    path("test/hervalideren/", revalidated),
]
