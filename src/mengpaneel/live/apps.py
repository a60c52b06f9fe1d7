from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "mengpaneel.live"
    verbose_name = _("Live rounds")

    def ready(self) -> None:
        # While a trio's panel belongs to a running round, the round's phase decides what
        # the panel's named writes may do, on every path (the panel pages too).
        from mengpaneel.live import participation
        from mengpaneel.panel import guards

        guards.register(participation.guard_panel)
