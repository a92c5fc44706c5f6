"""``pacxl report`` as a person meets it: outputs, messages in fr/en, exit status, files."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ecarts_samples import SAMPLES
from report_books import PAYLOADS

from pacxl.cli import cli, main
from pacxl.messages import message


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder holding a copy of the soxperts sample."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(SAMPLES / "soxperts_b2b.xlsx", work / "plan.xlsx")
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def call(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return call


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_without_output_the_summary_is_printed(folder: Path, run) -> None:
    before = sha(folder / "plan.xlsx")
    status, out, err = run("report", "plan.xlsx")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Planipharm — PAC 2027, revue au 30/06/2027"
    assert "pacxl report plan.xlsx -o rapport.md" in out
    assert len(out.splitlines()) <= 20
    assert listing(folder) == {"plan.xlsx"} and sha(folder / "plan.xlsx") == before


@pytest.mark.parametrize(("output", "written"), [
    ("r.md", "r.md"), ("r.json", "r.json"), ("r.csv", "r_csv"), ("dossier", "dossier")])
def test_the_extension_chooses_the_format(folder: Path, run, output: str, written: str) -> None:
    before = sha(folder / "plan.xlsx")
    status, out, err = run("report", "plan.xlsx", "-o", output)
    assert (status, out, err) == (0, message("report_done", "fr", path=written) + "\n", "")
    assert listing(folder) == {"plan.xlsx", written}
    assert sha(folder / "plan.xlsx") == before


def test_review_date_and_english(folder: Path, run) -> None:
    status, out, _ = run("report", "plan.xlsx", "-o", "r.json", "--au", "2027-03-31",
                         "--lang", "en")
    assert (status, out) == (0, "✔ Report written: r.json\n")
    doc = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert doc["as_of"] == "2027-03-31" and doc["messages_lang"] == "en"


def test_format_option_wins_over_the_extension(folder: Path, run) -> None:
    assert run("report", "plan.xlsx", "-o", "r.txt", "--format", "md")[0] == 0
    assert (folder / "r.txt").read_text(encoding="utf-8").startswith("# Plan d’actions")


def assert_refused(outcome: tuple[int, str, str], expected: str, folder: Path) -> None:
    status, out, err = outcome
    assert (status, out, err) == (2, "", expected + "\n")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("value", ["2027-13-01", "30/06/2027", "demain", "2027-6-30"])
def test_a_bad_review_date_is_one_message(folder: Path, run, lang: str, value: str) -> None:
    outcome = run("report", "plan.xlsx", "--au", value, "--lang", lang)
    assert_refused(outcome, message("report_bad_date", lang, value=value), folder)
    assert listing(folder) == {"plan.xlsx"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unreadable_file_gives_the_importers_message(folder: Path, run, lang: str) -> None:
    (folder / "notes.xlsx").write_text("pas un classeur", encoding="utf-8")
    status, out, err = run("report", "notes.xlsx", "-o", "r.md", "--lang", lang)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert listing(folder) == {"plan.xlsx", "notes.xlsx"}
    outcome = run("report", "absent.xlsx", "--lang", lang)
    assert_refused(outcome, message("file_not_found", lang, path="absent.xlsx"), folder)


@pytest.mark.parametrize("output", ["r.md", "r.json", "r.csv"])
def test_an_existing_output_needs_force(folder: Path, run, output: str) -> None:
    assert run("report", "plan.xlsx", "-o", output)[0] == 0
    written = "r_csv" if output == "r.csv" else output
    outcome = run("report", "plan.xlsx", "-o", output)
    assert_refused(outcome, message("output_exists", "fr", path=written), folder)
    assert run("report", "plan.xlsx", "-o", output, "--force")[0] == 0
    assert listing(folder) == {"plan.xlsx", written}


def test_the_input_is_never_the_output(folder: Path, run) -> None:
    before = sha(folder / "plan.xlsx")
    outcome = run("report", "plan.xlsx", "-o", "plan.xlsx", "--force")
    assert_refused(outcome, message("output_is_input", "fr", path="plan.xlsx"), folder)
    assert sha(folder / "plan.xlsx") == before


def test_an_unknown_extension_is_refused(folder: Path, run) -> None:
    outcome = run("report", "plan.xlsx", "-o", "r.pdf")
    assert_refused(outcome, message("report_bad_format", "fr", path="r.pdf",
                                    choices=".html, .htm, .xlsx, .json, .md, .csv, .txt"), folder)


def test_a_missing_folder_is_refused_before_reading(folder: Path, run) -> None:
    outcome = run("report", "plan.xlsx", "-o", "nulle/part.md")
    assert_refused(outcome, message("output_no_folder", "fr", folder="nulle"), folder)


def test_hostile_workbook_every_output(hostile_book: Path, tmp_path: Path, run) -> None:
    before = sha(hostile_book)
    for name in ("h.md", "h.json", "h.csv"):
        assert run("report", str(hostile_book), "-o", str(tmp_path / name))[0] == 0
    status, out, _ = run("report", str(hostile_book))
    assert status == 0 and out.startswith("<b>Evil</b> | {{ 7*7 }} — PAC")
    md = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "{{ 7\\*7 }}" in md
    doc = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [r["action"] for r in doc["tables"]["actions"]] == list(PAYLOADS)
    actions = (tmp_path / "h_csv" / "actions.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|" in actions and "\n=" not in actions and ";=" not in actions
    assert sha(hostile_book) == before


def test_the_group_help_names_the_command() -> None:
    assert "pacxl report" in (cli.help or "")
    assert "report" in cli.commands
