"""``Reading``: a whole read in a forked child, started before this process needs it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from ecarts_samples import SAMPLES
from hostile.make_corpus import make_corpus

import pacxl.xlsx.isolate as isolate
from pacxl.errors import ReadError
from pacxl.importer import Reading, read_plan

BOB = SAMPLES / "bob_prospection_terrain.xlsx"


def test_the_plan_read_by_a_child_is_the_plan_read_here() -> None:
    with Reading(BOB) as reading:
        assert reading.running is not None and reading.running.children
        plan = reading.plan()
    assert plan == read_plan(BOB, isolate=False)
    assert plan.tables["actions"] and plan.findings == read_plan(BOB).findings


def test_the_child_works_while_this_process_does_something_else() -> None:
    started = time.monotonic()
    with Reading(BOB) as reading:
        time.sleep(0.5)  # importing pandas, in the command
        waited = time.monotonic()
        reading.plan()
    assert time.monotonic() - waited < 0.1, "the read should be over by now"
    assert time.monotonic() - started < 5


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("hostile-reading")
    return folder, make_corpus(folder)


def test_a_hostile_file_is_refused_as_read_plan_refuses_it(hostile) -> None:
    folder, expected = hostile
    for name in ("zip_bomb.xlsx", "billion_laughs.xlsx", "export.xlsx", "truncated.xlsx",
                 "strings_bomb.xlsx", "macros.xlsm"):
        with pytest.raises(ReadError) as caught, Reading(folder / name) as reading:
            reading.plan()
        with pytest.raises(ReadError) as alone:
            read_plan(folder / name)
        assert caught.value.code == alone.value.code
        assert caught.value.code == (expected[name] or "not_pac")


def test_leaving_early_stops_the_child() -> None:
    with Reading(BOB) as reading:
        pid = reading.running.children[0].pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left behind


def test_without_fork_the_plan_is_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolate, "can_isolate", lambda: False)
    with Reading(BOB) as reading:
        assert reading.running is None
        assert reading.plan() == read_plan(BOB, isolate=False)
