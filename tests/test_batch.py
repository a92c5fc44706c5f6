"""``analyse_files`` and ``consolidate_files``: a folder of workbooks on both cores, the broken
ones reported, in order."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from ecarts_samples import SAMPLES

import pacxl
import pacxl.batch
import pacxl.ecarts
from pacxl.batch import Failure, analyse_files, consolidate_files, context, workbook_files
from pacxl.batch.pool import Workers
from pacxl.errors import OptionError
from pacxl.messages import message

GOOD = {"a_bob.xlsx": "bob_prospection_terrain", "c_plezi.xlsx": "plezi_inbound"}
BROKEN = {"b_notes.xlsx": "file_is_csv", "d_cut.xlsx": "file_corrupt_zip"}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two good workbooks, a text file named .xlsx, a truncated one, a lock file, a hidden
    copy, and a subfolder holding one more workbook."""
    folder = tmp_path_factory.mktemp("plans")
    for name, sample in GOOD.items():
        shutil.copyfile(SAMPLES / f"{sample}.xlsx", folder / name)
    (folder / "b_notes.xlsx").write_text("pas un classeur ; juste du texte\n", encoding="utf-8")
    whole = (SAMPLES / "soxperts_b2b.xlsx").read_bytes()
    (folder / "d_cut.xlsx").write_bytes(whole[: len(whole) // 2])
    (folder / "~$a_bob.xlsx").write_bytes(b"\x0bZo\xe9" + b"\x00" * 150)
    shutil.copyfile(folder / "a_bob.xlsx", folder / ".a_bob.xlsx")
    (folder / "notes.txt").write_text("rien", encoding="utf-8")
    (folder / "archives").mkdir()
    shutil.copyfile(folder / "a_bob.xlsx", folder / "archives" / "old.xlsx")
    return folder


def test_a_folder_stands_for_its_workbooks(plans: Path) -> None:
    files = workbook_files([plans, plans / "a_bob.xlsx", str(plans / "archives" / "old.xlsx")])
    assert [f.name for f in files] == ["a_bob.xlsx", "b_notes.xlsx", "c_plezi.xlsx",
                                       "d_cut.xlsx", "old.xlsx"]


@pytest.mark.parametrize("workers", [1, 2])
def test_broken_files_are_reported_and_skipped(plans: Path, workers: int) -> None:
    seen: list[tuple[int, int]] = []
    analyses, failures = analyse_files([plans], workers=workers,
                                       progress=lambda done, total: seen.append((done, total)))
    assert [Path(a.path).name for a in analyses] == list(GOOD)
    assert [a.company for a in analyses] == ["Bob", "Plezi (exemple)"]
    assert [(Path(f.path).name, f.code) for f in failures] == list(BROKEN.items())
    assert all(Path(f.path).name in f.message for f in failures)
    assert failures[0].message == message("file_is_csv", "fr", path=failures[0].path)
    assert seen == [(i, 4) for i in range(1, 5)]


def test_one_or_two_workers_give_the_same_result(plans: Path) -> None:
    one = analyse_files([plans], as_of="2027-06-30", lang="en", workers=1)
    two = analyse_files([plans], as_of="2027-06-30", lang="en", workers=2)
    assert one[1] == two[1]
    for a, b in zip(one[0], two[0], strict=True):
        assert (a.path, a.as_of, a.messages_lang, a.summary) == (b.path, b.as_of, "en",
                                                                 b.summary)
        for name, frame in a.tables().items():
            assert frame.equals(b.tables()[name]), name
    assert one[1][0].message.startswith(f"{one[1][0].path} is a text (CSV) file")


def _same(a, b) -> None:
    assert (a.path, a.as_of, a.company, a.summary, a.burn) == (b.path, b.as_of, b.company,
                                                              b.summary, b.burn)
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame, b.tables()[name], check_exact=True, obj=name)


@pytest.fixture(scope="module")
def many(plans: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eleven files, two of them broken: runs of several files on two workers."""
    folder = tmp_path_factory.mktemp("many")
    for i in range(11):
        source = plans / ("b_notes.xlsx" if i == 3 else "d_cut.xlsx" if i == 8 else
                          ["a_bob.xlsx", "c_plezi.xlsx"][i % 2])
        shutil.copyfile(source, folder / f"plan_{i:02}.xlsx")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_consolidate_files_is_the_consolidation_of_the_analyses(many: Path, workers: int,
                                                                monkeypatch) -> None:
    monkeypatch.setattr(pacxl.batch, "RUN_FILES", 3)  # runs of 3, 3, 3 and 2 files
    seen: list[tuple[int, int]] = []
    whole, failures = consolidate_files([many], as_of="2027-06-30", workers=workers,
                                        progress=lambda done, total: seen.append((done, total)))
    analyses, expected = analyse_files([many], as_of="2027-06-30", workers=1)
    assert failures == expected
    assert [Path(f.path).name for f in failures] == ["plan_03.xlsx", "plan_08.xlsx"]
    _same(whole, pacxl.consolidate(analyses))
    assert list(whole.sources["source"]) == [Path(a.path).name for a in analyses]
    assert seen[-1] == (11, 11) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_consolidate_files_without_a_readable_workbook(plans: Path) -> None:
    whole, failures = consolidate_files([plans / "b_notes.xlsx", plans / "d_cut.xlsx"])
    assert whole is None
    assert [f.code for f in failures] == ["file_is_csv", "file_corrupt_zip"]


def test_an_empty_folder_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    analyses, failures = analyse_files([tmp_path / "vide", tmp_path / "absent.xlsx"])
    assert analyses == []
    assert [f.code for f in failures] == ["batch_empty_folder", "file_not_found"]
    assert failures[0].message == message("batch_empty_folder", "fr",
                                          path=str(tmp_path / "vide"))


def test_a_bad_review_date_is_refused_at_once(plans: Path) -> None:
    with pytest.raises(OptionError) as caught:
        analyse_files([plans], as_of="30/06/2027")
    assert caught.value.code == "report_bad_date"


def _crashing_analyse(workbook, *args, **kwargs):
    # stands in for pacxl.ecarts.analyse in the forked workers
    if "plezi" in str(workbook.path):
        os._exit(9)
    if "bob" in str(workbook.path):
        raise RuntimeError("boom")
    return ORIGINAL(workbook, *args, **kwargs)


ORIGINAL = pacxl.ecarts.analyse


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers are forked on POSIX")
def test_a_dying_worker_costs_its_file_only(plans: Path, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    shutil.copyfile(SAMPLES / "soxperts_b2b.xlsx", tmp_path / "z_soxperts.xlsx")
    monkeypatch.setattr(pacxl.ecarts, "analyse", _crashing_analyse)
    analyses, failures = analyse_files([plans, tmp_path], workers=2, lang="en")
    assert [Path(a.path).name for a in analyses] == ["z_soxperts.xlsx"]
    codes = [(Path(f.path).name, f.code) for f in failures]
    assert codes == [("a_bob.xlsx", "batch_failed"), ("b_notes.xlsx", "file_is_csv"),
                     ("c_plezi.xlsx", "batch_worker_died"), ("d_cut.xlsx", "file_corrupt_zip")]
    assert "RuntimeError: boom" in failures[0].message


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers are forked on POSIX")
def test_a_dying_worker_costs_one_file_of_its_run(many: Path, monkeypatch) -> None:
    monkeypatch.setattr(pacxl.batch, "RUN_FILES", 4)
    monkeypatch.setattr(pacxl.ecarts, "analyse", _dies_on_the_sixth)
    whole, failures = consolidate_files([many], workers=2)
    assert [(Path(f.path).name, f.code) for f in failures] == [
        ("plan_03.xlsx", "file_is_csv"), ("plan_05.xlsx", "batch_worker_died"),
        ("plan_08.xlsx", "file_corrupt_zip")]
    assert len(whole.sources) == 8  # the other files of the lost run were redone


def _dies_on_the_sixth(workbook, *args, **kwargs):
    if str(workbook.path).endswith("plan_05.xlsx"):
        os._exit(9)
    return ORIGINAL(workbook, *args, **kwargs)


def test_a_process_with_threads_does_not_fork(plans: Path) -> None:
    assert context().get_start_method() == "fork"
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # a web server's threads
    server.start()
    try:
        assert context().get_start_method() == "forkserver"
        analyses, failures = analyse_files([plans / "c_plezi.xlsx", plans / "d_cut.xlsx"])
    finally:
        stop.set()
        server.join()
    assert [a.company for a in analyses] == ["Plezi (exemple)"]
    assert [f.code for f in failures] == ["file_corrupt_zip"]


def test_the_api_names() -> None:
    assert pacxl.analyse_files is analyse_files
    assert pacxl.consolidate is pacxl.ecarts.consolidate
    assert Failure("p", "c", "m").message == "m"


def test_kept_workers_in_a_process_with_threads_never_fork_it(plans: Path, monkeypatch) -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # a web server's threads
    server.start()
    workers = Workers(2)
    try:
        def no_fork() -> int:
            raise AssertionError("a process running threads forked")

        monkeypatch.setattr(os, "fork", no_fork)
        first = workers.analyse(str(plans / "c_plezi.xlsx"), None, "en")
        second = workers.analyse(str(plans / "d_cut.xlsx"), None, "en")
    finally:
        workers.shutdown()
        stop.set()
        server.join()
    assert first.company == "Plezi (exemple)"
    assert second.code == "file_corrupt_zip"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers are forked on POSIX")
def test_kept_workers_replace_a_dead_one(plans: Path, monkeypatch) -> None:
    fork = multiprocessing.get_context("fork")  # whatever threads earlier tests left running
    monkeypatch.setattr(pacxl.batch.pool, "context", lambda: fork)
    monkeypatch.setattr(pacxl.ecarts, "analyse", _crashing_analyse)
    workers = Workers(1)
    try:
        died = workers.analyse(str(plans / "c_plezi.xlsx"), None, "fr")
        after = workers.analyse(str(plans / "a_bob.xlsx"), None, "fr")
        monkeypatch.setattr(pacxl.ecarts, "analyse", ORIGINAL)
        workers.shutdown()  # the next pool is forked without the patch
        fine = workers.analyse(str(plans / "a_bob.xlsx"), None, "fr")
    finally:
        workers.shutdown()
    assert died.code == "batch_worker_died"
    assert after.code == "batch_failed" and "boom" in after.message
    assert fine.company == "Bob"
