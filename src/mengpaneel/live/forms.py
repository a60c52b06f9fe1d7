from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mengpaneel.live import codeguard, joincodes, participation
from mengpaneel.live.constants import GUEST_NAME_MAX_LENGTH, Phase
from mengpaneel.live.models import LiveRound
from mengpaneel.workshops.models import Trio


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The code on the screen in the room, for example KD7M-R4XA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.paused = False  # too many wrong codes: the page answers 429

    def clean_code(self) -> str:
        try:
            self.live_round = codeguard.find_round(self.request, self.cleaned_data["code"])
        except codeguard.CodesPaused as exc:
            self.paused = True
            raise forms.ValidationError(exc.message) from None
        except joincodes.CodeRejected as exc:
            raise forms.ValidationError(exc.message) from None
        return self.live_round.code or ""


if TYPE_CHECKING:  # Django's fields take type arguments only in the stubs
    _TrioField = forms.ModelChoiceField[Trio]
else:
    _TrioField = forms.ModelChoiceField


class TrioChoiceField(_TrioField):
    """Trios by the name of their municipality."""

    def label_from_instance(self, obj: Trio) -> str:
        return obj.municipality.name


class GuestJoinForm(forms.Form):
    trio = TrioChoiceField(
        label=_("Your trio"),
        queryset=Trio.objects.none(),
        empty_label=_("Choose your municipality"),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=GUEST_NAME_MAX_LENGTH,
        help_text=_("Your trio and the organiser see it next to your positions."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, live_round: LiveRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        trios = live_round.meeting.edition.trios.select_related("municipality")
        cast(TrioChoiceField, self.fields["trio"]).queryset = trios.order_by("municipality__name")

    def clean_name(self) -> str:
        try:
            return participation.clean_guest_name(self.cleaned_data["name"])
        except participation.GuestRefused as exc:
            raise forms.ValidationError(exc.message) from None


class PhaseMoveForm(forms.Form):
    """The phase the organiser saw, and where they want to go (or close)."""

    CLOSE = "close"

    expected = forms.ChoiceField(choices=Phase.choices)
    to = forms.ChoiceField(choices=[*Phase.choices, (CLOSE, _("Close"))])


class CodeActionForm(forms.Form):
    RENEW, CLOSE = "renew", "close"

    action = forms.ChoiceField(choices=[(RENEW, _("New code")), (CLOSE, _("Close the code"))])
