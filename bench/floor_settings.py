"""The project's settings with one addition for benchmarks: a floor view at /bench/floor/."""

from mengpaneel.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
