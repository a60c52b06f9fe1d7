"""Two requests at once against a real database: does the second wait for the first's lock?"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection, transaction


def while_held(hold: Callable[[], object], attempt: Callable[[], object], wait: float = 0.5):
    """Run ``hold`` in a transaction kept open, and meanwhile ``attempt`` in another thread.

    Returns whether ``attempt`` was still waiting after ``wait`` seconds, and what it then
    returned, or the exception it raised, once ``hold`` committed. Each runs in a thread of
    its own, as two requests do; the test needs ``transaction=True``.
    """
    holding, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def first() -> None:
        try:
            with transaction.atomic():
                hold()
                holding.set()
                release.wait(5)
        finally:
            connection.close()

    def second() -> None:
        try:
            outcome["value"] = attempt()
        except Exception as error:  # handed to the test's thread
            outcome["value"] = error
        finally:
            connection.close()

    holder = threading.Thread(target=first)
    holder.start()
    if not holding.wait(5):
        holder.join(5)
        raise RuntimeError("the first transaction did not get as far as holding its lock")
    attempter = threading.Thread(target=second)
    attempter.start()
    attempter.join(wait)
    waited = attempter.is_alive()
    release.set()
    holder.join(5)
    attempter.join(5)
    return waited, outcome.get("value")
