from __future__ import annotations

import pytest

from mengpaneel.ratelimit import rates


class Clock:
    """Time for the limiter, moved by hand."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    # The start of an hour: window arithmetic in the tests stays readable.
    clock = Clock(1_800_000_000.0 - 1_800_000_000.0 % 3600)
    monkeypatch.setattr(rates, "_clock", clock)
    return clock
