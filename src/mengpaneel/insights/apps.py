from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "mengpaneel.insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        # A new panel model version starts with its predecessor's coherence rules.
        from mengpaneel.insights import signals  # noqa: F401
