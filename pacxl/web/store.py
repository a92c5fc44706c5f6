"""Reports kept in memory for their downloads: a bounded, expiring map keyed by random tokens.

Nothing is written to disk. A report lives ``retention`` seconds after its upload, and at
most ``capacity`` reports are kept: a new one pushes out the oldest. A token is 128 random
bits: a report can only be reached by the person who got its link. One store per process:
behind a server with several worker processes, run one process with threads
(docs/deploy.md).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class ReportStore:
    """A thread-safe map token → report that forgets after ``retention`` seconds."""

    def __init__(self, retention: float, capacity: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.retention, self.capacity, self.clock = retention, capacity, clock
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, item: Any) -> str:
        """Keep ``item``; return its new token."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            self._items[token] = (self.clock(), item)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Any | None:
        """The item of ``token``, or None when unknown or expired."""
        with self._lock:
            self._expire()
            found = self._items.get(token)
        return None if found is None else found[1]

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _expire(self) -> None:
        # tokens are in the order they were made: drop the expired ones from the front
        deadline = self.clock() - self.retention
        while self._items and next(iter(self._items.values()))[0] <= deadline:
            self._items.popitem(last=False)
