"""Peer matching: clearly different choices with their rationale, and the closest panels."""

from __future__ import annotations

from datetime import date

import pytest

from mengpaneel.insights import peers
from mengpaneel.insights.peers import PeerPanel, clearly_different, compare, most_similar
from mengpaneel.insights.sharing import visible_peer_trios
from mengpaneel.insights.tests.conftest import agreed_panel, demo_trio
from mengpaneel.panel import placing
from mengpaneel.panel.tests.conftest import make_panel_model
from mengpaneel.testing.factories import TrioFactory


def peer(name: str, rationales: dict | None = None, **positions) -> PeerPanel:
    return PeerPanel(
        trio_id=hash(name) % 1000,
        municipality=name,
        edition="Werkplaats",
        edition_id=1,
        date=date(2026, 1, 1),
        positions=positions,
        rationales=rationales or {},
    )


def test_two_steps_apart_is_clearly_different_one_step_is_not():
    own = {"a": 0}
    found = clearly_different(
        own, [peer("Een", a=1), peer("Twee", a=2), peer("Min", a=-2), peer("Drie", a=3)]
    )
    assert [(d.peer.municipality, d.steps) for d in found["a"]] == [
        ("Drie", 3),
        ("Min", 2),
        ("Twee", 2),
    ]


def test_the_number_of_steps_is_configurable():
    own = {"a": 0}
    peers_ = [peer("Een", a=1), peer("Drie", a=3)]
    assert [d.peer.municipality for d in clearly_different(own, peers_, min_steps=1)["a"]] == [
        "Drie",
        "Een",
    ]
    assert [d.peer.municipality for d in clearly_different(own, peers_, min_steps=3)["a"]] == [
        "Drie"
    ]


def test_the_rationale_comes_along():
    found = clearly_different(
        {"positioning": -1},
        [peer("Altena", {"positioning": "Eigen programmabudget."}, positioning=2)],
    )
    assert found["positioning"][0].rationale == "Eigen programmabudget."
    assert found["positioning"][0].position == 2


def test_unplaced_on_either_side_is_never_a_different_choice():
    found = clearly_different({"a": None, "b": 3}, [peer("X", a=3, b=None), peer("Y", a=-3)])
    assert found == {"a": [], "b": []}


def test_the_middle_is_a_choice_that_can_differ():
    found = clearly_different({"a": 0}, [peer("X", a=-2)])
    assert [d.peer.municipality for d in found["a"]] == ["X"]


def test_compare_counts_only_faders_both_placed():
    assert compare({"a": 1, "b": None, "c": 0}, {"a": 3, "b": 2, "c": 0, "d": 1}) == (2, 1.0)
    assert compare({"a": None}, {"a": 1}) is None


def test_most_similar_orders_by_likeness_and_says_how_many_faders_were_compared():
    own = {"a": 1, "b": -1, "c": 0}
    found = most_similar(
        own,
        [
            peer("Ver", a=-3, b=3, c=3),
            peer("Gelijk", a=1, b=-1, c=0),
            peer("Dichtbij", a=2, b=-1, c=None),
            peer("Eén schuif", a=1),  # too few faders in common to call it similar
        ],
    )
    assert [(s.peer.municipality, s.compared, s.distance) for s in found] == [
        ("Gelijk", 3, 0.0),
        ("Dichtbij", 2, 0.5),
        ("Ver", 3, pytest.approx(11 / 3)),
    ]
    assert found[0].identical


def test_most_similar_is_limited_and_needs_enough_faders_in_common():
    own = {"a": 1, "b": 1}
    many = [peer(f"P{n}", a=1, b=n % 3) for n in range(10)]
    assert len(most_similar(own, many, limit=3)) == 3
    assert most_similar(own, [peer("Eén", a=1)], min_compared=2) == []
    assert [s.peer.municipality for s in most_similar(own, [peer("Eén", a=1)], min_compared=1)] == [
        "Eén"
    ]


# --- with the database ----------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_venlo_sees_altenas_programme_budget_and_why(demo_edition):
    venlo = demo_trio(demo_edition, "GM0983")
    member = venlo.members.first().user
    assessment = placing.current_assessment(venlo)
    from mengpaneel.panel.models import Assessment
    from mengpaneel.panel.positions import positions_of

    own = positions_of(Assessment.objects.with_panel().get(pk=assessment.pk))
    panels = peers.peer_panels(visible_peer_trios(venlo, member), "wijkgericht-werken")
    assert {p.municipality for p in panels} == {"Altena", "Schiedam"}
    found = clearly_different(own, panels)
    positioning = found["positioning"]
    assert [d.peer.municipality for d in positioning] == ["Altena"]
    assert "programmabudget" in positioning[0].rationale
    similar = most_similar(own, panels)
    assert [(s.peer.municipality, s.compared) for s in similar] == [("Schiedam", 3), ("Altena", 4)]


@pytest.mark.django_db
def test_peer_panels_use_the_latest_revealed_moment_on_the_same_model(world):
    world.other_trio.shares_panel = True
    world.other_trio.save()
    agreed_panel(world.other_trio, {"positioning": 3})
    placing.start_assessment(world.other_trio)  # a new moment, not revealed yet
    other_model = make_panel_model(2, key="ander")
    agreed_panel(world.other_trio, {"c1": 1}, panel_model=other_model)
    panels = peers.peer_panels(visible_peer_trios(world.trio, world.member), "wijkgericht-werken")
    assert [p.positions["positioning"] for p in panels] == [3]


@pytest.mark.django_db
def test_loading_peers_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(12):
        trio = TrioFactory(edition=world.edition, shares_panel=True)
        agreed_panel(trio, {"positioning": 1, "governance": -1})
    with django_assert_max_num_queries(6):
        panels = peers.peer_panels(
            visible_peer_trios(world.trio, world.member), "wijkgericht-werken"
        )
        clearly_different({"positioning": -2}, panels)
    assert len(panels) == 12
