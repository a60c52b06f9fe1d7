"""What competences add to the pages of lower apps: the panel page's faders, the trio page.

Those apps' templates load these tags (``{% load competences %}``) and include this app's
partials; their Python never imports this app (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from mengpaneel.competences import lists, rating
from mengpaneel.competences.coverage import CompetenceCover
from mengpaneel.competences.models import Competence
from mengpaneel.workshops.models import Trio

register = template.Library()


@dataclass(frozen=True)
class ForFader:
    competence: Competence
    is_gap: bool  # only known once the trio sees its coverage


def _per_request(context: Any, trio: Trio) -> tuple[list[Competence], dict[int, CompetenceCover]]:
    """The edition's list and, once visible, the trio's coverage: read once per request."""
    request = context.get("request")
    if request is None:
        cache = context.render_context.setdefault("_trio_competences", {})
    else:
        if not hasattr(request, "_trio_competences"):
            request._trio_competences = {}
        cache = request._trio_competences
    if trio.pk not in cache:
        competences = lists.list_of(trio.edition)
        visible = rating.trio_state(trio).visible
        covers = {c.competence.pk: c for c in rating.trio_coverage(trio)} if visible else {}
        cache[trio.pk] = (competences, covers)
    return cache[trio.pk]


@register.simple_tag(takes_context=True)
def competences_for_fader(context: Any, fader: Any, trio: Trio) -> list[ForFader]:
    """The competences of the trio's edition that matter for this fader (two or three
    queries for the whole page, however many faders)."""
    key = getattr(fader, "key", None)
    competences, covers = _per_request(context, trio)
    return [
        ForFader(c, is_gap=c.pk in covers and covers[c.pk].is_gap)
        for c in competences
        if key in (c.fader_keys or [])
    ]


@register.simple_tag
def trio_competence_summary(trio: Trio) -> dict[str, Any]:
    state = rating.trio_state(trio)
    gaps = (
        [cover.competence for cover in rating.trio_coverage(trio) if cover.is_gap]
        if state.visible
        else []
    )
    return {"state": state, "gaps": gaps}


@register.filter
def fader_name(names: dict[str, str], key: str) -> str:
    """The fader's name in the edition's panel model; its key if the model lost it."""
    return names.get(key, key)
