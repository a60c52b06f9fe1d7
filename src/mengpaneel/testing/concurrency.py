"""Work in threads of its own, as concurrent requests run, for tests on a real database."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections, transaction


class InThread:
    """Runs ``function`` in a new thread at once; its database connections close after it."""

    def __init__(self, function: Callable[[], object]) -> None:
        self._outcome: dict = {}
        self._thread = threading.Thread(target=self._run, args=(function,))
        self._thread.start()

    def _run(self, function: Callable[[], object]) -> None:
        try:
            self._outcome["value"] = function()
        except BaseException as error:  # handed to the test's thread
            self._outcome["error"] = error
        finally:
            connections.close_all()

    def still_running_after(self, seconds: float) -> bool:
        self._thread.join(seconds)
        return self._thread.is_alive()

    def result(self, timeout: float = 60) -> object:
        """What ``function`` returned; what it raised is raised here."""
        self._thread.join(timeout)
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome.get("value")


def run_elsewhere(function: Callable[[], object]) -> object:
    """Run ``function`` in a thread of its own and return its result.

    Playwright's sync API keeps an event loop running on the main thread for the rest of
    the session once a browser test ran, and asyncio and async_to_sync refuse to nest in
    it. A test that touches the database from there needs ``transaction=True``.
    """
    return InThread(function).result()


def while_held(hold: Callable[[], object], attempt: Callable[[], object], wait: float = 0.5):
    """Run ``hold`` in a transaction kept open, and meanwhile ``attempt`` in another thread.

    Returns whether ``attempt`` was still waiting after ``wait`` seconds, and what it then
    returned, or the exception it raised, once ``hold`` committed. The test needs
    ``transaction=True``.
    """
    holding, release = threading.Event(), threading.Event()

    def keep_open() -> None:
        with transaction.atomic():
            hold()
            holding.set()
            release.wait(5)

    def try_it() -> object:
        try:
            return attempt()
        except Exception as error:
            return error

    holder = InThread(keep_open)
    if not holding.wait(5):
        holder.result(5)  # raises what went wrong
        raise RuntimeError("the first transaction did not get as far as holding its lock")
    attempter = InThread(try_it)
    waited = attempter.still_running_after(wait)
    release.set()
    holder.result(5)
    return waited, attempter.result(5)
