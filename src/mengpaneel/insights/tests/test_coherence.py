"""The rule engine: thresholds, several categories, unplaced faders, any panel model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mengpaneel.insights import coherence
from mengpaneel.insights.coherence import RuleBook, firing_rules
from mengpaneel.insights.models import CoherenceRule, RuleCondition
from mengpaneel.insights.tests.conftest import agreed_panel, demo_trio
from mengpaneel.panel.models import Assessment, PanelModel
from mengpaneel.panel.tests.conftest import make_panel_model


@dataclass
class Condition:
    category_key: str
    operator: str
    threshold: int


@dataclass
class Rule:
    key: str
    conditions: list = field(default_factory=list)
    is_active: bool = True


def rule(key: str, *conditions: tuple[str, str, int], active: bool = True) -> Rule:
    return Rule(key, [Condition(*c) for c in conditions], active)


def keys(rules) -> list[str]:
    return [r.key for r in rules]


SOURCE_RULES = [
    rule("positioning_vs_residents", ("positioning", ">=", 1), ("residents", "<=", -1)),
    rule("governance_vs_internal_process", ("governance", ">=", 2), ("internal_process", "<=", -1)),
]


@pytest.mark.parametrize(
    "position, fires",
    [(-3, False), (0, False), (1, True), (2, True), (3, True)],
)
def test_at_least_includes_the_threshold(position, fires):
    rules = [rule("r", ("a", ">=", 1))]
    assert keys(firing_rules(rules, {"a": position})) == (["r"] if fires else [])


@pytest.mark.parametrize(
    "position, fires",
    [(-3, True), (-1, True), (0, False), (2, False)],
)
def test_at_most_includes_the_threshold(position, fires):
    rules = [rule("r", ("a", "<=", -1))]
    assert keys(firing_rules(rules, {"a": position})) == (["r"] if fires else [])


def test_the_middle_is_a_real_position_that_a_threshold_of_zero_meets():
    assert keys(firing_rules([rule("r", ("a", ">=", 0))], {"a": 0})) == ["r"]
    assert keys(firing_rules([rule("r", ("a", "<=", 0))], {"a": 0})) == ["r"]


def test_every_condition_must_hold():
    three = rule("three", ("a", ">=", 1), ("b", "<=", -1), ("c", "<=", -1))
    assert keys(firing_rules([three], {"a": 1, "b": -1, "c": -2})) == ["three"]
    assert keys(firing_rules([three], {"a": 1, "b": -1, "c": 0})) == []
    assert keys(firing_rules([three], {"a": 0, "b": -3, "c": -3})) == []


def test_a_range_on_one_fader_takes_both_conditions():
    middle = rule("middle", ("a", ">=", -1), ("a", "<=", 1))
    assert [keys(firing_rules([middle], {"a": p})) for p in (-2, -1, 0, 1, 2)] == [
        [],
        ["middle"],
        ["middle"],
        ["middle"],
        [],
    ]


@pytest.mark.parametrize("threshold", [-3, 0, 3])
def test_an_unplaced_fader_never_makes_a_rule_fire(threshold):
    # Even a condition every placed position meets ("at least −3") does not hold for unplaced.
    for operator in (">=", "<="):
        only = rule("r", ("a", operator, threshold))
        assert firing_rules([only], {"a": None}) == []
        assert firing_rules([only], {}) == []  # a fader the panel does not have at all
    both = rule("r", ("a", ">=", -3), ("b", "<=", 3))
    assert firing_rules([both], {"a": 2, "b": None}) == []


def test_a_rule_without_conditions_never_fires():
    assert firing_rules([rule("empty")], {"a": 1}) == []


def test_inactive_rules_do_not_fire_and_order_is_kept():
    rules = [
        rule("second", ("a", ">=", 1)),
        rule("off", ("a", ">=", 1), active=False),
        rule("first", ("a", ">=", 0)),
    ]
    assert keys(firing_rules(rules, {"a": 2})) == ["second", "first"]


def test_an_unknown_operator_fires_nothing():
    assert firing_rules([rule("r", ("a", "==", 1))], {"a": 1}) == []


def test_the_source_rules_on_the_demo_positions():
    altena = {
        "positioning": 2,
        "residents": -1,
        "internal_process": -3,
        "governance": 3,
        "communication": -1,
    }
    schiedam = {
        "positioning": None,
        "residents": 3,
        "internal_process": -3,
        "governance": 1,
        "communication": -1,
    }
    venlo = {
        "positioning": -1,
        "residents": None,
        "internal_process": -3,
        "governance": 2,
        "communication": -1,
    }
    assert keys(firing_rules(SOURCE_RULES, altena)) == [
        "positioning_vs_residents",
        "governance_vs_internal_process",
    ]
    assert keys(firing_rules(SOURCE_RULES, venlo)) == ["governance_vs_internal_process"]
    assert keys(firing_rules(SOURCE_RULES, schiedam)) == []


# --- with the database: the stored rules -------------------------------------------------


def _stored_rule(panel_model, key, *conditions, **values) -> CoherenceRule:
    stored = CoherenceRule.objects.create(
        panel_model=panel_model,
        key=key,
        title_nl=f"Regel {key}",
        title_en=f"Rule {key}",
        explanation_nl="Uitleg.",
        questions_nl="Vraag een?\nVraag twee?",
        **values,
    )
    for category_key, operator, threshold in conditions:
        RuleCondition.objects.create(
            rule=stored, category_key=category_key, operator=operator, threshold=threshold
        )
    return stored


@pytest.mark.django_db
def test_rules_work_for_a_model_with_other_keys_and_seven_faders(world):
    seven = make_panel_model(7, key="zeven")
    _stored_rule(seven, "c6_vs_c7", ("c6", ">=", 2), ("c7", "<=", -2))
    _stored_rule(seven, "c1_high", ("c1", ">=", 3))
    assessment = agreed_panel(world.trio, {"c1": 2, "c6": 3, "c7": -2}, panel_model=seven)
    assessment = Assessment.objects.with_panel().get(pk=assessment.pk)
    assert RuleBook.for_assessments([assessment]).firing_keys(assessment) == ["c6_vs_c7"]


@pytest.mark.django_db
def test_a_rule_book_reads_the_rules_of_many_panels_in_two_queries(
    world, django_assert_num_queries
):
    other_model = make_panel_model(3, key="drie")
    _stored_rule(other_model, "c1_low", ("c1", "<=", -1))
    default_panels = [
        agreed_panel(world.trio, {"positioning": 2, "residents": -2}),
        agreed_panel(world.other_trio, {"governance": 3, "internal_process": -1}),
    ]
    third = agreed_panel(world.trio, {"c1": -1}, panel_model=other_model)
    assessments = list(
        Assessment.objects.with_panel().filter(pk__in=[a.pk for a in [*default_panels, third]])
    )
    with django_assert_num_queries(2):
        book = RuleBook.for_assessments(assessments)
    with django_assert_num_queries(0):
        fired = {a.pk: book.firing_keys(a) for a in assessments}
    assert "positioning_vs_residents" in fired[default_panels[0].pk]
    assert "governance_vs_internal_process" in fired[default_panels[1].pk]
    assert fired[third.pk] == ["c1_low"]


@pytest.mark.django_db
def test_demo_altena_fires_both_source_rules_venlo_one_schiedam_neither(demo_edition):
    book_keys = {}
    for code in ("GM1959", "GM0606", "GM0983"):
        trio = demo_trio(demo_edition, code)
        assessment = Assessment.objects.for_trio(trio).with_panel().get()
        book_keys[code] = RuleBook.for_assessments([assessment]).firing_keys(assessment)
    source = {"positioning_vs_residents", "governance_vs_internal_process"}
    assert source <= set(book_keys["GM1959"])
    assert set(book_keys["GM0983"]) & source == {"governance_vs_internal_process"}
    assert not set(book_keys["GM0606"]) & source
    # The further rules of the default set give each demo trio something to talk about.
    assert all(book_keys.values()), book_keys


@pytest.mark.django_db
def test_a_new_model_version_keeps_the_rules(world):
    from mengpaneel.panel import versions

    default = PanelModel.objects.default()
    agreed_panel(world.trio, {"positioning": 1})  # in use: a change needs a new version
    newer = versions.new_version(default)
    assert newer.pk != default.pk
    before = {
        (r.key, tuple(sorted(str(c) for c in r.conditions.all())))
        for r in default.coherence_rules.all()
    }
    after = {
        (r.key, tuple(sorted(str(c) for c in r.conditions.all())))
        for r in newer.coherence_rules.all()
    }
    assert before and before == after
    assert coherence.copy_rules(default, newer) == 0  # copying again adds nothing


def test_a_copy_of_a_model_starts_with_its_coherence_rules(client, world):
    from mengpaneel.insights.models import CoherenceRule
    from mengpaneel.panel import versions
    from mengpaneel.panel.models import PanelModel

    default = PanelModel.objects.default()
    fields, categories = versions.model_values(default)
    copy = versions.create_model(
        {**fields, "name_nl": "Kopie"}, categories, by=world.organiser, copied_from=default
    )
    copied = set(CoherenceRule.objects.filter(panel_model=copy).values_list("key", flat=True))
    assert copied == set(
        CoherenceRule.objects.filter(panel_model=default).values_list("key", flat=True)
    )
    assert len(copied) == 10
