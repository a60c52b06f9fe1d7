from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgChartConfig(AppConfig):
    name = "mengpaneel.orgchart"
    label = "orgchart"
    verbose_name = _("Org charts")
