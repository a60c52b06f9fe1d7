from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mengpaneel.core"
    verbose_name = _("Mengpaneel")

    def ready(self) -> None:
        from mengpaneel.core import checks  # noqa: F401 (registers the deployment checks)
