"""The project's URLs plus the floor: the least a request through Django's full stack costs.

Only the benchmarks mount this (through ``floor_settings``); production never does.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from mengpaneel.urls import urlpatterns as project_urls


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *project_urls]
