"""Organisers edit coherence rules here, with their conditions inline.

Conditions are checked against the rule's panel model: the category key must
be one of its faders and the threshold a step on its scale. A rule needs at
least one condition (a rule without conditions would never fire).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mengpaneel.insights.models import (
    CoherenceRule,
    RuleCondition,
    SharingConsent,
    validate_condition,
)


class RuleConditionFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        rule = self.instance
        if not rule.panel_model_id:
            return  # the rule's own form already says the model is missing
        kept = 0
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            kept += 1
            try:
                validate_condition(
                    rule.panel_model,
                    form.cleaned_data.get("category_key", ""),
                    form.cleaned_data.get("threshold"),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        form.add_error(field, message)
        if kept == 0:
            raise ValidationError(gettext("A coherence rule needs at least one condition."))


class RuleConditionInline(admin.TabularInline):
    model = RuleCondition
    formset = RuleConditionFormSet
    extra = 0
    min_num = 1


@admin.register(CoherenceRule)
class CoherenceRuleAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "key", "panel_model", "condition_summary", "is_active"]
    list_filter = ["panel_model", "is_active"]
    search_fields = ["key", "title_nl", "title_en"]
    inlines = [RuleConditionInline]
    fieldsets = [
        (None, {"fields": ["panel_model", "key", "order", "is_active"]}),
        (_("Dutch"), {"fields": ["title_nl", "explanation_nl", "questions_nl"]}),
        (_("English"), {"fields": ["title_en", "explanation_en", "questions_en"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("panel_model")
            .prefetch_related("conditions")
        )

    @admin.display(description=_("conditions"))
    def condition_summary(self, rule: CoherenceRule) -> str:
        return gettext(" and ").join(str(c) for c in rule.conditions.all())


@admin.register(SharingConsent)
class SharingConsentAdmin(admin.ModelAdmin):
    list_display = ["trio", "across_editions", "updated_by", "updated_at"]
    list_filter = ["across_editions"]
    # Consent is the trio's to give: the admin shows it, the trio changes it.
    readonly_fields = ["trio", "across_editions", "updated_by", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False
