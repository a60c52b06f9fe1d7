"""A trio's org chart: the outline, where area-based working sits, and how near it feels."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mengpaneel.orgchart.constants import FeltDistance
from mengpaneel.orgchart.layers import Distance, distance
from mengpaneel.orgchart.outline import Outline, parse_or_none


class OrgChartQuerySet(models.QuerySet["OrgChart"]):
    def of_trios(self, trio_ids) -> OrgChartQuerySet:
        return self.filter(trio_id__in=trio_ids)


class OrgChart(models.Model):
    """One chart per trio. The outline is checked when saved (``charts.save_chart``)."""

    trio = models.OneToOneField(
        "workshops.Trio",
        verbose_name=_("trio"),
        on_delete=models.CASCADE,
        related_name="org_chart",
    )
    outline = models.TextField(
        _("outline"),
        blank=True,
        help_text=_("One unit a line; indent a unit under the unit it belongs to."),
    )
    area_unit_key = models.CharField(
        _("unit where area-based working sits"), max_length=12, blank=True
    )
    executive_key = models.CharField(
        _("the executive"),
        max_length=12,
        blank=True,
        help_text=_("Empty: the top of the chart."),
    )
    not_named = models.BooleanField(
        _("not named in the official chart"),
        default=False,
        help_text=_("Area-based working is part of this unit but has no name of its own there."),
    )
    felt_alderman = models.CharField(
        _("how the area officer reaches the alderman"),
        max_length=20,
        choices=FeltDistance,
        blank=True,
    )
    felt_director = models.CharField(
        _("how the area officer reaches the director"),
        max_length=20,
        choices=FeltDistance,
        blank=True,
    )
    felt_note = models.TextField(_("note on the felt distance"), blank=True)
    official_file = models.FileField(_("official chart"), blank=True, max_length=200)
    official_kind = models.CharField(_("kind of file"), max_length=10, blank=True)
    official_name = models.CharField(
        _("name of the uploaded file"),
        max_length=255,
        blank=True,
        help_text=_("As it was uploaded; shown, never used to store or send the file."),
    )
    official_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Demo content, not this municipality's real organisation."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)

    objects = OrgChartQuerySet.as_manager()

    class Meta:
        verbose_name = _("org chart")
        verbose_name_plural = _("org charts")

    def __str__(self) -> str:
        return str(self.trio)

    @cached_property
    def parsed(self) -> Outline | None:
        return parse_or_none(self.outline)

    @cached_property
    def distance(self) -> Distance | None:
        if self.parsed is None:
            return None
        return distance(self.parsed, self.area_unit_key, self.executive_key)

    @property
    def has_outline(self) -> bool:
        return self.parsed is not None
