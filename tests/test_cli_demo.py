"""``pacxl demo``: the whole loop in a fresh folder, as a first-time user runs it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import pacxl
from pacxl.cli import main
from pacxl.demo import NAMES
from pacxl.messages import message


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def demo_fr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One French demo, shared by the tests that only look at its files."""
    folder = tmp_path_factory.mktemp("demo") / "pacxl-demo"
    assert main(["demo", str(folder)]) == 0
    return folder


def names(lang: str) -> dict[str, str]:
    year = pacxl.new_options().year
    return {role: name.format(year=year) for role, name in NAMES[lang].items()}


def test_demo_alone_writes_the_four_files_in_pacxl_demo(here: Path, run) -> None:
    status, out, err = run("demo")
    assert (status, err) == (0, "")
    folder = here / "pacxl-demo"
    expected = names("fr")
    assert {p.name for p in folder.iterdir()} == set(expected.values())
    for name in expected.values():
        assert f"pacxl-demo/{name}" in out
    assert "pacxl serve" in out


def test_the_blank_workbook_is_a_clean_pac(demo_fr: Path) -> None:
    plan = pacxl.read_plan(demo_fr / names("fr")["blank"])
    assert not plan.findings.errors


def test_the_sample_is_filled_and_its_report_says_so(demo_fr: Path) -> None:
    analysis = pacxl.analyse(pacxl.read_workbook(demo_fr / names("fr")["sample"]))
    assert analysis.company == "Bob" and len(analysis.actions) > 5
    page = (demo_fr / names("fr")["html"]).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Bob" in page and "<svg" in page
    for objective in analysis.objectives["objective"].dropna().head(3):
        assert str(objective).split()[0] in page
    with zipfile.ZipFile(demo_fr / names("fr")["xlsx"]) as report:
        assert any(n.startswith("xl/charts/") for n in report.namelist())


def test_in_english_the_files_and_the_words_are_english(here: Path, run) -> None:
    status, out, err = run("demo", "demo-en", "--lang", "en")
    assert (status, err) == (0, "")
    assert {p.name for p in (here / "demo-en").iterdir()} == set(names("en").values())
    assert out.startswith("Demo ready in demo-en:")
    blank = pacxl.read_plan(here / "demo-en" / names("en")["blank"])
    assert blank.lang == "en"


def test_a_folder_with_files_is_refused_then_force_replaces_the_demo(here: Path, run) -> None:
    (here / "mine").mkdir()
    (here / "mine" / "notes.txt").write_text("à garder", encoding="utf-8")
    status, out, err = run("demo", "mine")
    assert (status, out) == (2, "")
    assert err == message("demo_not_empty", "fr", path="mine") + "\n"
    assert {p.name for p in (here / "mine").iterdir()} == {"notes.txt"}
    assert run("demo", "mine", "--force")[0] == 0
    assert (here / "mine" / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert {p.name for p in (here / "mine").iterdir()} == {"notes.txt", *names("fr").values()}


def test_a_file_in_the_way_is_refused(here: Path, run) -> None:
    (here / "pacxl-demo").write_text("", encoding="utf-8")
    status, _, err = run("demo", "--lang", "en")
    assert status == 2
    assert err == message("demo_not_a_folder", "en", path="pacxl-demo") + "\n"


def test_serve_after_the_demo_starts_the_pages(here: Path, run,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    started = []

    class FakeServer:  # stands for waitress: the test must not block on a real server
        effective_port = 8000

        def run(self) -> None:
            started.append("run")

        def close(self) -> None:
            started.append("close")

    def fake_open(host, port, **options):
        started.append((host, port, options["lang"]))
        return FakeServer()

    monkeypatch.setattr("pacxl.web.server.open_server", fake_open)
    status, out, err = run("demo", "--serve", "--lang", "en")
    assert (status, err) == (0, "")
    assert started == [("127.0.0.1", 8000, "en"), "run", "close"]
    assert "Demo ready in pacxl-demo:" in out
    assert message("serve_listening", "en", url="http://127.0.0.1:8000/") in out
