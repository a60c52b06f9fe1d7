from django.contrib import admin

from mengpaneel.competences.models import Competence


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    """Staff keep the default list here (edition empty); organisers use the product."""

    list_display = ["name_nl", "edition", "order"]
    list_filter = ["edition"]
    # A member's own ratings are private: they are not in the admin at all.
