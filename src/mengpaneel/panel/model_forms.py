"""The organisers' form for a panel model: its name and scale, and 2 to 12 categories.

Plain forms, not model forms: what they hand over is applied by
``versions.create_model`` or ``versions.save_changes``, which decide whether
the edit needs a new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mengpaneel.panel import versions
from mengpaneel.panel.constants import MAX_CATEGORIES
from mengpaneel.panel.models import KEY_STARTS_WITH_A_LETTER, PanelModel
from mengpaneel.text import refuse_direction_controls

# Names and poles are drawn and read inside the app's own sentences.
NAME_CHECKS = [refuse_direction_controls]

SCALE_LOW = [(step, f"\u2212{-step}") for step in range(-1, -6, -1)]
SCALE_HIGH = [(step, f"+{step}") for step in range(1, 6)]


class PanelModelForm(forms.Form):
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=150, validators=NAME_CHECKS)
    name_en = forms.CharField(
        label=_("Name (English)"), max_length=150, required=False, validators=NAME_CHECKS
    )
    scale_min = forms.TypedChoiceField(
        label=_("Lowest step"), choices=SCALE_LOW, coerce=int, initial=-3
    )
    scale_max = forms.TypedChoiceField(
        label=_("Highest step"),
        choices=SCALE_HIGH,
        coerce=int,
        initial=3,
        help_text=_("The middle, 0, is always on the scale: it means no choice made."),
    )


class CategoryForm(forms.Form):
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=100, validators=NAME_CHECKS)
    name_en = forms.CharField(
        label=_("Name (English)"), max_length=100, required=False, validators=NAME_CHECKS
    )
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        required=False,
        validators=[KEY_STARTS_WITH_A_LETTER],
        help_text=_(
            "Used in exports and coherence rules: small letters, digits and hyphens, starting "
            "with a letter. Left empty, it is made from the Dutch name."
        ),
    )
    question_nl = forms.CharField(label=_("Guiding question (Dutch)"), max_length=300)
    question_en = forms.CharField(
        label=_("Guiding question (English)"), max_length=300, required=False
    )
    top_nl = forms.CharField(
        label=_("Top pole (Dutch)"),
        max_length=120,
        validators=NAME_CHECKS,
        help_text=_("Short: it is read aloud with the value, as in “+2, towards …”."),
    )
    top_en = forms.CharField(
        label=_("Top pole (English)"), max_length=120, required=False, validators=NAME_CHECKS
    )
    bottom_nl = forms.CharField(
        label=_("Bottom pole (Dutch)"), max_length=120, validators=NAME_CHECKS
    )
    bottom_en = forms.CharField(
        label=_("Bottom pole (English)"), max_length=120, required=False, validators=NAME_CHECKS
    )
    explanation_nl = forms.CharField(
        label=_("Explanation (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the top and the bottom mean in practice."),
    )
    explanation_en = forms.CharField(
        label=_("Explanation (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["key"] = versions.category_key(cleaned)
        return cleaned


def _order(number: int | None, last: int) -> int:
    # A fader without an order number goes after the numbered ones.
    return last if number is None else number


class BaseCategoryFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = self.kept_forms()
        versions.check_category_count(len(kept))
        seen: dict[str, int] = {}
        for number, form in enumerate(kept, start=1):
            key = form.cleaned_data["key"]
            if not key:
                form.add_error("key", _("Give this fader a key of letters and digits."))
            elif key in seen:
                form.add_error(
                    "key",
                    _("Fader %(other)s has this key too. Every key appears once.")
                    % {"other": seen[key]},
                )
            else:
                seen[key] = number

    def kept_forms(self) -> list[CategoryForm]:
        """The filled-in categories that are not marked for removal, in the chosen order."""
        kept = [
            form
            for form in self.forms
            if form.has_changed() and not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
        ]
        if self.can_order:
            last = len(self.forms) + 1
            kept.sort(key=lambda form: _order(form.cleaned_data.get("ORDER"), last))
        return kept

    def category_values(self) -> list[dict]:
        return [
            {name: form.cleaned_data[name] for name in versions.CATEGORY_FIELDS}
            for form in self.kept_forms()
        ]


CATEGORIES_PREFIX = "categories"


def category_forms(
    data: Mapping[str, Any] | None = None, *, initial: list[dict[str, Any]] | None = None
) -> BaseCategoryFormSet:
    """The faders of the model form, posted (``data``) or to fill in (``initial``)."""
    return cast(
        BaseCategoryFormSet, CategoryFormSet(data, initial=initial, prefix=CATEGORIES_PREFIX)
    )


CategoryFormSet = forms.formset_factory(
    CategoryForm,
    formset=BaseCategoryFormSet,
    extra=0,
    can_order=True,
    can_delete=True,
    max_num=MAX_CATEGORIES,
    absolute_max=MAX_CATEGORIES + 10,
)


def typed_values(data, form_class: type[forms.Form], prefix: str = "") -> dict:
    """What was posted for one form, as initial values: shown again, not yet judged."""
    names = [*form_class.base_fields, "ORDER", "DELETE"] if prefix else form_class.base_fields
    start = f"{prefix}-" if prefix else ""
    return {name: data.get(f"{start}{name}") for name in names if f"{start}{name}" in data}


class EditionModelForm(forms.Form):
    """The model an edition's new panels use: one of the current models."""

    panel_model_key = forms.ChoiceField(
        label=_("Panel model"),
        help_text=_("New panels in this edition use the current version of this model."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["panel_model_key"]).choices = [
            (panel_model.key, str(panel_model))
            for panel_model in PanelModel.objects.current().order_by("name_nl")
        ]
