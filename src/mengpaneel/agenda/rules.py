"""A trio puts a coherence rule that fires for its panel on the agenda of its case."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.agenda.models import AgendaLink
from mengpaneel.insights.coherence import fires
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel.models import Assessment
from mengpaneel.panel.positions import positions_of
from mengpaneel.workshops.models import Trio


def put_on_agenda(
    trio: Trio, rule: CoherenceRule, assessment: Assessment, by: User
) -> tuple[AgendaLink, bool]:
    """Store the rule as an item of the trio's agenda; (item, created).

    Only a rule that fires for this trio's panel can be put there. Doing it
    twice keeps one item: the second click (or a double submit) changes nothing.
    """
    if assessment.trio_id != trio.pk:
        raise ValidationError(_("This panel is not your trio's."))
    if rule.panel_model_id != assessment.panel_model_id or not (
        rule.is_active and fires(rule, positions_of(assessment))
    ):
        raise ValidationError(_("This coherence rule does not apply to your panel (any more)."))
    existing = AgendaLink.objects.filter(trio=trio, rule=rule).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            link = AgendaLink.objects.create(
                trio=trio,
                rule=rule,
                rule_key=rule.key,
                assessment=assessment,
                # The trio's own agenda is kept in its working language, Dutch.
                title=rule.title_nl,
                created_by=by,
            )
    except IntegrityError:  # two clicks at once: the other one stored it
        return AgendaLink.objects.get(trio=trio, rule=rule), False
    return link, True
