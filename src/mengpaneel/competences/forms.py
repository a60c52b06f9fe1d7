"""The competence list's form (organisers) and the self-rating form (members)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mengpaneel.competences.constants import Level
from mengpaneel.competences.models import Competence

RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class CompetenceForm(forms.ModelForm):
    fader_keys = forms.MultipleChoiceField(
        label=_("Faders it matters for"),
        help_text=_("Shown beside these faders on the trios' panel pages."),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )

    class Meta:
        model = Competence
        fields = ["name_nl", "name_en", "description_nl", "description_en", "fader_keys", "order"]
        widgets = {
            "name_nl": forms.TextInput(attrs={"dir": "auto"}),
            "name_en": forms.TextInput(attrs={"dir": "auto"}),
            "description_nl": forms.TextInput(attrs={"dir": "auto"}),
            "description_en": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args: Any, faders: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["fader_keys"])
        # Keys the edition's model no longer has stay choosable, so saving never drops them.
        known = {key for key, _name in faders}
        kept = [(key, key) for key in (self.instance.fader_keys or []) if key not in known]
        field.choices = faders + kept


class RatingForm(forms.Form):
    """One radio group per competence of the edition, in words."""

    def __init__(self, *args: Any, competences: list[Competence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competences = competences
        for competence in competences:
            self.fields[self.field_name(competence)] = forms.ChoiceField(
                label=competence.name,
                help_text=competence.description,
                choices=[("", _("not rated yet")), *Level.choices],
                required=False,
                widget=forms.RadioSelect(attrs=RADIO),
            )

    @staticmethod
    def field_name(competence: Competence) -> str:
        return f"competence_{competence.pk}"

    def levels(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[self.field_name(c)] for c in self.competences}


class InvolvementForm(forms.Form):
    role = forms.CharField(
        label=_("Who do you involve? (a role, not a name)"),
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={"required": _("Name a role, e.g. “policy adviser for the executive”.")},
    )
