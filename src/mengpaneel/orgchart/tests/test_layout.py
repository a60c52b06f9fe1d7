"""The tree layout: no overlaps, parents over their children, wide rows hang."""

from __future__ import annotations

import itertools

import pytest

from mengpaneel.orgchart.layout import (
    BOX_W,
    HANG_LEAVES_FROM,
    INDENT,
    MAX_ROW_WIDTH,
    lay_out,
)
from mengpaneel.orgchart.outline import parse
from mengpaneel.testing.orgcharts import SMALL, deep_outline, large_outline


def _overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize(
    "text", [SMALL, deep_outline(12), large_outline(200)], ids=["small", "deep", "200"]
)
def test_no_two_boxes_overlap_and_all_lie_inside_the_drawing(text):
    layout = lay_out(parse(text))
    boxes = list(layout.boxes.values())
    assert len(boxes) == len(parse(text).units)
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), (a.unit, b.unit)
    for box in boxes:
        assert 0 <= box.x and box.x + box.w <= layout.width + 0.01
        assert 0 <= box.y and box.y + box.h <= layout.height + 0.01


def test_children_sit_below_their_parent_and_a_row_is_centred_under_it():
    parsed = parse("College\n  A\n    A1\n  B\n    B1\n")
    layout = lay_out(parsed)
    college, a, b = (layout.boxes[u] for u in parsed.units if u.name in ("College", "A", "B"))
    assert a.y == b.y > college.bottom
    assert college.cx == pytest.approx((a.cx + b.cx) / 2)


def test_three_leaves_hang_in_a_column_and_two_sit_side_by_side():
    three = parse("Afdeling\n" + "".join(f"  Team {i}\n" for i in range(HANG_LEAVES_FROM)))
    layout = lay_out(three)
    parent, *teams = (layout.boxes[u] for u in three.units)
    assert {team.x for team in teams} == {parent.x + INDENT}
    assert [team.y for team in teams] == sorted(team.y for team in teams)
    assert three.roots[0] in layout.hanging

    two = parse("Afdeling\n  Team 1\n  Team 2\n")
    layout = lay_out(two)
    _parent, first, second = (layout.boxes[u] for u in two.units)
    assert first.y == second.y and second.x > first.x


def test_a_row_wider_than_the_limit_hangs():
    many = (MAX_ROW_WIDTH // BOX_W) + 2
    text = "College\n" + "".join(f"  Directie {i}\n    Team {i}\n" for i in range(many))
    layout = lay_out(parse(text))
    assert layout.width < MAX_ROW_WIDTH


def test_two_hundred_units_stay_within_a_screen_and_a_bit_wide():
    layout = lay_out(parse(large_outline(200)))
    assert layout.width <= MAX_ROW_WIDTH
    # Every name keeps its full size; the chart grows downwards instead.
    assert {box.w for box in layout.boxes.values()} == {BOX_W}


def test_every_unit_but_the_top_has_an_edge_from_its_parent():
    parsed = parse(large_outline(60))
    layout = lay_out(parsed)
    assert {(e.parent, e.child) for e in layout.edges} == {
        (u.parent, u) for u in parsed.units if u.parent is not None
    }


def test_the_marked_box_grows_by_its_band_and_its_row_does_not():
    parsed = parse("College\n  A\n  B\n")
    plain = lay_out(parsed)
    marked = lay_out(parsed, marked=parsed.units[1], band_h=30)
    assert marked.boxes[parsed.units[1]].h == plain.boxes[parsed.units[1]].h + 30
    assert marked.boxes[parsed.units[2]].h == plain.boxes[parsed.units[2]].h
