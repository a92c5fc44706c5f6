"""The child process: timeouts, memory limits, crashes and forged answers become ReadErrors;
every limit of Limits has its own message; the byte budget holds while inflating.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hostile.parts import minimal_parts, sheet_xml, strings_xml, write_zip

from pacxl.xlsx import Limits, ReadError, read_xlsx
from pacxl.xlsx.isolate import can_isolate, run_isolated
from pacxl.xlsx.limits import MB
from pacxl.xlsx.parts import Parts

pytestmark = pytest.mark.skipif(not can_isolate(), reason="needs os.fork and resource")


def _sleep() -> None:
    time.sleep(30)


def _allocate() -> int:
    return len(bytearray(2048 * MB))


def _abort() -> None:
    os.abort()


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _forged() -> object:
    return collections.OrderedDict(a=1)  # not a class a parse returns


def _refuse() -> None:
    raise ReadError("file_is_empty", path="vide.xlsx")


def _bug() -> float:
    return 1 / 0


@pytest.mark.parametrize(
    ("work", "limits", "code"),
    [
        (_sleep, Limits(timeout_s=0.5), "file_timeout"),
        (_allocate, Limits(memory_bytes=256 * MB), "file_out_of_memory"),
        (_abort, Limits(), "file_reader_crashed"),
        (_killed, Limits(), "file_out_of_memory"),
        (_forged, Limits(), "file_reader_crashed"),
        (_refuse, Limits(), "file_is_empty"),
        (_bug, Limits(), "file_reader_crashed"),
    ],
)
def test_child_trouble_becomes_a_read_error(work, limits: Limits, code: str) -> None:
    started = time.monotonic()
    with pytest.raises(ReadError) as refused:
        run_isolated(work, (), "PAC.xlsx", limits)
    assert refused.value.code == code
    assert "PAC.xlsx" in refused.value.message("fr") or code == "file_is_empty"
    assert time.monotonic() - started < 5


def test_a_good_answer_comes_back_with_stats() -> None:
    answer, stats = run_isolated(sum, ([1, 2, 3],), "PAC.xlsx", Limits())
    assert answer == 6 and stats.isolated and stats.child_peak_kb > 0


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r - 1}</v></c></row>' for r in range(1, 31))
    path = tmp_path / "petit.xlsx"
    write_zip(path, minimal_parts(sheet_xml(rows), strings_xml([f"t{i}" for i in range(30)])))
    return path


@pytest.mark.parametrize(
    ("limits", "code"),
    [
        (Limits(max_file_bytes=100), "file_too_big"),
        (Limits(max_entries=3), "file_too_many_entries"),
        (Limits(max_uncompressed=500), "file_zip_bomb"),
        (Limits(max_part_bytes=300), "file_part_too_big"),
        (Limits(max_rows=10), "file_range_too_big"),
        (Limits(max_cols=0), "file_range_too_big"),
        (Limits(max_cells=20), "file_too_many_cells"),
        (Limits(max_strings=20), "file_too_many_strings"),
    ],
)
def test_each_limit_has_its_message(small_book: Path, limits: Limits, code: str) -> None:
    with pytest.raises(ReadError) as refused:
        read_xlsx(small_book, limits)
    assert refused.value.code == code
    assert str(small_book) in refused.value.message("en")


def test_a_parse_over_the_memory_limit_is_stopped(tmp_path: Path) -> None:
    # in a fresh interpreter: a long test session's parent has enough free heap, inherited
    # by the child, to parse this without asking the system for more
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}.5</v></c></row>' for r in range(1, 50_001))
    path = tmp_path / "moyen.xlsx"
    write_zip(path, minimal_parts(sheet_xml(rows)))
    script = (
        "import sys\n"
        "from pacxl.xlsx import Limits, ReadError, read_xlsx\n"
        "try:\n"
        "    read_xlsx(sys.argv[1], Limits(memory_bytes=1024 * 1024))\n"
        "except ReadError as error:\n"
        "    print(error.code, error.params['max'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True)
    assert done.stdout.split() == ["file_out_of_memory", "1"], done.stderr
    assert len(read_xlsx(path).sheets[0].cells) == 50_000


def test_the_budget_holds_while_inflating(small_book: Path) -> None:
    # the pre-flight trusts declared sizes; the budget counts what really comes out
    with zipfile.ZipFile(small_book) as archive:
        members = {info.filename.casefold(): info for info in archive.infolist()}
        parts = Parts(archive, members, Limits(max_part_bytes=200), str(small_book))
        with pytest.raises(ReadError) as refused:
            parts.read("xl/worksheets/sheet1.xml")
        assert refused.value.code == "file_part_too_big"
        parts = Parts(archive, members, Limits(max_uncompressed=1000), str(small_book))
        parts.read("xl/workbook.xml")
        with pytest.raises(ReadError) as refused:
            parts.read("xl/worksheets/sheet1.xml")
        assert refused.value.code == "file_zip_bomb"
