"""What the agenda adds to the pages of lower apps: the trio page and the coherence pages.

Those apps' templates load these tags (``{% load agenda %}``); their Python never
imports the agenda app (docs/architecture.md).
"""

from __future__ import annotations

from django import template

from mengpaneel.agenda import cases
from mengpaneel.agenda.models import AgendaLink, Case
from mengpaneel.workshops.models import Trio

register = template.Library()


@register.simple_tag
def trio_case(trio: Trio) -> Case | None:
    return cases.case_of(trio)


@register.simple_tag
def rules_on_agenda(trio: Trio) -> list[AgendaLink]:
    """The coherence rules the trio put on its case's agenda, oldest first (one query)."""
    return list(AgendaLink.objects.filter(trio=trio).select_related("rule", "created_by"))


@register.simple_tag
def agenda_rule_ids(trio: Trio) -> set[int | None]:
    """The rules this trio already put on its agenda (one query)."""
    return set(AgendaLink.objects.filter(trio=trio).values_list("rule_id", flat=True))
