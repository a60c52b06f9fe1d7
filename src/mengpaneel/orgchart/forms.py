"""The org chart's forms. The unit choices come from the outline being typed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mengpaneel.orgchart import layers
from mengpaneel.orgchart.constants import FeltDistance
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.orgchart.outline import Outline, OutlineError, parse, parse_or_none

# 200 units of at most 150 characters, indented: room enough, and a bound on the work.
MAX_OUTLINE_CHARS = 40_000
EM_SPACE = "\u2003"
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


def unit_choices(parsed: Outline | None, empty_label: str) -> list[tuple[str, str]]:
    """One option per unit, indented by depth; twins named by their line."""
    if parsed is None:
        return [("", empty_label)]
    counts: dict[str, int] = {}
    for unit in parsed.units:
        counts[unit.name.casefold()] = counts.get(unit.name.casefold(), 0) + 1
    choices = [("", empty_label)]
    for unit in parsed.units:
        label = EM_SPACE * unit.depth + unit.name
        if counts[unit.name.casefold()] > 1:
            label += " " + _("(line %(line)d)") % {"line": unit.line}
        choices.append((unit.key, label))
    return choices


class OrgChartForm(forms.Form):
    outline = forms.CharField(
        label=gettext_lazy("Your organisation, one unit a line"),
        help_text=gettext_lazy(
            "Start with the executive (e.g. College van B&W). Indent each unit under the "
            "unit it belongs to, with tabs or spaces. At most 200 units."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "dir": "auto"}),
    )
    area_unit = forms.ChoiceField(
        label=gettext_lazy("Where does area-based working sit?"),
        help_text=gettext_lazy(
            "The unit it belongs to, even if it has another name there. Typed or changed the "
            "outline? Save first: the list then shows your new units."
        ),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "This unit is no longer in your outline (renamed or moved?). Choose it again."
            )
        },
    )
    not_named = forms.BooleanField(
        label=gettext_lazy("Area-based working is not named in the official chart"),
        required=False,
    )
    executive = forms.ChoiceField(
        label=gettext_lazy("Which unit is the executive?"),
        help_text=gettext_lazy("Leave it at the top of the chart unless something sits above it."),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "This unit is no longer in your outline (renamed or moved?). Choose it again."
            )
        },
    )
    felt_alderman = forms.ChoiceField(
        label=gettext_lazy("How does the area officer reach the alderman?"),
        choices=[("", gettext_lazy("not filled in"))] + FeltDistance.choices,
        required=False,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    felt_director = forms.ChoiceField(
        label=gettext_lazy("And the director?"),
        choices=[("", gettext_lazy("not filled in"))] + FeltDistance.choices,
        required=False,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    felt_note = forms.CharField(
        label=gettext_lazy("What is it like in practice?"),
        help_text=gettext_lazy(
            "For example: “we just walk in at the alderman's”, or what stands in the way."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, chart: OrgChart | None = None, **kwargs):
        if chart is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "outline": chart.outline,
                "area_unit": chart.area_unit_key,
                "executive": chart.executive_key,
                "not_named": chart.not_named,
                "felt_alderman": chart.felt_alderman,
                "felt_director": chart.felt_director,
                "felt_note": chart.felt_note,
            }
        super().__init__(*args, **kwargs)
        self.parsed = self._outline_for_choices(chart)
        area_unit = cast(forms.ChoiceField, self.fields["area_unit"])
        area_unit.choices = unit_choices(self.parsed, _("not marked yet"))
        executive = cast(forms.ChoiceField, self.fields["executive"])
        executive.choices = unit_choices(self.parsed, _("the top of the chart"))

    def _outline_for_choices(self, chart: OrgChart | None) -> Outline | None:
        """The outline typed into this form if it reads, else the saved one."""
        if self.is_bound:
            typed = self.data.get(self.add_prefix("outline"), "")
            if isinstance(typed, str) and len(typed) <= MAX_OUTLINE_CHARS:
                parsed = parse_or_none(typed)
                if parsed is not None or not typed.strip():
                    return parsed
        return chart.parsed if chart is not None else None

    def clean_outline(self) -> str:
        text = self.cleaned_data["outline"]
        if len(text) > MAX_OUTLINE_CHARS:
            raise ValidationError(
                _(
                    "Your outline is %(length)s characters long; at most %(max)s fit. "
                    "Leave out the smallest units, or shorten long names."
                )
                % {"length": f"{len(text):,}", "max": f"{MAX_OUTLINE_CHARS:,}"},
                code="too_long",
            )
        if text.strip():
            try:
                parse(text)
            except OutlineError as error:
                raise ValidationError([str(line_error) for line_error in error.errors]) from None
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        parsed = parse_or_none(data.get("outline", ""))
        area = parsed.find(data.get("area_unit", "")) if parsed else None
        executive_key = data.get("executive", "")
        if executive_key:
            executive = parsed.find(executive_key) if parsed else None
            if area is None:
                self.add_error(
                    "executive", _("Mark where area-based working sits first, then the executive.")
                )
            elif executive is None or not layers.is_above(executive, area):
                self.add_error(
                    "executive",
                    _(
                        "The executive must be above the unit where area-based working sits. "
                        "Choose a unit higher up, or leave it at the top of the chart."
                    ),
                )
        if data.get("not_named") and area is None:
            self.add_error(
                "not_named", _("Choose the unit that area-based working belongs to first.")
            )
        return data


class OfficialChartForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The official org chart (PDF or image)"),
        # Only a hint for the browser's file picker: the content decides (uploads.kinds).
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp"}),
        error_messages={
            "required": gettext_lazy("Choose a file first, then upload it."),
            "empty": gettext_lazy("The file is empty. Choose the file again, or another one."),
        },
    )

    def __init__(self, *args, refused: set[str] | None = None, max_mb: str = "10", **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused or set()
        self.max_mb = max_mb
        self.fields["file"].help_text = _("PDF, PNG, JPEG or WebP, at most %(mb)s MB.") % {
            "mb": max_mb
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A file the upload handler refused never arrives: say why, not "choose a file".
        if self.add_prefix("file") in self.refused:
            self.errors.pop("file", None)
            self.add_error(
                "file",
                _(
                    "The file is larger than %(mb)s MB, so it was not kept. Make it "
                    "smaller (e.g. save it as a PDF or a smaller image) and upload it again."
                )
                % {"mb": self.max_mb},
            )
        return data
