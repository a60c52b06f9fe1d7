"""The panel drawing, called directly: no database, no HTTP."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from mengpaneel.panel.drawing import (
    FaderDrawing,
    MemberMark,
    PanelDrawing,
    format_position,
    render_overlay_svg,
    render_png,
    render_svg,
    text_alternative,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"quotes\" 🎛️ שלום مرحبا"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def fader(key: str = "budget", agreed: int | None = 1, **kwargs) -> FaderDrawing:
    kwargs.setdefault("name", f"Fader {key}")
    kwargs.setdefault("top_label", "own budget")
    kwargs.setdefault("bottom_label", "no budget")
    return FaderDrawing(key=key, agreed=agreed, **kwargs)


def panel(*agreed: int | None, title: str = "Altena", **kwargs) -> PanelDrawing:
    faders = tuple(fader(f"k{i}", value) for i, value in enumerate(agreed))
    return PanelDrawing(title=title, faders=faders, **kwargs)


def parse(svg: str) -> ET.Element:
    # Our own output, built from test data: no untrusted XML here.
    return ET.fromstring(svg.removeprefix('<?xml version="1.0" encoding="UTF-8"?>\n'))  # noqa: S314


def fader_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "mp-panel__fader"]


def classes_in(group: ET.Element) -> set[str]:
    return {el.get("class") for el in group.iter() if el.get("class")}


def heard(text: str) -> str:
    """The words as read out: without the isolates around people's text (U+2068, U+2069)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def all_text(root: ET.Element) -> str:
    return " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


# -- unplaced is not the middle ---------------------------------------------


def test_unplaced_fader_has_no_knob_and_says_not_placed():
    root = parse(render_svg(panel(None, 0)))
    unplaced, middle = fader_groups(root)

    assert "mp-panel__cap" not in classes_in(unplaced)
    assert "mp-panel__cap" in classes_in(middle)
    assert "not placed" in " ".join(unplaced.itertext())
    assert "not placed" not in " ".join(middle.itertext())


def test_unplaced_fader_track_is_dashed_and_middle_one_is_not():
    root = parse(render_svg(panel(None, 0), id_prefix="t"))
    unplaced, middle = fader_groups(root)
    tracks = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}

    def slot(group: ET.Element) -> ET.Element:
        track = tracks[group.find(f"{SVG}use").get("href").removeprefix("#")]
        return track.find(f"{SVG}g").find(f"{SVG}rect")

    assert slot(unplaced).get("stroke-dasharray")
    assert slot(middle).get("stroke-dasharray") is None


def test_unplaced_and_middle_read_differently_in_words():
    text = heard(text_alternative(panel(None, 0)))

    assert "Fader k0: not placed yet." in text
    assert "Fader k1: 0, middle: no choice made." in text


def test_agreed_position_names_the_pole_it_leans_towards():
    text = heard(text_alternative(panel(2, -1)))

    assert "Fader k0: +2, towards own budget." in text
    assert "Fader k1: \u22121, towards no budget." in text


def test_format_position_always_shows_the_sign():
    assert [format_position(v) for v in (-3, 0, 3)] == ["\u22123", "0", "+3"]


# -- any number of faders ----------------------------------------------------


@pytest.mark.parametrize("count", [2, 5, 7, 12])
def test_panel_with_any_number_of_faders_renders_one_strip_each(count):
    values = [(i % 7) - 3 for i in range(count)]
    root = parse(render_svg(panel(*values)))

    assert len(fader_groups(root)) == count


def test_panel_widens_with_the_number_of_faders():
    two = parse(render_svg(panel(1, 2)))
    seven = parse(render_svg(panel(*range(-3, 4))))

    assert float(seven.get("width")) > 3 * float(two.get("width"))


def test_other_scale_renders_every_step():
    root = parse(render_svg(panel(5, -5, None, scale_min=-5, scale_max=5)))
    labels = all_text(root)

    assert "+5" in labels and "\u22125" in labels


def test_members_discussion_flag_and_earlier_position_are_drawn():
    members = (MemberMark("AB", 2), MemberMark("CD", -1), MemberMark("EF", None))
    drawing = PanelDrawing(
        title="Venlo",
        faders=(
            fader("a", 1, members=members, discuss=True, previous=-2),
            fader("b", None, previous=1),
        ),
    )
    root = parse(render_svg(drawing))
    first, second = fader_groups(root)

    assert {"mp-panel__member", "mp-panel__flag", "mp-panel__ghost", "mp-panel__arrow"} <= (
        classes_in(first)
    )
    # No current position: the earlier one shows, but nothing moves towards it.
    assert "mp-panel__ghost" in classes_in(second)
    assert "mp-panel__arrow" not in classes_in(second)
    text = heard(text_alternative(drawing))
    assert "Members: AB +2, CD \u22121, EF not placed yet." in text
    assert "Marked to discuss." in text
    assert "Earlier: \u22122." in text


