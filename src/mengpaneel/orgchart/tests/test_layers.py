"""Layers between the marked unit and the executive, including the "not named" case."""

from __future__ import annotations

import pytest

from mengpaneel.orgchart import layers
from mengpaneel.orgchart.outline import parse
from mengpaneel.testing.orgcharts import SMALL, deep_outline

ALTENA = """College van B&W
  Gemeentesecretaris / algemeen directeur
    Directie externe oriëntatie
      Team Samenleving
"""


def _key(parsed, name: str) -> str:
    return next(unit.key for unit in parsed.units if unit.name == name)


def test_altena_has_two_layers_between_team_samenleving_and_the_college():
    parsed = parse(ALTENA)
    distance = layers.distance(parsed, _key(parsed, "Team Samenleving"))
    assert distance.layers == 2
    assert [unit.name for unit in distance.between] == [
        "Gemeentesecretaris / algemeen directeur",
        "Directie externe oriëntatie",
    ]
    assert distance.executive.name == "College van B&W"
    assert [unit.name for unit in distance.path][0::3] == ["College van B&W", "Team Samenleving"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("College van B&W", 0),
        ("Gemeentesecretaris / algemeen directeur", 0),
        ("Directie externe oriëntatie", 1),
        ("Team Bedrijfsvoering", 2),
    ],
)
def test_layers_count_the_units_strictly_between(name, expected):
    parsed = parse(SMALL)
    assert layers.distance(parsed, _key(parsed, name)).layers == expected


def test_the_executive_itself_has_no_layers_and_a_path_of_one():
    parsed = parse(SMALL)
    distance = layers.distance(parsed, _key(parsed, "College van B&W"))
    assert distance.path == (distance.executive,)


def test_a_chosen_executive_below_the_council_counts_from_there():
    parsed = parse("Gemeenteraad\n  College van B&W\n    Directie\n      Team Wijken\n")
    area = _key(parsed, "Team Wijken")
    assert layers.distance(parsed, area).layers == 2  # from the council: college, directie
    chosen = layers.distance(parsed, area, _key(parsed, "College van B&W"))
    assert chosen.layers == 1 and chosen.executive.name == "College van B&W"


def test_an_executive_that_is_not_above_falls_back_to_the_top():
    parsed = parse("College\n  Directie A\n    Team\n  Directie B\n")
    distance = layers.distance(parsed, _key(parsed, "Team"), _key(parsed, "Directie B"))
    assert distance.executive.name == "College"


def test_without_a_mark_there_is_no_distance():
    assert layers.distance(parse(SMALL), "") is None
    assert layers.distance(parse(SMALL), "000000000000") is None


def test_a_deep_chart_counts_every_layer():
    parsed = parse(deep_outline(12))
    distance = layers.distance(parsed, parsed.units[-1].key)
    assert distance.layers == 10


@pytest.mark.django_db
def test_not_named_keeps_the_count_and_says_so(world):
    from mengpaneel.orgchart import presenting
    from mengpaneel.orgchart.tests.conftest import make_chart

    world.trio.local_name = "kerngericht werken"
    named = make_chart(world.trio, ALTENA, area="Team Samenleving", by=world.member)
    named_view = presenting.chart_view(world.trio)
    assert named_view.layers == 2
    assert "does not name it" not in named_view.distance_sentence

    named.not_named = True
    named.save()
    view = presenting.chart_view(world.trio)
    assert view.layers == 2
    sentence = view.distance_sentence
    assert "kerngericht werken" in sentence and "Team Samenleving" in sentence
    assert "The official chart does not name it." in sentence
