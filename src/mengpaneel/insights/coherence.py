"""Coherence: which rules fire for a panel (docs/design.md, "Coherence").

The evaluation is plain Python over ``{category key: position}``; it knows no
model, no five categories and no keys. A rule fires when every one of its
conditions holds. An unplaced fader (None) holds no condition, so it never
makes a rule fire: "not placed yet" is not a choice. A rule without
conditions never fires either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.db import transaction

from mengpaneel.insights.constants import Operator
from mengpaneel.insights.models import CoherenceRule, RuleCondition
from mengpaneel.panel.models import Assessment, PanelModel
from mengpaneel.panel.positions import positions_of

Positions = Mapping[str, int | None]


class ConditionLike(Protocol):
    category_key: str
    operator: str
    threshold: int


def condition_holds(condition: ConditionLike, positions: Positions) -> bool:
    position = positions.get(condition.category_key)
    if position is None:
        return False
    if condition.operator == Operator.AT_LEAST:
        return position >= condition.threshold
    if condition.operator == Operator.AT_MOST:
        return position <= condition.threshold
    return False  # an operator we don't know fires nothing rather than everything


def conditions_of(rule: Any) -> list[ConditionLike]:
    """A rule's conditions: a related manager (prefetched) or a plain list.

    A rule is a ``CoherenceRule``, or in tests and imports any object whose
    ``conditions`` is a plain list of condition-likes.
    """
    conditions = rule.conditions
    return list(conditions.all() if hasattr(conditions, "all") else conditions)


def fires(rule: Any, positions: Positions) -> bool:
    conditions = conditions_of(rule)
    return bool(conditions) and all(condition_holds(c, positions) for c in conditions)


def firing_rules[Rule](rules: Iterable[Rule], positions: Positions) -> list[Rule]:
    """The active rules whose conditions all hold for these positions, in the given order."""
    return [rule for rule in rules if getattr(rule, "is_active", True) and fires(rule, positions)]


class RuleBook:
    """The active rules of a set of model versions, loaded once (two queries), then reused.

    Pages that show many panels (the comparison) evaluate every panel with one
    book, so the number of queries does not grow with the number of panels.
    """

    def __init__(self, rules: Iterable[CoherenceRule]) -> None:
        self._by_model: dict[int, list[CoherenceRule]] = defaultdict(list)
        for rule in rules:
            self._by_model[rule.panel_model_id].append(rule)

    @classmethod
    def for_models(cls, panel_model_ids: Iterable[int]) -> RuleBook:
        ids = set(panel_model_ids)
        if not ids:
            return cls([])
        return cls(CoherenceRule.objects.for_models(ids))

    @classmethod
    def for_assessments(cls, assessments: Iterable[Assessment]) -> RuleBook:
        return cls.for_models(a.panel_model_id for a in assessments)

    def rules_for(self, panel_model_id: int) -> list[CoherenceRule]:
        return self._by_model.get(panel_model_id, [])

    def firing(self, assessment: Assessment) -> list[CoherenceRule]:
        return firing_rules(self.rules_for(assessment.panel_model_id), positions_of(assessment))

    def firing_for(self, panel_model_id: int, positions: Positions) -> list[CoherenceRule]:
        """The same for positions read as plain values (``panel.positions``)."""
        return firing_rules(self.rules_for(panel_model_id), positions)

    def firing_keys(self, assessment: Assessment) -> list[str]:
        return [rule.key for rule in self.firing(assessment)]


@transaction.atomic
def copy_rules(source: PanelModel, target: PanelModel) -> int:
    """Give model version ``target`` a copy of the rules of ``source``; returns how many.

    Rules speak of categories by key, which a new version keeps; a key the
    organiser removes later simply never holds.
    """
    rules = list(CoherenceRule.objects.filter(panel_model=source).prefetch_related("conditions"))
    existing = set(CoherenceRule.objects.filter(panel_model=target).values_list("key", flat=True))
    copied = 0
    for rule in rules:
        if rule.key in existing:
            continue
        conditions = list(rule.conditions.all())
        rule.pk = None
        rule._state.adding = True
        rule.panel_model = target
        rule.save()
        RuleCondition.objects.bulk_create(
            RuleCondition(
                rule=rule,
                category_key=c.category_key,
                operator=c.operator,
                threshold=c.threshold,
            )
            for c in conditions
        )
        copied += 1
    return copied
