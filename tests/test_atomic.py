"""Atomic outputs: ``check_output`` refuses early, ``write_atomically`` never leaves half a file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pacxl.atomic import check_output, write_atomically
from pacxl.errors import OutputError

OLD = b"old workbook"
NEW = b"new workbook"


def error_of(call: Callable[[], object]) -> OutputError:
    with pytest.raises(OutputError) as info:
        call()
    return info.value


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask after a test that changes it."""
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    os.umask(mask)


# -- check_output -------------------------------------------------------------------------------


def test_check_output_accepts_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"

    assert check_output(target, force=False, suffix=".xlsx") == target
    assert names(tmp_path) == set()


def test_check_output_accepts_a_bare_name_in_the_current_folder(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)

    assert check_output(Path("plan.xlsx"), force=False, suffix=".xlsx") == Path("plan.xlsx")
    assert check_output("plan.XLSX", force=False, suffix=".xlsx") == Path("plan.XLSX")


@pytest.mark.parametrize("name", ["plan.xls", "plan.csv", "plan", "plan.xlsx.bak", ".xlsx"])
def test_check_output_refuses_another_suffix(tmp_path: Path, name: str) -> None:
    error = error_of(lambda: check_output(tmp_path / name, force=True, suffix=".xlsx"))

    assert (error.code, error.params) == ("output_bad_suffix", {"path": tmp_path / name})


def test_check_output_without_suffix_accepts_any_name(tmp_path: Path) -> None:
    assert check_output(tmp_path / "rapport.html", force=False) == tmp_path / "rapport.html"


@pytest.mark.parametrize("name", ["plan.xlsx", "dossier"])
def test_check_output_refuses_a_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()

    error = error_of(lambda: check_output(tmp_path / name, force=True, suffix=".xlsx"))

    assert (error.code, error.params) == ("output_is_dir", {"path": tmp_path / name})


def test_check_output_refuses_a_missing_folder(tmp_path: Path) -> None:
    error = error_of(lambda: check_output(tmp_path / "absent" / "plan.xlsx", force=False))

    assert (error.code, error.params) == ("output_no_folder", {"folder": tmp_path / "absent"})
    assert not (tmp_path / "absent").exists()


def test_check_output_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(OLD)

    error = error_of(lambda: check_output(target, force=False))

    assert (error.code, error.params) == ("output_exists", {"path": target})
    assert check_output(target, force=True) == target
    assert target.read_bytes() == OLD


