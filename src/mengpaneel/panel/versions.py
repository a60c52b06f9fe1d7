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
from mengpaneel.panel.models import KEY_STARTS_WITH_A_LETTER, Category, PanelModel, key_from_name
from mengpaneel.panel.signals import model_copied

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


# Editing a model from the organisers' pages. The form hands over plain values;
# these functions decide between "edit in place" and "make a new version".

MODEL_FIELDS = ("name_nl", "name_en", "scale_min", "scale_max")
CATEGORY_FIELDS = (
    "key",
    "name_nl",
    "name_en",
    "question_nl",
    "question_en",
    "top_nl",
    "top_en",
    "bottom_nl",
    "bottom_en",
    "explanation_nl",
    "explanation_en",
)


def model_values(panel_model: PanelModel) -> tuple[dict, list[dict]]:
    """A model version as the plain values the edit form starts from."""
    fields = {name: getattr(panel_model, name) for name in MODEL_FIELDS}
    categories = [
        {name: getattr(category, name) for name in CATEGORY_FIELDS}
        for category in panel_model.categories.all()
    ]
    return fields, categories


# Paths under /mengpanelen/ that a model key must not shadow.
_RESERVED_KEYS = {"nieuw"}


def free_model_key(name: str) -> str:
    """A key for a new model, from its name; "-2", "-3"… when it is taken."""
    base = key_from_name(name, "mengpaneel")[:50]
    key, number = base, 1
    while key in _RESERVED_KEYS or PanelModel.objects.filter(key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return key


def can_edit(user, key: str) -> bool:
    """Whoever made a version of the model may change it; staff may change any.

    The default model ships with the product and is shared by every edition, so
    organisers copy it into a model of their own rather than change it for all.
    """
    if not user.is_authenticated:
        return False
    return user.is_staff or PanelModel.objects.filter(key=key, created_by=user).exists()


def category_key(values: dict) -> str:
    """The key a category is stored under: the one given, else made from the Dutch name."""
    return values.get("key") or key_from_name(values.get("name_nl", ""), "fader")[:60]


def _replace_categories(panel_model: PanelModel, categories: list[dict]) -> None:
    check_category_count(len(categories))
    keys = [category_key(values) for values in categories]
    if "" in keys or len(set(keys)) != len(keys):
        raise ValidationError(_("Every fader needs a key of its own."), code="category_keys")
    for key in keys:
        KEY_STARTS_WITH_A_LETTER(key)  # bulk_create runs no field validators
    panel_model.categories.all().delete()
    Category.objects.bulk_create(
        Category(panel_model=panel_model, order=order, **{**values, "key": key})
        for order, (key, values) in enumerate(zip(keys, categories, strict=True), start=1)
    )


@transaction.atomic
def create_model(
    fields: dict,
    categories: list[dict],
    *,
    by,
    key: str = "",
    copied_from: PanelModel | None = None,
) -> PanelModel:
    """A new panel model (version 1) with its categories, in the given order.

    A copy of another model also gets what belongs to that model elsewhere
    (its coherence rules) through the ``model_copied`` signal.
    """
    panel_model = PanelModel.objects.create(
        key=key or free_model_key(fields["name_nl"]),
        version=1,
        is_current=True,
        created_by=by,
        **fields,
    )
    _replace_categories(panel_model, categories)
    if copied_from is not None:
        model_copied.send(sender=PanelModel, source=copied_from, copy=panel_model)
    return panel_model


@transaction.atomic
def save_changes(
    panel_model: PanelModel, fields: dict, categories: list[dict], *, by
) -> PanelModel:
    """Apply an edit to the current version; returns the version that holds it.

    A version nobody used yet changes in place. A version that assessments use
    stays as it is: the edit becomes the next version, which new assessments
    use. Saving without a change makes no new version.
    """
    panel_model = PanelModel.objects.select_for_update(of=("self",)).get(pk=panel_model.pk)
    if (fields, categories) == model_values(panel_model):
        return panel_model
    target = new_version(panel_model, by=by)
    for name, value in fields.items():
        setattr(target, name, value)
    target.save()
    _replace_categories(target, categories)
    return target
