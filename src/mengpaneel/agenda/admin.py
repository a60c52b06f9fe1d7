from __future__ import annotations

from django.contrib import admin

from mengpaneel.agenda.models import AgendaLink


@admin.register(AgendaLink)
class AgendaLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "trio", "rule_key", "created_by", "created_at"]
    list_select_related = ["trio__municipality", "created_by"]
    readonly_fields = ["trio", "rule", "rule_key", "assessment", "created_by", "created_at"]

    def has_add_permission(self, request) -> bool:
        # A trio puts a rule on its agenda from the coherence page; here an item would lack one.
        return False
