"""Which panel model an edition's new panels use: read it, choose it.

The choice is the panel app's (``EditionPanelModel``); an edition that never chose
uses the default model. It names a model by key, so it always means the model's
current version: an organiser who changes their model changes what new panels use.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from mengpaneel.panel.constants import DEFAULT_MODEL_KEY
from mengpaneel.panel.models import EditionPanelModel, PanelModel
from mengpaneel.workshops.models import Edition


def chosen_key(edition: Edition) -> str:
    """The key of the model the edition chose, or the default model's."""
    key = (
        EditionPanelModel.objects.filter(edition=edition)
        .values_list("panel_model_key", flat=True)
        .first()
    )
    return key or DEFAULT_MODEL_KEY


def model_for_new_panels(edition: Edition) -> PanelModel:
    """The current version of the edition's panel model (the default model if it is gone)."""
    chosen = PanelModel.objects.current().filter(key=chosen_key(edition)).first()
    return chosen or PanelModel.objects.default()


def choose_model(edition: Edition, panel_model_key: str) -> EditionPanelModel:
    """From now on the edition's new panels use the current version of this model.

    Panels already started keep the version they were made with.
    """
    if not PanelModel.objects.current().filter(key=panel_model_key).exists():
        raise ValidationError(
            _("There is no panel model %(key)s. Choose one from the list.")
            % {"key": panel_model_key},
            code="unknown_model",
        )
    choice, _created = EditionPanelModel.objects.update_or_create(
        edition=edition, defaults={"panel_model_key": panel_model_key}
    )
    return choice


def editions_using(panel_model_key: str, editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Those of ``editions`` whose new panels use this model."""
    chose = Q(panel_model_choice__panel_model_key=panel_model_key)
    if panel_model_key == DEFAULT_MODEL_KEY:
        chose |= Q(panel_model_choice__isnull=True)
    return editions.filter(chose)
