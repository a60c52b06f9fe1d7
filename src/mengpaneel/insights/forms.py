from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mengpaneel.insights.constants import PEER_DIFFERENCE_STEPS
from mengpaneel.workshops.models import Meeting


class DifferenceForm(forms.Form):
    """How far apart a peer's choice must be to count as clearly different."""

    steps = forms.IntegerField(
        label=_("Clearly different from how many steps apart"),
        min_value=1,
        initial=PEER_DIFFERENCE_STEPS,
        help_text=_("2 steps is the usual choice."),
    )

    def __init__(self, *args, max_steps: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].widget.attrs.update({"min": 1, "max": max_steps})
        self.max_steps = max_steps

    def clean_steps(self) -> int:
        steps = self.cleaned_data["steps"]
        if steps > self.max_steps:
            raise forms.ValidationError(
                _("Choose a number from 1 to %(high)d."), params={"high": self.max_steps}
            )
        return steps

    @property
    def chosen_steps(self) -> int:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["steps"]
        return PEER_DIFFERENCE_STEPS


class ConsentForm(forms.Form):
    across_editions = forms.BooleanField(
        label=_("Share our panel with trios of other editions that share theirs"),
        required=False,
        help_text=_(
            "They see your positions and rationales, and you see theirs. "
            "You can withdraw this at any time."
        ),
    )


class MomentStartForm(forms.Form):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("For which meeting?"),
        queryset=None,
        required=False,
        empty_label=_("No meeting: we do it on our own"),
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Meeting]", self.fields["meeting"]).queryset = meetings


class MomentChoiceForm(forms.Form):
    """Which moment the comparison shows, and optionally the moment it moved from."""

    moment: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Show the panels of"),
        queryset=None,
        required=False,
        empty_label=_("each trio's latest panel"),
    )
    since: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Show movement since"),
        queryset=None,
        required=False,
        empty_label=_("no movement, one moment only"),
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("moment", "since"):
            cast("forms.ModelChoiceField[Meeting]", self.fields[name]).queryset = meetings

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        moment, since = cleaned.get("moment"), cleaned.get("since")
        if since is not None and moment is not None and since == moment:
            self.add_error("since", _("Choose an earlier meeting than the one you show."))
        elif since is not None and moment is not None and since.number > moment.number:
            self.add_error("since", _("Choose an earlier meeting than the one you show."))
        return cleaned
