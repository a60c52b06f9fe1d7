"""What the org chart adds to the pages of lower apps: the panel page and the comparison.

Those apps' templates load these tags (``{% load orgchart %}``) and include this
app's partials; their Python never imports the org-chart app (docs/architecture.md).
"""

from __future__ import annotations

from django import template

from mengpaneel.orgchart import presenting
from mengpaneel.orgchart.constants import POSITIONING_KEY
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.workshops.models import Trio

register = template.Library()


@register.simple_tag
def org_chart_beside(fader, trio: Trio) -> presenting.ChartView | None:
    """The trio's chart beside the internal positioning fader; None beside any other."""
    if getattr(fader, "key", None) != POSITIONING_KEY:
        return None
    return presenting.chart_view(trio)


def _charts_by_edition(context) -> dict[int, dict[int, OrgChart]]:
    request = context.get("request")
    if request is None:
        return context.render_context.setdefault("_org_charts", {})
    if not hasattr(request, "_org_charts"):
        request._org_charts = {}
    return request._org_charts


@register.simple_tag(takes_context=True)
def org_chart_in_comparison(context, trio: Trio) -> presenting.ChartView:
    """The chart of one trio of the comparison; all charts of its edition in one query."""
    cache = _charts_by_edition(context)
    if trio.edition_id not in cache:
        charts = OrgChart.objects.filter(trio__edition_id=trio.edition_id)
        cache[trio.edition_id] = {chart.trio_id: chart for chart in charts}
    return presenting.ChartView(trio=trio, chart=cache[trio.edition_id].get(trio.pk))


@register.simple_tag
def trio_org_chart(trio: Trio) -> presenting.ChartView:
    return presenting.chart_view(trio)
