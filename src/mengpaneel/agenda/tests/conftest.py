"""The insights app's fixtures (the demo, English messages): the agenda works on its rules."""

from mengpaneel.insights.tests.conftest import _english, demo_edition  # noqa: F401
