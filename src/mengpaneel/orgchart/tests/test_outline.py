"""Reading the indented outline: tabs or spaces, line-numbered errors, at most 200 units."""

from __future__ import annotations

import pytest

from mengpaneel.orgchart.outline import MAX_UNITS, OutlineError, parse
from mengpaneel.testing.orgcharts import SMALL, deep_outline, large_outline


def _tree(text: str) -> list[tuple[int, str]]:
    return [(unit.depth, unit.name) for unit in parse(text).units]


EXPECTED = [
    (0, "College van B&W"),
    (1, "Gemeentesecretaris"),
    (2, "Directie externe oriëntatie"),
    (3, "Team Samenleving"),
    (2, "Directie interne oriëntatie"),
    (1, "Griffie"),
]


@pytest.mark.parametrize("indent", ["\t", "  ", "    "], ids=["tabs", "2 spaces", "4 spaces"])
def test_tabs_two_or_four_spaces_all_read_the_same(indent):
    text = "\n".join(
        [
            "College van B&W",
            indent + "Gemeentesecretaris",
            indent * 2 + "Directie externe oriëntatie",
            indent * 3 + "Team Samenleving",
            indent * 2 + "Directie interne oriëntatie",
            indent + "Griffie",
        ]
    )
    assert _tree(text) == EXPECTED


def test_parents_and_children_follow_the_indentation():
    parsed = parse(SMALL)
    college = parsed.roots[0]
    assert [child.name for child in college.children] == ["Gemeentesecretaris / algemeen directeur"]
    team = next(unit for unit in parsed.units if unit.name == "Team Samenleving")
    assert [unit.name for unit in team.ancestors()] == [
        "Directie externe oriëntatie",
        "Gemeentesecretaris / algemeen directeur",
        "College van B&W",
    ]
    assert team.top() is college
    assert parsed.depth == 4


def test_blank_lines_bullets_and_extra_spaces_are_forgiven():
    text = "\n- College van B&W\n\n  • Griffie   en   raad  \n  * Gemeentesecretaris\n    – Team\n"
    assert _tree(text) == [
        (0, "College van B&W"),
        (1, "Griffie en raad"),
        (1, "Gemeentesecretaris"),
        (2, "Team"),
    ]


def test_lines_keep_their_number_in_the_text_as_typed():
    parsed = parse("\nCollege\n\n  Team\n")
    assert [unit.line for unit in parsed.units] == [2, 4]


def test_several_top_units_are_allowed():
    assert [root.name for root in parse("Gemeenteraad\n  Griffie\nCollege\n  Directie").roots] == [
        "Gemeenteraad",
        "College",
    ]


def test_an_indent_that_matches_no_line_above_names_its_line():
    text = "College\n    Directie\n      Team A\n     Team B\n"
    with pytest.raises(OutlineError) as error:
        parse(text)
    [line_error] = error.value.errors
    assert line_error.line == 4
    assert "Line 4:" in str(line_error) and "5 spaces" in str(line_error)
    assert "matches none of the lines above it" in str(line_error)


def test_a_line_indented_less_than_the_first_is_named():
    with pytest.raises(OutlineError) as error:
        parse("  College\nDirectie\n")
    assert error.value.errors[0].line == 2


def test_mixing_tabs_and_spaces_names_the_line():
    with pytest.raises(OutlineError) as error:
        parse("College\n\tDirectie\n    Team\n")
    assert error.value.errors[0].line == 3
    assert "spaces" in str(error.value.errors[0]) and "tabs" in str(error.value.errors[0])


def test_tabs_and_spaces_in_one_indent_are_named():
    with pytest.raises(OutlineError) as error:
        parse("College\n \tDirectie\n")
    assert "mixes tabs and spaces" in str(error.value.errors[0])


def test_errors_of_several_lines_are_reported_together():
    with pytest.raises(OutlineError) as error:
        parse("College\n    A\n   B\n  C\n     D\n")
    assert [e.line for e in error.value.errors] == [3, 4]


def test_two_hundred_units_fit_and_two_hundred_and_one_do_not():
    assert len(parse(large_outline(MAX_UNITS)).units) == MAX_UNITS
    with pytest.raises(OutlineError) as error:
        parse(large_outline(MAX_UNITS + 1))
    message = str(error.value.errors[-1])
    assert "201 units" in message and "at most 200" in message


def test_a_very_long_name_is_named_with_its_line_and_length():
    with pytest.raises(OutlineError) as error:
        parse("College\n  " + "x" * 151)
    assert error.value.errors[0].line == 2 and "151 characters" in str(error.value.errors[0])


def test_a_deep_chart_reads():
    parsed = parse(deep_outline(12))
    assert parsed.depth == 12


def test_keys_survive_adding_lines_elsewhere():
    before = parse("College\n  Directie\n    Team Samenleving\n")
    after = parse("College\n  Griffie\n  Directie\n    Team Economie\n    Team Samenleving\n")
    key = before.units[2].key
    assert after.find(key).name == "Team Samenleving"


def test_two_units_with_one_name_under_one_parent_have_their_own_key():
    parsed = parse("College\n  Team\n  Team\n")
    assert parsed.units[1].key != parsed.units[2].key


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        "Wijk 🏘️ met 👩‍👩‍👧",
        "שכונה עם דיירים — حي السكان",
        "\u202eeerht\u202c team",
        "{{ request }} {% csrf_token %}",
    ],
)
def test_hostile_names_are_read_as_text(name):
    assert parse(f"College\n  {name}\n").units[1].name == name
