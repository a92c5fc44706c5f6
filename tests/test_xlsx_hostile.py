"""The hostile corpus (tests/hostile/make_corpus.py) against sniff and read_xlsx.

Each file must be refused with its own ReadError code, a French and an English message that
name the file, within 5 s, with the parent's memory bounded, and the file left unchanged.

Memory is measured on Linux by resetting the process's peak resident set size (writing "5"
to /proc/self/clear_refs resets VmHWM to the current RSS) and reading VmHWM after the call:
the difference is how much the parent grew while reading. The child's peak comes from
``os.wait4`` (RunStats.child_peak_kb).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from hostile.make_corpus import EXPECTED, make_corpus

from pacxl.xlsx import ReadError, read_xlsx, sniff
from pacxl.xlsx.reader import read_with_stats

SECONDS = 5.0
PARENT_GROWTH_MB = 100

KINDS = {
    "random_bytes.xlsx": "unknown",
    "empty.xlsx": "empty",
    "truncated.xlsx": "corrupt",
    "bad_central_directory.xlsx": "corrupt",
    "lying_sizes.xlsx": "xlsx",
    "encrypted.xlsx": "encrypted",
    "legacy.xls": "xls",
    "legacy_renamed.xlsx": "xls",
    "calc.ods": "ods",
    "ods_renamed.xlsx": "ods",
    "web_page.xls": "html",
    "web_page.xlsx": "html",
    "export.xlsx": "csv",
    "excel2003.xml.xlsx": "xml",
    "~$PAC.xlsx": "lockfile",
    "owner_file.xlsx": "lockfile",
    "document.docx.xlsx": "zip",
    "binary.xlsb": "xlsb",
    "strict.xlsx": "strict",
    "macros.xlsm": "xlsm",
    "zip_bomb.xlsx": "xlsx",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("hostile")
    started = time.monotonic()
    expected = make_corpus(folder)
    assert time.monotonic() - started < 10  # about 1 s here; generous for slow CI machines
    return folder, expected


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rss_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> int | None:
    # the current RSS in kB after resetting the peak, or None where this cannot be done
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return _rss_kb("VmRSS")
    except OSError:
        return None


@pytest.mark.parametrize("name", EXPECTED)
def test_hostile_file_is_refused_quickly_with_its_own_message(corpus, name: str) -> None:
    folder, expected = corpus
    path = folder / name
    before = _sha256(path)
    base = _reset_peak()
    started = time.monotonic()
    try:
        read_with_stats(path)
        code = None
    except ReadError as error:
        code = error.code
        for lang in ("fr", "en"):
            text = error.message(lang)
            assert str(path) in text and len(text) > len(str(path)) + 20
        assert error.message("fr") != error.message("en")
    elapsed = time.monotonic() - started
    assert code == expected[name]
    assert elapsed < SECONDS, f"{name} took {elapsed:.2f} s"
    if base is not None:
        growth_mb = (_rss_kb("VmHWM") - base) / 1024
        assert growth_mb < PARENT_GROWTH_MB, f"{name}: parent grew by {growth_mb:.0f} MB"
    assert _sha256(path) == before


@pytest.mark.parametrize("name", EXPECTED)
def test_in_process_reading_refuses_the_same_way(corpus, name: str) -> None:
    folder, expected = corpus
    try:
        read_xlsx(folder / name, isolate=False)
        code = None
    except ReadError as error:
        code = error.code
    assert code == expected[name]


@pytest.mark.parametrize(("name", "kind"), KINDS.items())
def test_sniff_tells_the_kind_from_the_bytes(corpus, name: str, kind: str) -> None:
    folder, _ = corpus
    assert sniff(folder / name) == kind


def test_the_readable_ones_say_what_they_hold(corpus) -> None:
    folder, _ = corpus
    macros = read_xlsx(folder / "macros.xlsm")
    assert macros.macros and macros.external_links == 0
    links = read_xlsx(folder / "external_links.xlsx")
    assert links.external_links == 1 and not links.macros
    huge = read_xlsx(folder / "huge_dimension.xlsx").sheets[0]
    assert huge.cells == {(0, 0): (42.0, "n", False, "General")}
    prefixed = read_xlsx(folder / "prefixed.xlsx").sheets[0]
    assert prefixed.cells[(0, 0)].value == "préfixe" and prefixed.cells[(0, 1)].value == 2.5


def test_zip_bomb_never_inflates_in_the_child_either(corpus) -> None:
    folder, _ = corpus
    with pytest.raises(ReadError) as refused:
        read_xlsx(folder / "zip_bomb.xlsx")
    assert refused.value.params["ratio"] > 200


def test_missing_file_folder_pipe_and_permission(tmp_path: Path, monkeypatch) -> None:
    cases = {"file_not_found": tmp_path / "nope.xlsx", "file_is_dir": tmp_path}
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    cases["file_unreadable"] = pipe
    for code, path in cases.items():
        with pytest.raises(ReadError) as refused:
            read_xlsx(path)
        assert refused.value.code == code and str(path) in refused.value.message("en")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"PK")

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pacxl.xlsx.files.open", denied, raising=False)
    with pytest.raises(ReadError) as refused:
        read_xlsx(locked)
    assert refused.value.code == "file_no_permission"


def test_a_path_given_as_text_is_named_as_given(corpus, monkeypatch) -> None:
    folder, _ = corpus
    monkeypatch.chdir(folder)
    with pytest.raises(ReadError) as refused:
        read_xlsx("export.xlsx")
    assert "export.xlsx est un fichier texte (CSV)" in refused.value.message("fr")


def test_every_kind_but_a_workbook_has_its_message() -> None:
    from pacxl.messages import codes
    from pacxl.xlsx import KINDS

    refused = set(KINDS) - {"xlsx", "xlsm", "corrupt"}
    assert {f"file_is_{kind}" for kind in refused} <= codes()
    assert {"file_corrupt_zip", "file_is_dir"} <= codes()


@pytest.mark.parametrize("name", ["far_cell.xlsx", "bad_xml.xlsx", "strings_bomb.xlsx"])
def test_two_children_refuse_the_same_way(corpus, name: str, monkeypatch) -> None:
    folder, expected = corpus
    monkeypatch.setattr("pacxl.xlsx.reader.SPLIT_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with pytest.raises(ReadError) as refused:
        read_xlsx(folder / name)
    assert refused.value.code == expected[name]
