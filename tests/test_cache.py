"""Cached values computed in a forked child: the same values as here, whatever happens to it."""

from __future__ import annotations

import datetime as dt
import gc
import os
from itertools import islice

import pytest

from pacxl import cache
from pacxl.build import build_book
from pacxl.options import new_options

TODAY = dt.date(2027, 6, 30)
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: computed here")


@pytest.fixture(scope="module")
def book():
    return build_book(new_options(year=2027, action_rows=300))


@pytest.fixture(scope="module")
def expected(book) -> list[object]:
    return list(cache.compute(book, TODAY))


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children background_values forks. Idle threads another test left behind (a
    served page, a pool) would make it compute in process: the fork path is what is
    tested here, so it is told that this process runs one thread."""
    monkeypatch.setattr(cache.threading, "active_count", lambda: 1)
    pids, real = [], os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _reaped(pids: list[int]) -> bool:
    """One child was forked, and it has been waited for."""
    if len(pids) != 1:
        return False
    try:
        os.waitpid(pids[0], os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_sends_every_value_in_order(book, expected, forked) -> None:
    assert len(expected) > 3 * cache.CHUNK  # several messages
    assert list(cache.background_values(book, TODAY)()) == expected
    assert _reaped(forked)


def test_a_child_cut_short_is_completed_here(book, expected, forked, monkeypatch) -> None:
    real, parent = cache.compute, os.getpid()

    def failing_in_the_child(book, today=None):
        values = real(book, today)
        if os.getpid() == parent:
            return values

        def cut():
            yield from islice(values, cache.CHUNK + 5)
            raise RuntimeError("the child fails")

        return cut()

    monkeypatch.setattr(cache, "compute", failing_in_the_child)
    assert list(cache.background_values(book, TODAY)()) == expected
    assert _reaped(forked)


def test_a_writer_that_stops_early_leaves_no_child(book, expected, forked) -> None:
    values = cache.background_values(book, TODAY)()
    assert list(islice(values, 3)) == expected[:3]
    values.close()
    assert _reaped(forked)


def test_the_heap_is_frozen_while_writing_only() -> None:
    assert gc.get_freeze_count() == 0
    with cache.frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with cache.frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
