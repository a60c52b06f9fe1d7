"""What the pages show of a chart: the drawing, the outline in words, the felt distance.

One place builds the view of a chart, so the trio's page, the panel page's preview,
the comparison and the edition's overview say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mengpaneel.orgchart import drawing
from mengpaneel.orgchart.constants import FeltDistance
from mengpaneel.orgchart.layers import Distance
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.uploads import kinds
from mengpaneel.workshops.models import Trio


@dataclass
class ChartView:
    trio: Trio
    chart: OrgChart | None

    @property
    def has_outline(self) -> bool:
        return self.chart is not None and self.chart.parsed is not None

    @property
    def distance(self) -> Distance | None:
        return self.chart.distance if self.chart is not None else None

    @cached_property
    def drawing(self) -> drawing.ChartDrawing | None:
        if not self.has_outline:
            return None
        assert self.chart is not None and self.chart.parsed is not None
        return drawing.ChartDrawing(
            title=_("Org chart of %(name)s") % {"name": self.trio.municipality.name},
            outline=self.chart.parsed,
            distance=self.chart.distance,
            way_of_working=self.trio.local_name,
            not_named=self.chart.not_named,
        )

    def svg(self, id_prefix: str = "chart") -> str:
        return drawing.render_svg(self.drawing, id_prefix=id_prefix) if self.drawing else ""

    def preview_svg(self, id_prefix: str = "chart-preview") -> str:
        if self.drawing is None:
            return ""
        return drawing.render_svg(self.drawing, id_prefix=id_prefix, preview=True)

    def standalone_svg(self) -> str:
        return drawing.render_svg(self.drawing, standalone=True) if self.drawing else ""

    @cached_property
    def outline_html(self) -> SafeString:
        return drawing.outline_html(self.drawing) if self.drawing else SafeString("")

    @cached_property
    def distance_sentence(self) -> str:
        if self.drawing is None or self.drawing.distance is None:
            return ""
        return drawing.distance_sentence(self.drawing.distance, self.drawing)

    @property
    def layers(self) -> int | None:
        distance = self.distance
        return distance.layers if distance is not None else None

    @property
    def area_unit_name(self) -> str:
        distance = self.distance
        return distance.area_unit.name if distance is not None else ""

    @property
    def executive_name(self) -> str:
        distance = self.distance
        return distance.executive.name if distance is not None else ""

    @property
    def not_named(self) -> bool:
        return self.chart is not None and self.chart.not_named

    @property
    def felt_alderman(self) -> str:
        return _felt(self.chart.felt_alderman if self.chart else "")

    @property
    def felt_director(self) -> str:
        return _felt(self.chart.felt_director if self.chart else "")

    @property
    def felt_note(self) -> str:
        return self.chart.felt_note if self.chart else ""

    @property
    def has_felt_distance(self) -> bool:
        return bool(self.felt_alderman or self.felt_director or self.felt_note)

    @property
    def official_kind(self) -> kinds.FileKind | None:
        if self.chart is None or not self.chart.official_file:
            return None
        return kinds.BY_KEY.get(self.chart.official_kind)

    @property
    def is_illustrative(self) -> bool:
        return self.chart is not None and self.chart.is_illustrative


def _felt(value: str) -> str:
    return str(FeltDistance(value).label) if value else ""


def chart_view(trio: Trio, chart: OrgChart | None = None) -> ChartView:
    if chart is None:
        chart = OrgChart.objects.filter(trio=trio).first()
    return ChartView(trio=trio, chart=chart)


def edition_rows(trios: list[Trio]) -> list[ChartView]:
    """The charts of these trios (one query), alphabetical by municipality: never ranked."""
    charts = {chart.trio_id: chart for chart in OrgChart.objects.of_trios([t.pk for t in trios])}
    ordered = sorted(trios, key=lambda trio: trio.municipality.name.casefold())
    return [ChartView(trio=trio, chart=charts.get(trio.pk)) for trio in ordered]
