from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "mengpaneel.competences"
    label = "competences"
    verbose_name = _("Competences")

    def ready(self) -> None:
        from mengpaneel.competences import signals  # noqa: F401  (connects the receivers)
