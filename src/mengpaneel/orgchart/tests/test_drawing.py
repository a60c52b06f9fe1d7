"""The drawn chart: golden SVGs (small, deep, 200 units), escaping, isolation, no colour.

A change that means to alter a drawing rewrites the files and shows the diff:

    MENGPANEEL_UPDATE_GOLDEN=1 .venv/bin/pytest src/mengpaneel/orgchart/tests/test_drawing.py
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mengpaneel.orgchart import drawing, layers
from mengpaneel.orgchart.outline import parse
from mengpaneel.testing.orgcharts import SMALL, deep_outline, large_outline

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MENGPANEEL_UPDATE_GOLDEN") == "1"


def _drawing(text: str, area: str, *, way: str = "wijkgericht werken", not_named=False):
    parsed = parse(text)
    key = next(unit.key for unit in parsed.units if unit.name == area)
    return drawing.ChartDrawing(
        title="Organogram",
        outline=parsed,
        distance=layers.distance(parsed, key),
        way_of_working=way,
        not_named=not_named,
    )


CASES = {
    "orgchart_small.svg": lambda: _drawing(
        SMALL, "Team Samenleving", way="kerngericht werken", not_named=True
    ),
    "orgchart_deep.svg": lambda: _drawing(
        deep_outline(12), "Laag 12: afdeling met een wat langere naam"
    ),
    "orgchart_200.svg": lambda: _drawing(large_outline(200), "Afdeling Regie Samenleving"),
}


@pytest.mark.parametrize("name", CASES)
def test_drawings_match_their_golden_file(name):
    svg = drawing.render_svg(CASES[name](), standalone=True)
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(svg)
    assert path.exists(), f"{path} is missing: run with MENGPANEEL_UPDATE_GOLDEN=1"
    assert svg == path.read_text(), f"{name} changed; if meant, rewrite the golden file"


@pytest.mark.parametrize("name", CASES)
def test_drawings_are_well_formed_and_carry_no_style_or_colour(name):
    svg = drawing.render_svg(CASES[name]())
    ET.fromstring(svg)  # noqa: S314 (our own output): well-formed XML
    assert "style" not in svg  # the page's CSP forbids inline styles
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg))
    # Only greys: meaning is carried by line weight, dashes and words.
    assert all(c[1:3] == c[3:5] == c[5:7] for c in colours), colours


def test_the_marked_unit_and_the_layers_are_in_the_drawing_and_its_description():
    svg = drawing.render_svg(CASES["orgchart_small.svg"](), id_prefix="t")
    assert 'stroke-dasharray="4 3"' in svg  # not named: a dashed band
    assert "kerngericht werken (not named)" in svg
    assert ">1</text>" in svg and ">2</text>" in svg  # the two layers numbered
    assert "2 layers" in svg.split('id="t-desc">')[1].split("</desc>")[0]


def test_a_named_unit_gets_a_solid_band():
    svg = drawing.render_svg(_drawing(SMALL, "Team Samenleving"))
    assert "stroke-dasharray" not in svg


def test_without_a_mark_there_is_no_legend_and_no_badges():
    svg = drawing.render_svg(drawing.ChartDrawing(title="x", outline=parse(SMALL)))
    assert "Thick border" not in svg and "<circle" not in svg


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script> & </text><text>",
        "שכונה עם דיירים — حي السكان",
        "\u202eeerht\u202c team",
        "Wijk 🏘️ met 👩‍👩‍👧 en ✨",
    ],
)
def test_hostile_names_are_escaped_and_isolated(name):
    text = f"College\n  {name}\n"
    chart = _drawing(text, name)
    svg = drawing.render_svg(chart)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert "<script>" not in svg and root.find(".//{*}script") is None
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    name_lines = [t for t in texts if t.startswith(drawing.FSI)]
    # Every line of a name is one isolate: a direction override cannot leak out of it.
    assert name_lines and all(t.endswith(drawing.PDI) for t in name_lines)
    html = drawing.outline_html(chart)
    assert "<script>" not in html and "<bdi>" in html


def test_a_100_kb_name_never_reaches_the_drawing():
    # The outline refuses a name over 150 characters; the form keeps the text (test_views).
    with pytest.raises(ValueError):
        parse("College\n  " + "x" * 100_000)


def test_the_text_alternative_is_the_outline_with_the_marks_in_words():
    html = drawing.outline_html(CASES["orgchart_small.svg"]())
    assert html.count("<li>") == len(parse(SMALL).units)
    assert html.startswith(
        '<ul class="mp-outline"><li><bdi>College van B&amp;W</bdi> (the executive)'
    )
    assert "(layer 1 in between)" in html and "(layer 2 in between)" in html
    assert "<bdi>Team Samenleving</bdi> (here sits kerngericht werken (not named))" in html


def test_ids_are_prefixed_so_two_charts_share_a_page():
    first = drawing.render_svg(CASES["orgchart_small.svg"](), id_prefix="a")
    assert 'id="a-title"' in first and 'id="a-desc"' in first
    with pytest.raises(ValueError):
        drawing.render_svg(CASES["orgchart_small.svg"](), id_prefix="1 bad")


def test_the_preview_has_the_shapes_and_marks_but_no_words():
    chart = CASES["orgchart_200.svg"]()
    full = drawing.render_svg(chart)
    preview = drawing.render_svg(chart, preview=True)
    assert "<rect" in preview and "<circle" in preview and 'stroke-width="3"' in preview
    root = ET.fromstring(preview)  # noqa: S314 (our own output)
    texts = [t for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == []
    assert len(preview) < len(full) / 2
