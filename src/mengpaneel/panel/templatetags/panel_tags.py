from __future__ import annotations

from django import template

from mengpaneel.panel import editions
from mengpaneel.panel.models import PanelModel
from mengpaneel.panel.models import signed as _signed
from mengpaneel.workshops.models import Edition

register = template.Library()


@register.filter
def signed(position: int | None) -> str:
    """A scale step as people read it: "+2", "0", "−3" (with a real minus sign)."""
    return _signed(position)


@register.simple_tag
def edition_panel_model(edition: Edition) -> PanelModel:
    """The model an edition's new panels use, for the edition's own page (workshops)."""
    return editions.model_for_new_panels(edition)
