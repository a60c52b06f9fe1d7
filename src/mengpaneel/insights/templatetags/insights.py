"""Template tags that let any page show a panel's coherence without extra view code.

``firing_rules`` reads each model version's rules once per request, so a page
with many panels (the comparison) makes two queries for all of them.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext

from mengpaneel.insights.coherence import RuleBook
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel.models import signed as _signed
from mengpaneel.panel.positions import agreed_positions_of

register = template.Library()


def _books(context) -> dict[int, RuleBook]:
    request = context.get("request")
    if request is None:
        return context.render_context.setdefault("_insights_rule_books", {})
    if not hasattr(request, "_insights_rule_books"):
        request._insights_rule_books = {}
    return request._insights_rule_books


@register.simple_tag(takes_context=True)
def firing_rules(context, assessment) -> list[CoherenceRule]:
    """The active coherence rules that fire for this assessment's agreed panel."""
    if assessment is None:
        return []
    books = _books(context)
    book = books.get(assessment.panel_model_id)
    if book is None:
        book = books[assessment.panel_model_id] = RuleBook.for_models([assessment.panel_model_id])
    return book.firing(assessment)


@register.simple_tag(takes_context=True)
def may_act_for(context, trio) -> bool:
    """Whether the person looking may act for the trio (a member or its organiser)."""
    user = context["request"].user
    return trio.has_member(user) or trio.edition.is_organised_by(user)


@register.filter
def signed(position: int | None) -> str:
    """+2, 0, −1; unplaced stays empty (the template says "not placed yet")."""
    return _signed(position)


@register.filter
def position_html(position: int | None) -> str:
    """A position in a table cell; unplaced in words and boxed, never looking like 0.

    A filter rather than an included template: the comparison has hundreds of cells.
    """
    if position is None:
        return format_html('<span class="mp-unplaced">{}</span>', gettext("not placed yet"))
    return _signed(position)


@register.filter
def value_text(category, position: int | None) -> str:
    return category.value_text(position)


@register.filter
def steps_moved(move) -> str:
    """The move in words for a table cell ('2 up', '1 down', 'same'); '' when unplaced."""
    steps = move.steps
    if steps is None:
        return ""
    if steps == 0:
        return pgettext("movement", "same")
    if steps > 0:
        return ngettext("%(n)d step up", "%(n)d steps up", steps) % {"n": steps}
    return ngettext("%(n)d step down", "%(n)d steps down", -steps) % {"n": -steps}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def rule_conditions(rule: CoherenceRule, assessment) -> list[dict]:
    """A rule's conditions in words, each with the panel's own position on that fader.

    Reads the assessment's prefetched agreed positions: no query per condition.
    """
    agreed = {a.category.key: a for a in agreed_positions_of(assessment)}
    found = []
    for condition in rule.conditions.all():
        own = agreed.get(condition.category_key)
        found.append(
            {
                "name": own.category.name if own else condition.category_key,
                "at_least": condition.operator == ">=",
                "threshold": _signed(condition.threshold),
                "position": own.position if own else None,
            }
        )
    return found


@register.simple_tag
def trio_summary(trio) -> dict:
    """What the trio page lists of its moments (one query)."""
    from mengpaneel.panel.models import Assessment

    return {
        "moments": list(
            Assessment.objects.for_trio(trio)
            .select_related("meeting", "panel_model")
            .order_by("created_at", "pk")
        ),
    }
