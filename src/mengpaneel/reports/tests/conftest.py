"""Fixtures of the apps whose data the exports read: a trio of three, and the demo."""

from mengpaneel.insights.tests.conftest import demo_edition  # noqa: F401
from mengpaneel.panel.tests.conftest import panel  # noqa: F401
