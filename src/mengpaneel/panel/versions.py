"""Panel model versions: a version that assessments use never changes.

To change such a model an organiser makes a new version (a copy with its
categories); new assessments use it, old assessments keep the version they
were made with.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mengpaneel.panel.constants import MAX_CATEGORIES, MIN_CATEGORIES
from mengpaneel.panel.models import Category, PanelModel

_COPIED_CATEGORY_FIELDS = [
    field.name
    for field in Category._meta.concrete_fields
    if field.name not in ("id", "panel_model")
]


def check_category_count(count: int) -> None:
    if not MIN_CATEGORIES <= count <= MAX_CATEGORIES:
        raise ValidationError(
            _("A panel model has from %(low)d to %(high)d categories; this one has %(count)d.")
            % {"low": MIN_CATEGORIES, "high": MAX_CATEGORIES, "count": count},
            code="category_count",
        )


@transaction.atomic
def new_version(panel_model: PanelModel, by=None) -> PanelModel:
    """Copy ``panel_model`` into the next version, which becomes the current one.

    A version nobody used yet is simply returned: it may still be edited in place.
    """
    if not panel_model.is_in_use():
        return panel_model
    highest = PanelModel.objects.filter(key=panel_model.key).aggregate(Max("version"))
    PanelModel.objects.filter(key=panel_model.key, is_current=True).update(is_current=False)
    copy = PanelModel.objects.create(
        key=panel_model.key,
        name_nl=panel_model.name_nl,
        name_en=panel_model.name_en,
        scale_min=panel_model.scale_min,
        scale_max=panel_model.scale_max,
        version=highest["version__max"] + 1,
        is_current=True,
        created_by=by,
    )
    Category.objects.bulk_create(
        Category(panel_model=copy, **{f: getattr(c, f) for f in _COPIED_CATEGORY_FIELDS})
        for c in panel_model.categories.all()
    )
    return copy
