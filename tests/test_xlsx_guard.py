"""The parse's limits in a batch worker (pacxl/xlsx/guard.py): a timer, a memory cap, and
the same refusal for every hostile file as the parse forked into a child."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile.make_corpus import make_corpus

from pacxl.batch import analyse_files, workbook_files
from pacxl.errors import PacxlError, ReadError
from pacxl.importer import read_workbook
from pacxl.xlsx.guard import available, guarded
from pacxl.xlsx.limits import MB, Limits

pytestmark = pytest.mark.skipif(not available(), reason="POSIX timers and rlimits")


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_parse_that_runs_too_long_is_stopped() -> None:
    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught, guarded("lent.xlsx", Limits(timeout_s=0.2)):
        _spin(5)
    assert caught.value.code == "file_timeout"
    assert "lent.xlsx" in caught.value.message("fr")
    assert time.monotonic() - started < 2
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_library_catching_exceptions_cannot_swallow_the_timer() -> None:
    def stubborn() -> None:
        try:
            _spin(5)
        except Exception:  # what a parser's "damaged file" handler does
            pytest.fail("the timer was caught as an ordinary exception")

    with pytest.raises(ReadError) as caught, guarded("x.xlsx", Limits(timeout_s=0.1)):
        stubborn()
    assert caught.value.code == "file_timeout"


def test_a_quick_parse_and_its_errors_pass_through_untouched() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with guarded("ok.xlsx"):
        value = sum(range(1000))
    assert value == 499500
    with pytest.raises(ReadError) as caught, guarded("x.xlsx"):
        raise ReadError("file_is_csv", path="x.xlsx")
    assert caught.value.code == "file_is_csv"
    with pytest.raises(ReadError) as caught, guarded("x.xlsx"):
        raise MemoryError
    assert caught.value.code == "file_out_of_memory"
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_capped_process_refuses_a_file_that_needs_too_much_memory() -> None:
    code = textwrap.dedent(f"""
        from pacxl.errors import ReadError
        from pacxl.xlsx.guard import cap_process, guarded
        from pacxl.xlsx.limits import Limits
        limits = Limits(memory_bytes={64 * MB})
        cap_process(limits)
        try:
            with guarded("gros.xlsx", limits):
                block = bytearray({4096 * MB})
            print("allocated")
        except ReadError as error:
            print(error.code)
        kept = bytearray({16 * MB})  # the worker goes on with the next file
        print("alive", len(kept))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["file_out_of_memory", f"alive {16 * MB}"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-batch")
    make_corpus(folder)
    return folder


def test_workers_refuse_every_hostile_file_as_a_forked_parse_does(hostile: Path) -> None:
    files = workbook_files([hostile])
    expected = {}
    for file in files:
        try:
            read_workbook(file)
            expected[file.name] = None
        except PacxlError as error:
            expected[file.name] = error.code
    started = time.monotonic()
    analyses, failures = analyse_files([hostile], workers=2)
    assert time.monotonic() - started < 60
    got = {Path(f.path).name: f.code for f in failures} | {Path(a.path).name: None
                                                            for a in analyses}
    assert got == expected
    assert len(files) > 20 and sum(code is not None for code in got.values()) > 20
