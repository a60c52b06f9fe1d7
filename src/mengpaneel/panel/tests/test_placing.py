"""The slider exercise as domain functions: place alone, reveal, agree, dissent, history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from mengpaneel.panel import placing, presenting
from mengpaneel.panel.constants import ChangeKind
from mengpaneel.panel.models import AgreedPosition, IndividualPlacement, PositionChange
from mengpaneel.panel.positions import far_apart

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are compared in English (the msgids), whatever the catalogue says.
    with translation.override("en"):
        yield


def _agreed(panel, key: str) -> AgreedPosition:
    return AgreedPosition.objects.get(assessment=panel.assessment, category=panel.category(key))


def _agree(panel, key, position, rationale="Omdat het zo is.", discuss=False, by=None):
    agreed = _agreed(panel, key)
    return placing.agree(
        panel.assessment,
        agreed.category,
        position,
        rationale,
        discuss,
        by or panel.members[0],
        expected_version=agreed.version,
    )


def test_first_visit_starts_one_assessment_on_the_default_model(world, panel):
    assert panel.assessment.panel_model.key == "wijkgericht-werken"
    assert placing.current_assessment(world.trio) == panel.assessment
    agreed = panel.assessment.agreed_positions.all()
    assert len(agreed) == 5
    assert all(a.position is None for a in agreed), "a new panel is unplaced, not the middle"


def test_placing_keeps_the_middle_and_unplaced_apart(panel):
    a, b, _c = panel.members
    placing.place(
        panel.assessment, a, panel.category("positioning"), 0, "Bewust midden", expected_version=0
    )
    placing.place(panel.assessment, b, panel.category("positioning"), None, expected_version=0)
    positions = dict(
        IndividualPlacement.objects.filter(category=panel.category("positioning")).values_list(
            "member", "position"
        )
    )
    assert positions == {a.pk: 0, b.pk: None}


def test_placements_are_hidden_from_other_members_until_reveal(panel):
    a, b, _c = panel.members
    placing.place(
        panel.assessment, a, panel.category("residents"), 2, "Mijn idee", expected_version=0
    )
    placing.place(panel.assessment, b, panel.category("residents"), -1, expected_version=0)
    seen_by_b = placing.visible_placements(panel.assessment, b)
    assert [(p.member, p.position) for p in seen_by_b] == [(b, -1)]

    placing.reveal(panel.assessment, by=b)
    seen_by_b = placing.visible_placements(panel.assessment, b)
    assert {(p.member, p.position) for p in seen_by_b} == {(a, 2), (b, -1)}


def test_history_of_individual_moves_is_private_until_reveal(panel):
    a, b, _c = panel.members
    placing.place(panel.assessment, a, panel.category("residents"), 2, "geheim", expected_version=0)
    changes = panel.assessment.changes
    assert not changes.visible_to(b, panel.assessment).exists()
    assert changes.visible_to(a, panel.assessment).count() == 2  # position and note
    placing.reveal(panel.assessment, by=b)
    assert changes.visible_to(b, panel.assessment).count() == 3  # and the reveal


def test_only_members_place(world, panel):
    with pytest.raises(PermissionDenied):
        placing.place(
            panel.assessment, world.organiser, panel.category("residents"), 1, expected_version=0
        )
    with pytest.raises(PermissionDenied):
        placing.place(
            panel.assessment,
            world.other_trio_member,
            panel.category("residents"),
            1,
            expected_version=0,
        )


def test_a_position_off_the_scale_is_refused(panel):
    with pytest.raises(ValidationError, match="from -3 to 3"):
        placing.place(
            panel.assessment, panel.members[0], panel.category("residents"), 4, expected_version=0
        )


def test_placing_after_reveal_is_refused(panel):
    placing.reveal(panel.assessment, by=panel.members[0])
    with pytest.raises(ValidationError):
        placing.place(
            panel.assessment, panel.members[0], panel.category("residents"), 1, expected_version=0
        )


def test_reveal_twice_changes_nothing(panel):
    first = placing.reveal(panel.assessment, by=panel.members[0]).revealed_at
    placing.reveal(panel.assessment, by=panel.members[1])
    panel.assessment.refresh_from_db()
    assert panel.assessment.revealed_at == first
    assert panel.assessment.revealed_by == panel.members[0]
    assert panel.assessment.changes.filter(kind=ChangeKind.REVEAL).count() == 1


def test_members_two_steps_apart_are_marked_for_discussion(panel):
    a, b, c = panel.members
    place = placing.place
    place(panel.assessment, a, panel.category("positioning"), 2, expected_version=0)
    place(
        panel.assessment, b, panel.category("positioning"), 0, expected_version=0
    )  # 2 apart: marked
    place(panel.assessment, a, panel.category("residents"), 1, expected_version=0)
    place(
        panel.assessment, b, panel.category("residents"), 0, expected_version=0
    )  # 1 apart: not marked
    place(
        panel.assessment, c, panel.category("residents"), None, expected_version=0
    )  # unplaced doesn't count
    place(panel.assessment, a, panel.category("governance"), -3, expected_version=0)
    place(panel.assessment, c, panel.category("governance"), 3, expected_version=0)
    placing.reveal(panel.assessment, by=a)
    page = presenting.build_panel_page(
        panel.assessment.trio, panel.assessment, a, is_member=True, can_agree=True
    )
    assert [fader.key for fader in page.far_apart] == ["positioning", "governance"]


def test_far_apart_is_two_steps_between_placed_people():
    assert far_apart([2, 0]) and far_apart([-3, None, 3])
    assert not far_apart([1, 0]) and not far_apart([3]) and not far_apart([None, None])


def test_agree_waits_for_the_reveal(panel):
    with pytest.raises(ValidationError, match="reveal"):
        _agree(panel, "positioning", 1)


def test_moving_off_the_middle_asks_for_a_rationale(panel):
    placing.reveal(panel.assessment, by=panel.members[0])
    with pytest.raises(ValidationError) as excinfo:
        _agree(panel, "positioning", 2, rationale="   ")
    assert "rationale" in excinfo.value.message_dict
    assert _agreed(panel, "positioning").position is None, "nothing was saved"

    # The middle and "not placed yet" need no rationale.
    assert _agree(panel, "residents", 0, rationale="").position == 0
    assert _agree(panel, "governance", None, rationale="").position is None


def test_agree_saves_position_rationale_and_flag_with_history(panel):
    placing.reveal(panel.assessment, by=panel.members[0])
    agreed = _agree(panel, "positioning", 2, "Eigen budget.", discuss=True, by=panel.members[1])
    assert (agreed.position, agreed.rationale, agreed.discuss, agreed.version) == (
        2,
        "Eigen budget.",
        True,
        1,
    )
    history = PositionChange.objects.filter(category=panel.category("positioning"))
    assert {(h.kind, h.old_value, h.new_value, h.user) for h in history} == {
        (ChangeKind.AGREED, "", "2", panel.members[1]),
        (ChangeKind.RATIONALE, "", "Eigen budget.", panel.members[1]),
        (ChangeKind.FLAG, "false", "true", panel.members[1]),
    }
    # Saving the same again is no change: no new version, no new history.
    again = _agree(panel, "positioning", 2, "Eigen budget.", discuss=True)
    assert again.version == 1
    assert history.count() == 3


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(panel):
    a, b, _c = panel.members
    placing.reveal(panel.assessment, by=a)
    category = panel.category("governance")
    start = _agreed(panel, "governance").version
    placing.agree(panel.assessment, category, 3, "Wethouder per kern.", False, a, start)
    with pytest.raises(placing.Conflict) as excinfo:
        placing.agree(panel.assessment, category, 1, "Korte lijnen.", False, b, start)
    conflict = excinfo.value
    assert conflict.their_rationale == "Wethouder per kern."
    assert conflict.your_rationale == "Korte lijnen."
    assert conflict.yours.position == 1
    saved = _agreed(panel, "governance")
    assert (saved.position, saved.rationale, saved.updated_by) == (3, "Wethouder per kern.", a)


def test_dissent_is_recorded_changed_and_withdrawn(world, panel):
    a, b, _c = panel.members
    placing.reveal(panel.assessment, by=a)
    agreed = _agree(panel, "communication", -1, "Gemeentebreed.")
    dissent = placing.dissent(agreed, b, "Ik zie het anders: per wijk werkt beter.")
    assert dissent.note.startswith("Ik zie")
    placing.dissent(agreed, b, "Toch per wijk.")
    assert agreed.dissents.get().note == "Toch per wijk."
    assert placing.dissent(agreed, b, "  ") is None
    assert not agreed.dissents.exists()
    kinds = panel.assessment.changes.filter(kind=ChangeKind.DISSENT)
    assert [(c.old_value, c.new_value) for c in kinds.order_by("pk")] == [
        ("", "Ik zie het anders: per wijk werkt beter."),
        ("Ik zie het anders: per wijk werkt beter.", "Toch per wijk."),
        ("Toch per wijk.", ""),
    ]
    with pytest.raises(PermissionDenied):
        placing.dissent(agreed, world.other_trio_member, "Ik ook")


def test_value_in_words_tells_middle_unplaced_and_direction_apart(panel):
    category = panel.category("positioning")
    with translation.override("en"):
        assert category.value_text(None) == "not placed yet"
        assert category.value_text(0) == "0, the middle: no choice made"
        assert category.value_text(2) == "+2, towards broad assignment with own budget or mandate"
        assert (
            category.value_text(-1)
            == "\u22121, towards in a sector team, strong in process management"
        )
    with translation.override("nl"):
        assert category.name == "Positionering intern"
        assert "brede opdracht" in category.value_text(3)


def test_a_placement_from_an_older_version_is_a_conflict_and_overwrites_nothing(panel):
    """The same member in two windows: the second save started before the first was made."""
    member, category = panel.members[0], panel.category("residents")
    first = placing.place(panel.assessment, member, category, 2, "Hier", expected_version=0)
    with pytest.raises(placing.PlacementConflict) as raised:
        placing.place(panel.assessment, member, category, -1, "Daar", expected_version=0)
    conflict = raised.value
    assert (conflict.current.position, conflict.their_note) == (2, "Hier")
    assert (conflict.yours.position, conflict.your_note) == (-1, "Daar")
    placement = IndividualPlacement.objects.get(member=member, category=category)
    assert (placement.position, placement.note, placement.version) == (2, "Hier", first.version)
    # Having seen both, the next save builds on the saved version and is kept.
    again = placing.place(
        panel.assessment, member, category, -1, "Daar", expected_version=conflict.current.version
    )
    assert (again.position, again.version) == (-1, first.version + 1)


def test_sending_a_saved_placement_again_is_not_a_conflict(panel):
    """An autosave sent again after its answer was lost carries the old version."""
    member, category = panel.members[0], panel.category("residents")
    placing.place(panel.assessment, member, category, 2, "Hier", expected_version=0)
    again = placing.place(panel.assessment, member, category, 2, "Hier", expected_version=0)
    assert (again.position, again.version) == (2, 1)
