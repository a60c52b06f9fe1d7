"""One small form per fader: place alone, agree together, dissent.

Every form carries the fader's key as its prefix, so the ids stay the same
after an htmx swap and the browser keeps focus where the person was.
"""

from __future__ import annotations

import json
from typing import Any, Self, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from mengpaneel.panel.constants import NOTE_MAX_LENGTH, RATIONALE_MAX_LENGTH
from mengpaneel.panel.models import Category, PanelModel


class RangeInput(forms.NumberInput):
    input_type = "range"


class FaderForm(forms.Form):
    """A position on the fader's scale, or "not placed yet" as its own control."""

    position = forms.IntegerField(label=_("Position"), required=False, widget=RangeInput)
    unplaced = forms.BooleanField(
        label=_("Not placed yet"),
        required=False,
        help_text=_("Untick this when you place the fader."),
    )

    def __init__(self, *args, category: Category, panel_model: PanelModel, **kwargs) -> None:
        kwargs.setdefault("prefix", category.key)
        super().__init__(*args, **kwargs)
        self.category = category
        self.panel_model = panel_model
        low, high = panel_model.scale_min, panel_model.scale_max
        position = cast(forms.IntegerField, self.fields["position"])
        position.min_value, position.max_value = low, high
        position.validators += [MinValueValidator(low), MaxValueValidator(high)]
        current = self._current_position()
        position.widget.attrs.update(
            {
                "min": low,
                "max": high,
                "step": 1,
                "class": "mp-fader__range",
                "aria-valuetext": category.value_text(current),
                "aria-describedby": f"{self.prefix}-poles {self.prefix}-value",
                # Every step in words, so the script can say the value without translating.
                "data-valuetexts": json.dumps(
                    {str(step): category.value_text(step) for step in panel_model.steps},
                    ensure_ascii=False,
                ),
                "data-unplaced-text": category.value_text(None),
                "data-unplaced-box": f"id_{self.prefix}-unplaced",
                "data-output": f"{self.prefix}-value",
            }
        )
        self.fields["unplaced"].widget.attrs.update(
            {"class": "mp-fader__unplaced", "data-range": f"id_{self.prefix}-position"}
        )

    def _current_position(self) -> int | None:
        """The position the form shows now: typed, else initial; None when unplaced."""
        if self.is_bound:
            if self.data.get(self.add_prefix("unplaced")):
                return None
            try:
                return int(self.data.get(self.add_prefix("position"), ""))
            except ValueError:
                return None
        if self.initial.get("unplaced", True):
            return None
        return self.initial.get("position")

    def on_version(self, version: int) -> Self:
        """What this person sent, now to be saved on top of ``version`` (same form class).

        After a conflict the next save is a choice made after seeing both sides; after a
        save it builds on the version just written.
        """
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[self.add_prefix("version")] = str(version)
        again = type(self)(data, category=self.category, panel_model=self.panel_model)
        again.is_valid()
        return again

    @property
    def shown_position(self) -> int | None:
        return self._current_position()

    @property
    def value_text(self) -> str:
        return self.category.value_text(self._current_position())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("unplaced"):
            cleaned["position"] = None
        elif cleaned.get("position") is None and "position" not in self.errors:
            self.add_error(
                "position", _("Choose a position on the fader, or tick 'Not placed yet'.")
            )
        return cleaned


def fader_initial(position: int | None, **more) -> dict:
    """Initial values: unplaced shows the knob in the middle, but ticked as unplaced."""
    return {"position": 0 if position is None else position, "unplaced": position is None, **more}


class PlacementForm(FaderForm):
    note = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for you until the trio reveals."),
    )
    # The version of this member's placement the form shows: a save from another window
    # that started from an older one is a conflict, not a silent overwrite.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class AgreeForm(FaderForm):
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        max_length=RATIONALE_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the trio puts the fader here. Needed when it is off the middle."),
    )
    discuss = forms.BooleanField(label=_("We want to talk about this"), required=False)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    # Needed off the middle only (the help text says so): not labelled "optional".
    rationale.sometimes_needed = True  # type: ignore[attr-defined]


class DissentForm(forms.Form):
    note = forms.CharField(
        label=_("I still see this differently, because"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to withdraw your note."),
    )

    def __init__(self, *args, category: Category, **kwargs) -> None:
        kwargs.setdefault("prefix", f"{category.key}-dissent")
        super().__init__(*args, **kwargs)
