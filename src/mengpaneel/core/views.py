from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mengpaneel.workshops.models import Edition, Trio


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    editions = Edition.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "trios",
            Trio.objects.with_member(request.user).select_related("municipality"),
            to_attr="my_trios",
        )
    )
    return render(request, "core/home.html", {"editions": editions})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")