def test_a_whole_trio_on_one_step_stays_readable_beside_the_knob():
    members = tuple(MemberMark(label, 2) for label in ("AB", "AV", "CD"))
    root = parse(
        render_svg(PanelDrawing(title="Schiedam", faders=(fader("a", 2, members=members),)))
    )
    dots = [
        circle
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "mp-panel__member"
        for circle in group.iter(f"{SVG}circle")
    ]
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in dots]
    radius = float(dots[0].get("r"))
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 > 2 * radius, "dots overlap"
    knob = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "mp-panel__cap")
    rect = knob.find(f"{SVG}rect")
    knob_right = float(rect.get("x")) + float(rect.get("width"))
    assert min(x for x, _ in centres) - radius > knob_right, "a dot touches the knob"


def test_members_are_not_drawn_before_reveal():
    root = parse(render_svg(panel(1, 2)))

    assert "mp-panel__member" not in classes_in(root)


# -- safety: escaping, ids, CSP ---------------------------------------------


def test_hostile_text_is_escaped_everywhere():
    drawing = PanelDrawing(
        title=HOSTILE,
        faders=(
            fader("a", 1, name=HOSTILE, top_label=HOSTILE, bottom_label=HOSTILE),
            fader("b", None, members=(MemberMark("<b>", 1),)),
        ),
    )
    for svg in (render_svg(drawing), render_svg(drawing, standalone=True)):
        assert "<script" not in svg
        assert "<b>" not in svg
        root = parse(svg)  # still well-formed XML
        assert "<script>alert('x')</script>" in root.find(f"{SVG}title").text
        assert "שלום" in all_text(root)
        assert "🎛" in all_text(root)

    overlay = render_overlay_svg([drawing, PanelDrawing(title=HOSTILE, faders=drawing.faders)])
    assert "<script" not in overlay
    parse(overlay)


def test_characters_xml_cannot_carry_are_dropped():
    drawing = PanelDrawing(title="Al\x00te\x1bna", faders=(fader("a", 1, name="x\x0cy"),))

    root = parse(render_svg(drawing))

    assert heard(root.find(f"{SVG}title").text).endswith("Altena")


def test_ids_are_unique_per_prefix_and_label_the_image():
    first = parse(render_svg(panel(1, None), id_prefix="trio-1"))
    second = parse(render_svg(panel(1, None), id_prefix="trio-2"))
    overlay = parse(render_overlay_svg([panel(1, None)], id_prefix="all"))
    ids = [el.get("id") for root in (first, second, overlay) for el in root.iter() if el.get("id")]

    assert len(ids) == len(set(ids))
    assert all(i.startswith(("trio-1-", "trio-2-", "all-")) for i in ids)
    assert first.get("role") == "img"
    assert first.get("aria-labelledby") == "trio-1-title trio-1-desc"
    assert first.find(f"{SVG}title").get("id") == "trio-1-title"
    assert first.find(f"{SVG}desc").get("id") == "trio-1-desc"
    # References stay inside their own panel.
    hrefs = {el.get("href") for el in first.iter(f"{SVG}use")}
    assert hrefs and all(h.startswith("#trio-1-") for h in hrefs)


def test_a_bad_id_prefix_is_refused():
    with pytest.raises(ValueError):
        render_svg(panel(1, 2), id_prefix='x" onload="alert(1)')


def test_inline_svg_has_no_inline_styles():
    members = (MemberMark("AB", 1), MemberMark("CD", None))
    drawing = PanelDrawing(
        title="Altena",
        faders=(fader("a", 1, members=members, discuss=True, previous=0), fader("b", None)),
    )
    for svg in (render_svg(drawing), render_overlay_svg([drawing, drawing])):
        # font-style="italic" is a presentation attribute and allowed; style="…" is not.
        assert not re.search(r"\sstyle=", svg)
        assert "<style" not in svg
        assert "<?xml" not in svg


def test_standalone_svg_is_a_file_of_its_own():
    svg = render_svg(panel(1, None), standalone=True)

    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")


def test_drawing_uses_no_colour_only_greys():
    members = (MemberMark("AB", 1), MemberMark("CD", None))
    drawing = PanelDrawing(
        title="Altena",
        faders=(fader("a", 3, members=members, discuss=True, previous=0), fader("b", None)),
    )
    svg = render_svg(drawing, standalone=True) + render_overlay_svg([drawing] * 20)
    colours = {part.lower() for part in re.findall(r'(?:fill|stroke|color)="([^"]+)"', svg)} - {
        "currentcolor",
        "none",
    }

    assert colours
    for colour in colours:
        assert re.fullmatch(r"#[0-9a-f]{6}", colour), colour
        red, green, blue = (colour[i : i + 2] for i in (1, 3, 5))
        assert red == green == blue, colour


