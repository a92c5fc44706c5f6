"""``write_reports``: several reports of one analysis, a share of them written by a child."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from ecarts_samples import analysis

import pacxl.report.parallel as parallel
from pacxl.errors import OutputError
from pacxl.report import write_report
from pacxl.report.parallel import ReportCrashed, write_reports


@pytest.fixture(scope="module")
def bob():
    return analysis("bob_prospection_terrain")


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the forks (and still fork)."""
    seen: list[int] = []
    real = os.fork

    def counted() -> int:
        pid = real()
        if pid:
            seen.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counted)
    return seen


def test_reports_written_by_two_processes_are_those_written_one_by_one(
        bob, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forks = _forks(monkeypatch)
    formats = ["json", "md", "html", "xlsx"]
    outputs = [(tmp_path / f"both.{fmt}", fmt) for fmt in formats]
    assert list(write_reports(bob, outputs)) == [path for path, _ in outputs]
    assert len(forks) == 1
    for fmt in ("json", "md", "html"):
        alone = write_report(bob, tmp_path / f"alone.{fmt}")
        assert (tmp_path / f"both.{fmt}").read_bytes() == alone.read_bytes(), fmt
    assert (tmp_path / "both.xlsx").read_bytes()[:2] == b"PK"


def test_the_shares_are_balanced() -> None:
    assert parallel._share([("a.xlsx", "xlsx"), ("a.html", "html")]) == [0]
    assert parallel._share([("a.html", "html"), ("a.xlsx", "xlsx")]) == [1]
    assert parallel._share([("a.md", "md"), ("a.html", "html")]) == [0]
    four = [("a.json", "json"), ("a.xlsx", "xlsx"), ("a.md", "md"), ("a.html", "html")]
    assert parallel._share(four) == [1]  # xlsx (2.3) against html + md + json (2.35)


def test_an_error_in_the_child_is_raised_here_with_its_message(
        bob, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "r.xlsx"  # the child's share: its folder is gone
    outputs = [(missing, "xlsx"), (tmp_path / "r.html", "html")]
    written = []
    with pytest.raises(OutputError) as caught:
        written.extend(write_reports(bob, outputs))
    assert written == []  # the failed one comes first: nothing before it
    assert caught.value.code == "output_failed"
    assert str(missing) in caught.value.message("fr")
    assert (tmp_path / "r.html").exists()  # written meanwhile, as it would have been after


def test_the_reports_before_an_error_are_yielded(bob, tmp_path: Path) -> None:
    outputs = [(tmp_path / "ok.html", "html"), (tmp_path / "gone" / "r.xlsx", "xlsx")]
    written = []
    with pytest.raises(OutputError):
        written.extend(write_reports(bob, outputs))
    assert written == [tmp_path / "ok.html"]


def test_a_bug_in_the_child_is_a_crash_not_a_hang(bob, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = parallel.write_report

    def broken(analysis, path, fmt):
        if fmt == "xlsx":
            raise ValueError("boom")
        return real(analysis, path, fmt)

    monkeypatch.setattr(parallel, "write_report", broken)
    with pytest.raises(ReportCrashed, match="ValueError: boom"):
        list(write_reports(bob, [(tmp_path / "r.xlsx", "xlsx"), (tmp_path / "r.md", "md")]))


def test_a_process_running_threads_writes_them_one_by_one(
        bob, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forks = _forks(monkeypatch)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        outputs = [(tmp_path / "t.md", "md"), (tmp_path / "t.json", "json")]
        assert list(write_reports(bob, outputs)) == [path for path, _ in outputs]
    finally:
        stop.set()
        thread.join()
    assert forks == []
    assert (tmp_path / "t.md").exists() and (tmp_path / "t.json").exists()
