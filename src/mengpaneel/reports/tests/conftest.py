"""The panel app's fixtures (a trio of three on the default model), for the exports of it."""

from mengpaneel.panel.tests.conftest import panel  # noqa: F401