# -- text alternative ----------------------------------------------------------


def test_text_alternative_names_every_fader():
    drawing = panel(2, -1, None, 3, 0, 1, -3)
    text = heard(text_alternative(drawing))

    for fader_drawing in drawing.faders:
        assert f"{fader_drawing.name}:" in text
    assert "not placed" in text
    assert "7 faders" in text


def test_text_alternative_is_the_svg_description():
    drawing = panel(2, None)

    root = parse(render_svg(drawing))

    assert root.find(f"{SVG}desc").text == text_alternative(drawing)


def test_text_alternative_renders_in_dutch_too():
    with translation.override("nl"):
        dutch = heard(text_alternative(panel(None, 1)))

    assert "Fader k0" in dutch and "Fader k1" in dutch


# -- overlay -----------------------------------------------------------------


def test_overlay_has_a_legend_entry_per_municipality():
    panels = [
        panel(2, -1, title="Altena"),
        panel(None, 3, title="Schiedam"),
        panel(-1, None, title="Venlo"),
    ]
    root = parse(render_overlay_svg(panels))

    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "mp-panel__legend")
    entries = [g for g in legend if g.tag == f"{SVG}g"]
    assert len(entries) == 3
    assert [" ".join(e.itertext()) for e in entries] == ["Altena", "Schiedam", "Venlo"]


def test_overlay_gives_each_municipality_its_own_marker_shape():
    panels = [panel(1, 1, title=f"Gemeente {i}") for i in range(8)]
    root = parse(render_overlay_svg(panels))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "mp-panel__legend")

    markers = [ET.tostring(next(iter(entry))) for entry in legend]
    assert len(set(markers)) == 8


def test_overlay_says_who_did_not_place_a_fader():
    panels = [panel(2, title="Altena"), panel(None, title="Schiedam")]
    root = parse(render_overlay_svg(panels, id_prefix="cmp"))

    assert "not placed" in all_text(root)
    description = heard(root.find(f"{SVG}desc").text)
    assert "Altena +2" in description
    assert "Schiedam not placed yet" in description
    assert root.get("aria-labelledby") == "cmp-title cmp-desc"


def test_overlay_without_panels_still_draws():
    root = parse(render_overlay_svg([]))

    assert root.get("role") == "img"


# -- PNG ---------------------------------------------------------------------


def test_png_is_a_png_of_sensible_size():
    drawing = panel(2, -1, -3, 3, -1)
    svg_root = parse(render_svg(drawing, standalone=True))

    data = render_png(drawing)

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_size(data)
    assert width == pytest.approx(2 * float(svg_root.get("width")), abs=2)
    assert height == pytest.approx(2 * float(svg_root.get("height")), abs=2)
    assert 600 < width < 2000 and 400 < height < 2000


def test_png_scale_changes_the_pixel_size():
    drawing = panel(1, 2)

    small = png_size(render_png(drawing, scale=1))
    large = png_size(render_png(drawing, scale=3))

    assert large[0] == pytest.approx(3 * small[0], abs=3)


@pytest.mark.parametrize(
    "name, lines",
    [
        ("Bewonersproces", ["Bewoners-", "proces"]),
        ("Proces binnen de gemeente", ["Proces binnen", "de gemeente"]),
        ("Sociaal-domeinoverleg", ["Sociaal-", "domeinoverleg"]),
        ("Uitvoeringsorganisatie", ["Uitvoeringsor-", "ganisatie"]),
    ],
)
def test_fader_names_break_between_words_or_syllables_never_mid_syllable(name, lines):
    """ "Bewonersproce / s" was drawn; a word too long for the strip is hyphenated."""
    from mengpaneel.panel.drawing.layout import StripText
    from mengpaneel.panel.drawing.look import COL_W, NAME_FONT, STRIP_PAD
    from mengpaneel.panel.drawing.measure import wrap

    with translation.override("nl"):
        assert wrap(name, COL_W - 2 * STRIP_PAD - 12, NAME_FONT, bold=True) == lines
        drawn = StripText.wrapped(
            [FaderDrawing(key="k", name=name, top_label="", bottom_label="", agreed=None)]
        )
    assert drawn.names == [lines]


def test_no_text_in_a_drawing_is_smaller_than_12():
    """The page shows a drawing at its own size, so its font sizes are the sizes people see."""
    svg = render_svg(panel(2, -1))
    sizes = {float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)}
    assert sizes and min(sizes) >= 12
