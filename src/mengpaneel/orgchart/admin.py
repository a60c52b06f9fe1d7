from django.contrib import admin

from mengpaneel.orgchart.models import OrgChart


@admin.register(OrgChart)
class OrgChartAdmin(admin.ModelAdmin):
    """Read-only: a chart is the trio's own and changes on its page, where it is checked."""

    list_display = ["trio", "not_named", "is_illustrative", "updated_at"]
    list_select_related = ["trio__municipality"]
    readonly_fields = [field.name for field in OrgChart._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
