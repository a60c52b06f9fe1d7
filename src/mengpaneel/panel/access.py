"""Who may see or change a panel, built on the workshops' access helpers.

Like those, every helper answers 404 both for "missing" and for "not yours".
- The trio's panel page and downloads: its members and the edition's organisers.
- Placing alone and dissent: members only (an organiser has no position of their own).
- Reveal and agree: members, and organisers as facilitators (e.g. typing a paper panel back).
- Comparison: everyone in the edition; organisers see every trio, members their
  own and, once the organiser opens the comparison, the trios that share their panel.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from mengpaneel.panel.models import Assessment, Category
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Edition, Trio


def get_trio_for_panel(request: HttpRequest, pk: int) -> Trio:
    return access.get_trio_for_user(request, pk)


def get_trio_for_member(request: HttpRequest, pk: int) -> Trio:
    trio = access.get_trio_for_user(request, pk)
    if not trio.has_member(request.user):
        raise Http404
    return trio


def get_category(assessment: Assessment, key: str) -> Category:
    return get_object_or_404(Category, panel_model_id=assessment.panel_model_id, key=key)


def get_edition_for_comparison(request: HttpRequest, slug: str) -> Edition:
    return access.get_edition_for_user(request, slug)


def comparable_trios(edition: Edition, user) -> QuerySet[Trio]:
    """Whose panels ``user`` may see side by side in the edition.

    Organisers see every trio. A member sees their own trio, and the trios that
    share their panel once the organiser has opened the comparison (the second
    reveal, across municipalities).
    """
    trios = edition.trios.select_related("municipality")
    if edition.is_organised_by(user):
        return trios
    seen = Q(members__user=user)
    if edition.comparison_open:
        seen |= Q(shares_panel=True)
    return trios.filter(seen).distinct()
