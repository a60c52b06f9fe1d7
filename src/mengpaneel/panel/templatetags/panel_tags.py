from __future__ import annotations

from django import template

from mengpaneel.panel.models import signed as _signed

register = template.Library()


@register.filter
def signed(position: int | None) -> str:
    """A scale step as people read it: "+2", "0", "−3" (with a real minus sign)."""
    return _signed(position)
