"""A new panel model version, or a copy of a model, starts with the coherence rules
of the model it came from.

``panel.versions`` copies a model's categories; the rules belong to this app, so
they follow through these hooks instead of a change in the panel app.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from mengpaneel.panel.models import PanelModel
from mengpaneel.panel.signals import model_copied


@receiver(post_save, sender=PanelModel, dispatch_uid="insights_copy_rules_to_new_version")
def copy_rules_to_new_version(sender, instance: PanelModel, created: bool, raw: bool, **kwargs):
    if not created or raw:
        return
    from mengpaneel.insights.coherence import copy_rules

    previous = (
        PanelModel.objects.filter(key=instance.key, version__lt=instance.version)
        .order_by("-version")
        .first()
    )
    if previous is not None:
        copy_rules(previous, instance)


@receiver(model_copied, dispatch_uid="insights_copy_rules_to_copied_model")
def copy_rules_to_copied_model(sender, source: PanelModel, copy: PanelModel, **kwargs):
    from mengpaneel.insights.coherence import copy_rules

    copy_rules(source, copy)
