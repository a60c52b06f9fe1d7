"""``bdi`` and ``isolate``: template filters for people's text (see ``mengpaneel.text``).

Built into every template (``TEMPLATES`` ``builtins``), so no page of any app needs to
load them and none can forget to.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from mengpaneel.text import isolate

register = template.Library()


@register.filter
def bdi(value: object) -> SafeString:
    """User text inside the app's own text, isolated (``<bdi>``): an override or a
    right-to-left name in it cannot turn the sentence around it."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter(name="isolate")
def isolate_filter(value: object) -> str:
    """The same where no element may go: a page title, an attribute (U+2068 … U+2069)."""
    return isolate(str(value)) if value not in (None, "") else ""