def test_check_output_refuses_the_input(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(OLD)
    (tmp_path / "lien.xlsx").symlink_to(source)
    monkeypatch.chdir(tmp_path)

    for output in (source, Path("plan.xlsx"), Path("./sub/../plan.xlsx"), Path("lien.xlsx")):
        (tmp_path / "sub").mkdir(exist_ok=True)
        error = error_of(lambda o=output: check_output(o, force=True, inputs=(source,)))
        assert (error.code, error.params) == ("output_is_input", {"path": output})
    assert check_output(tmp_path / "autre.xlsx", force=True, inputs=(source,))
    assert source.read_bytes() == OLD


def test_check_output_refuses_a_read_only_folder(tmp_path: Path, monkeypatch) -> None:
    # tests run as root, which chmod does not stop: the answer of os.access is simulated
    asked = []
    monkeypatch.setattr(os, "access", lambda path, mode: asked.append((path, mode)) or False)

    error = error_of(lambda: check_output(tmp_path / "plan.xlsx", force=False))

    assert (error.code, error.params) == ("output_not_writable", {"folder": tmp_path.resolve()})
    assert asked == [(tmp_path, os.W_OK | os.X_OK)]


# -- write_atomically ---------------------------------------------------------------------------


def test_write_goes_through_a_temporary_file_beside_the_target(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(OLD)
    seen = []

    def write(tmp: Path) -> None:
        seen.append((tmp, tmp.exists(), target.read_bytes()))
        tmp.write_bytes(NEW)

    write_atomically(target, write)

    ((tmp, existed, during),) = seen
    assert tmp.parent == tmp_path
    assert tmp.name.startswith(".plan.") and tmp.name.endswith(".xlsx.tmp")
    assert existed and during == OLD  # the old file is untouched while writing
    assert target.read_bytes() == NEW
    assert names(tmp_path) == {"plan.xlsx"}


def test_the_temporary_file_is_moved_with_one_replace(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.xlsx"
    calls = []
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        calls.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)

    write_atomically(target, lambda tmp: tmp.write_bytes(NEW))

    ((src, dst),) = calls
    assert src.parent == tmp_path and dst == target
    assert target.read_bytes() == NEW


def test_a_relative_target_in_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    write_atomically(Path("plan.xlsx"), lambda tmp: tmp.write_bytes(NEW))

    assert (tmp_path / "plan.xlsx").read_bytes() == NEW
    assert names(tmp_path) == {"plan.xlsx"}


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
def test_an_os_error_while_writing_leaves_no_trace(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "plan.xlsx"
    if existing:
        target.write_bytes(OLD)

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    error = error_of(lambda: write_atomically(target, write))

    assert error.code == "output_failed"
    assert error.params == {"path": target, "reason": "No space left on device"}
    assert isinstance(error.__cause__, OSError)
    assert names(tmp_path) == ({"plan.xlsx"} if existing else set())
    if existing:
        assert target.read_bytes() == OLD


@pytest.mark.parametrize("error", [ValueError("bug"), KeyboardInterrupt()], ids=repr)
def test_any_other_failure_propagates_and_leaves_no_trace(
    tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(OLD)

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise error

    with pytest.raises(type(error)):
        write_atomically(target, write)

    assert names(tmp_path) == {"plan.xlsx"}
    assert target.read_bytes() == OLD


def test_a_vanished_temporary_file_is_reported(tmp_path: Path) -> None:
    # an antivirus or a cleaner removed the temporary file: a message, not a crash
    target = tmp_path / "plan.xlsx"

    error = error_of(lambda: write_atomically(target, lambda tmp: tmp.unlink()))

    assert error.code == "output_failed"
    assert error.params == {"path": target, "reason": "No such file or directory"}
    assert names(tmp_path) == set()


def test_a_read_only_file_system_is_reported(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)

    error = error_of(lambda: write_atomically(tmp_path / "plan.xlsx", lambda tmp: None))

    assert error.code == "output_failed"
    assert error.params == {"path": tmp_path / "plan.xlsx", "reason": "Read-only file system"}
    assert names(tmp_path) == set()


def test_an_unwritable_folder_is_reported(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    called = []

    error = error_of(lambda: write_atomically(tmp_path / "plan.xlsx", called.append))

    assert (error.code, error.params) == ("output_not_writable", {"folder": tmp_path.resolve()})
    assert called == []
    assert names(tmp_path) == set()


def test_a_locked_target_is_left_intact(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(OLD)

    def locked(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "used by another process")

    monkeypatch.setattr(os, "replace", locked)

    error = error_of(lambda: write_atomically(target, lambda tmp: tmp.write_bytes(NEW)))

    assert (error.code, error.params) == ("output_locked", {"path": target})
    assert "fermez-le" in error.message("fr") and "close it" in error.message("en")
    assert target.read_bytes() == OLD
    assert names(tmp_path) == {"plan.xlsx"}


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_permissions_follow_the_umask(tmp_path: Path, umask: None, mask: int, mode: int) -> None:
    os.umask(mask)

    write_atomically(tmp_path / "plan.xlsx", lambda tmp: tmp.write_bytes(NEW))

    assert stat.S_IMODE((tmp_path / "plan.xlsx").stat().st_mode) == mode
    assert os.umask(mask) == mask  # reading the umask did not change it
