"""Fader keys that do not start with a letter get "fader-" in front, in the panel models
and in the coherence rules that name them.

Keys travel into exports, and one that starts with "-", "+", "=" or "@" runs as a formula
in a spreadsheet. The insights app does this for the panel app: the rules that speak of a
fader by key live here, and both must change together.
"""

from django.db import migrations


def fixed_key(key: str, taken: set[str]) -> str:
    """``key`` with "fader-" in front (and "-2", "-3"… when that is taken); at most 60."""
    base = f"fader-{key.lstrip('-_')}"[:56].rstrip("-_") or "fader"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _starts_with_a_letter(key: str) -> bool:
    return key[:1].isascii() and key[:1].isalpha()


def fix_keys(apps, schema_editor):
    Category = apps.get_model("panel", "Category")
    RuleCondition = apps.get_model("insights", "RuleCondition")
    for category in Category.objects.order_by("panel_model_id", "pk"):
        if _starts_with_a_letter(category.key):
            continue
        taken = set(
            Category.objects.filter(panel_model_id=category.panel_model_id).values_list(
                "key", flat=True
            )
        )
        old, category.key = category.key, fixed_key(category.key, taken)
        category.save(update_fields=["key"])
        RuleCondition.objects.filter(
            rule__panel_model_id=category.panel_model_id, category_key=old
        ).update(category_key=category.key)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_agendalink_moves_to_agenda"),
        ("panel", "0004_keys_start_with_a_letter"),
    ]

    operations = [migrations.RunPython(fix_keys, migrations.RunPython.noop)]
