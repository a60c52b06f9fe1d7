"""Signals other apps listen to, so the panel app never imports them."""

from django.dispatch import Signal

# Sent after an organiser copies a model into a new one: ``source`` and ``copy``
# are PanelModel versions. The insights app copies the coherence rules along.
model_copied = Signal()
