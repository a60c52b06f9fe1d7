from __future__ import annotations

from django import forms

from mengpaneel.agenda.models import Case


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["title", "question", "area"]
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}
