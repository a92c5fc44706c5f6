"""The cache of parsed TOML files: same content as tomllib, never stale, never in the way."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from pacxl import tomlcache
from pacxl.spec.load import load_spec
from pacxl.tomlcache import KEEP, cache_folder, load_toml

DOC = """
title = "Plan d’actions"
[numbers]
whole = 1
decimal = 1.0
big = 1e300
negative = -0.0
list = [1, "a", true, {x = 2}]
"""


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PACXL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "toml"


def _write(folder: Path, text: str, name: str = "doc.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.exists() else []


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> dict:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_the_second_read_comes_from_the_cache(tmp_path, cached, monkeypatch) -> None:
    path = _write(tmp_path, DOC)
    first = load_toml(path)
    assert first == tomllib.loads(DOC)
    assert len(_entries(cached)) == 1
    _no_parsing(monkeypatch)
    again = load_toml(path)
    assert again == first
    assert [type(v) for v in again["numbers"].values()] == [int, float, float, float, list]
    assert str(again["numbers"]["negative"]) == "-0.0"


def test_an_edited_file_is_parsed_again(tmp_path, cached) -> None:
    path = _write(tmp_path, DOC)
    load_toml(path)
    stat = path.stat()
    _write(tmp_path, DOC.replace("Plan", "Bilan"))  # same size, same modification time
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_toml(path)["title"] == "Bilan d’actions"


def test_a_damaged_entry_is_replaced(tmp_path, cached) -> None:
    path = _write(tmp_path, DOC)
    load_toml(path)
    (entry,) = _entries(cached)
    for damage in (b"{", b"\xff", b"[1, 2]"):
        entry.write_bytes(damage)
        assert load_toml(path) == tomllib.loads(DOC)
        assert tomllib.loads(DOC) == json.loads(entry.read_bytes())


def test_dates_are_not_cached(tmp_path, cached) -> None:
    path = _write(tmp_path, "day = 2027-06-30\n")
    assert str(load_toml(path)["day"]) == "2027-06-30"
    assert _entries(cached) == []


def test_invalid_toml_still_raises(tmp_path, cached) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        load_toml(_write(tmp_path, "title = \n"))
    assert _entries(cached) == []


def test_an_unusable_folder_only_costs_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("PACXL_CACHE_DIR", str(blocker / "cache"))
    path = _write(tmp_path, DOC)
    assert load_toml(path) == tomllib.loads(DOC)
    assert load_toml(path) == tomllib.loads(DOC)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file", "doc.toml"]


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PACXL_CACHE_DIR", "")
    assert cache_folder() is None
    assert load_toml(_write(tmp_path, DOC)) == tomllib.loads(DOC)


@pytest.mark.skipif(os.name == "nt", reason="%LOCALAPPDATA% on Windows")
def test_the_default_folder(monkeypatch) -> None:
    monkeypatch.delenv("PACXL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    assert cache_folder() == Path("/var/cache/someone/pacxl/toml")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # ignored, as the XDG rules say
    monkeypatch.setenv("HOME", "/home/someone")
    assert cache_folder() == Path("/home/someone/.cache/pacxl/toml")


def test_old_versions_of_a_file_are_pruned(tmp_path, cached) -> None:
    for version in range(KEEP + 3):
        path = _write(tmp_path, f"version = {version}\n")
        load_toml(path)
        for entry in _entries(cached):  # strictly older than the next one
            os.utime(entry, ns=(0, entry.stat().st_mtime_ns - 10**9))
    _write(tmp_path, "other = 1\n", "other.toml")
    load_toml(tmp_path / "other.toml")
    names = [p.name for p in _entries(cached)]
    assert len([n for n in names if n.startswith("doc-")]) == KEEP
    assert len([n for n in names if n.startswith("other-")]) == 1
    assert load_toml(path) == {"version": KEEP + 2}


def test_the_description_is_the_same_from_the_cache(cached, monkeypatch) -> None:
    parsed = load_spec.__wrapped__()  # fills the cache
    assert len(_entries(cached)) > 10
    _no_parsing(monkeypatch)
    assert load_spec.__wrapped__() == parsed


def test_no_tomllib_when_everything_is_cached(tmp_path, cached, monkeypatch) -> None:
    path = _write(tmp_path, DOC)
    load_toml(path)
    monkeypatch.setattr(tomlcache, "_parse", None)  # calling it would fail
    assert load_toml(path) == tomllib.loads(DOC)
