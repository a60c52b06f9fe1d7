"""Moving through a page the way a keyboard user does: Tab until the wanted control has focus."""

from __future__ import annotations

# What a sighted keyboard user reads on the focused control.
FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body', text: '', href: null};
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), text, href: el.getAttribute('href'),
    visible: box.width > 0 && box.height > 0,
  };
}
"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, text: str, *, max_presses: int = 60) -> dict:
    """Press Tab until a control whose visible text contains `text` has focus."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        element = focused(page)
        if text in element["text"]:
            assert element["visible"], f"{text!r} has focus but cannot be seen"
            return element
        seen.append(element["text"] or element["tag"])
    raise AssertionError(f"Tab never reached {text!r} on {page.url}; focus went to: {seen}")
