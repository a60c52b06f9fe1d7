"""Organisers define panel models here: 2 to 12 categories, each with its poles.

A version that assessments use is read-only: the action "Make a new version to
edit" copies it (with its categories) into the next version, which new
assessments then use. Old assessments keep the version they were made with.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mengpaneel.panel import versions
from mengpaneel.panel.constants import MAX_CATEGORIES, MIN_CATEGORIES
from mengpaneel.panel.models import Assessment, Category, PanelModel


class CategoryFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        versions.check_category_count(len(kept))


class CategoryInline(admin.StackedInline):
    model = Category
    formset = CategoryFormSet
    extra = 0
    min_num = MIN_CATEGORIES
    max_num = MAX_CATEGORIES
    fieldsets = [
        (None, {"fields": ["order", "key"]}),
        (
            _("Dutch"),
            {"fields": ["name_nl", "question_nl", "top_nl", "bottom_nl", "explanation_nl"]},
        ),
        (
            _("English"),
            {"fields": ["name_en", "question_en", "top_en", "bottom_en", "explanation_en"]},
        ),
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and obj.is_in_use())

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_in_use())

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_in_use())


@admin.register(PanelModel)
class PanelModelAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "key", "version", "is_current", "created_at"]
    list_filter = ["is_current"]
    search_fields = ["key", "name_nl", "name_en"]
    inlines = [CategoryInline]
    actions = ["make_new_version"]
    fields = ["key", "name_nl", "name_en", "scale_min", "scale_max", "version", "is_current"]
    readonly_fields = ["version", "is_current"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_in_use():
            return self.fields
        return self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        if change and obj.is_in_use():
            return  # everything is read-only; the version stays as assessments saw it
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Make a new version to edit"))
    def make_new_version(self, request, queryset) -> None:
        for panel_model in queryset:
            copy = versions.new_version(panel_model, by=request.user)
            if copy == panel_model:
                message = gettext("%(model)s is not used yet: edit it as it is.")
            else:
                message = gettext("%(model)s can now be edited; older assessments keep theirs.")
            self.message_user(request, message % {"model": copy}, messages.INFO)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["trio", "meeting", "panel_model", "created_at", "revealed_at"]
    list_filter = ["trio__edition"]
    list_select_related = ["trio__municipality", "meeting", "panel_model"]
    readonly_fields = ["trio", "meeting", "panel_model", "created_at", "revealed_at", "revealed_by"]

    def has_add_permission(self, request) -> bool:
        # Assessments start from the trio's panel page, which also creates its faders.
        return False
