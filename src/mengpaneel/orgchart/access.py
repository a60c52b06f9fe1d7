"""Who may see or change a trio's org chart, built on the workshops' and panel's helpers.

Like those, every helper answers 404 both for "missing" and for "not yours".
- Changing the chart and the official file: the trio's members and the edition's
  organisers (as for the trio's other data).
- Looking at it (page, drawing, official file): also everyone who may see the
  trio's panel side by side with their own, because the chart sits beside the
  internal positioning fader there: the chart follows the panel's sharing choice.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from mengpaneel.panel import access as panel_access
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Edition, Trio


def get_trio_for_editing(request: HttpRequest, pk: int) -> Trio:
    return access.get_trio_for_user(request, pk)


def get_trio_for_viewing(request: HttpRequest, pk: int) -> Trio:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    trio = get_object_or_404(Trio.objects.select_related("edition", "municipality"), pk=pk)
    if not Edition.objects.visible_to(user).filter(pk=trio.edition_id).exists():
        raise Http404
    if not panel_access.comparable_trios(trio.edition, user).filter(pk=trio.pk).exists():
        raise Http404
    return trio


def get_edition_for_comparison(request: HttpRequest, slug: str) -> Edition:
    return panel_access.get_edition_for_comparison(request, slug)


def comparable_trios(edition: Edition, user) -> QuerySet[Trio]:
    """The trios whose chart ``user`` may see in the edition: those whose panel they may."""
    return panel_access.comparable_trios(edition, user)


def may_edit(trio: Trio, user) -> bool:
    return trio.has_member(user) or trio.edition.is_organised_by(user)
