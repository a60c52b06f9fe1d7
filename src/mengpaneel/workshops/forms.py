from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from mengpaneel.organisations.models import Municipality
from mengpaneel.text import refuse_direction_controls
from mengpaneel.workshops.constants import Domain
from mengpaneel.workshops.models import Edition, Meeting, Talk, Trio


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "name",
            "slug",
            "year",
            "status",
            "description",
            "comparison_open",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "date", "place", "theme", "assignment", "homework"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "assignment": forms.Textarea(attrs={"rows": 4}),
            "homework": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.instance.edition = edition

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        taken = self.edition.meetings.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This edition already has a meeting with this number."))
        return number


TalkFormSet = inlineformset_factory(
    Meeting,
    Talk,
    fields=["speaker", "affiliation", "title"],
    extra=2,
    can_delete=True,
)


def municipality_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Municipalities grouped by province, for a select that type-ahead searches."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, province in Municipality.objects.order_by("province", "name").values_list(
        "pk", "name", "province"
    ):
        groups.setdefault(province, []).append((pk, name))
    return list(groups.items())


class _LocalNameWithoutDirectionControls:
    """A trio's local name is shown inside the app's sentences: no direction controls."""

    cleaned_data: dict[str, Any]

    def clean_local_name(self) -> str:
        local_name = self.cleaned_data["local_name"]
        refuse_direction_controls(local_name)
        return local_name


class TrioForm(_LocalNameWithoutDirectionControls, forms.ModelForm):
    """Organisers set the municipality; members and organisers the rest."""

    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.all(),
        label=_("Municipality"),
        help_text=_("Grouped by province. Type the first letters of the name to jump to it."),
    )

    class Meta:
        model = Trio
        fields = ["municipality", "local_name", "shares_panel"]

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.instance.edition = edition
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            ("", _("Choose a municipality")),
            *municipality_choices(),
        ]

    def clean_municipality(self) -> Municipality:
        municipality = self.cleaned_data["municipality"]
        taken = self.edition.trios.filter(municipality=municipality).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(name)s already has a trio in this edition.") % {"name": municipality.name}
            )
        return municipality


class TrioSettingsForm(_LocalNameWithoutDirectionControls, forms.ModelForm):
    """What a trio's members change themselves."""

    class Meta:
        model = Trio
        fields = ["local_name", "shares_panel"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"), max_length=254)
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)

    def __init__(self, *args, trio: Trio, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.trio = trio

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if self.trio.members.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the trio."))
        return email
