"""``pacxl report`` as a person meets it: outputs, messages in fr/en, exit status, files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from ecarts_samples import SAMPLES
from report_books import PAYLOADS

from pacxl.cli import cli
from pacxl.messages import message


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder holding a copy of the soxperts sample."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(SAMPLES / "soxperts_b2b.xlsx", work / "plan.xlsx")
    monkeypatch.chdir(work)
    return work


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


# -- several workbooks: one consolidated report ---------------------------------------------------


@pytest.fixture
def plans(folder: Path) -> Path:
    """The current folder with a second workbook (bob) beside plan.xlsx, and a subfolder."""
    shutil.copyfile(SAMPLES / "bob_prospection_terrain.xlsx", folder / "bob.xlsx")
    (folder / "~$bob.xlsx").write_bytes(b"\x0bZo" + b"\x00" * 150)  # Excel's lock file
    return folder


def test_a_folder_is_consolidated(plans: Path, run) -> None:
    before = sha(plans / "plan.xlsx")
    status, out, err = run("report", ".", "-o", "r.json")
    done = message("batch_report_done", "fr", path="r.json", done=2, total=2)
    assert (status, out, err) == (0, done + "\n", "")
    doc = json.loads((plans / "r.json").read_text(encoding="utf-8"))
    assert doc["company"] == "Bob, Planipharm" and doc["path"] == ""
    assert [(r["source"], r["actions"]) for r in doc["tables"]["sources"]] == [
        ("bob.xlsx", 16), ("plan.xlsx", 22)]
    sources = [r["source"] for r in doc["tables"]["objectives"]]
    assert list(dict.fromkeys(sources)) == ["bob.xlsx", "plan.xlsx"]
    assert doc["summary"]["actions"]["total"] == 16 + 22
    assert sha(plans / "plan.xlsx") == before
    assert listing(plans) == {"plan.xlsx", "bob.xlsx", "~$bob.xlsx", "r.json"}


def test_files_without_output_print_the_summary(plans: Path, run) -> None:
    status, out, err = run("report", "plan.xlsx", "bob.xlsx", "--lang", "en")
    lines = out.splitlines()
    assert (status, err) == (0, "")
    assert lines[0] == "Planipharm, Bob — action plan 2027, review as of 2027-09-30"
    assert lines[1] == "Workbooks: 2 — plan.xlsx, bob.xlsx"
    assert len(lines) <= 20 and "pacxl report plan.xlsx bob.xlsx -o report.md" in out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_broken_file_is_skipped(plans: Path, run, lang: str) -> None:
    (plans / "notes.xlsx").write_text("pas un classeur", encoding="utf-8")
    status, out, err = run("report", ".", "-o", "r.md", "--lang", lang)
    reason = message("file_is_csv", lang, path="notes.xlsx")
    assert (status, err) == (1, message("batch_skipped", lang, reason=reason) + "\n")
    assert out == message("batch_report_done", lang, path="r.md", done=2, total=3) + "\n"
    assert "| bob.xlsx |" in (plans / "r.md").read_text(encoding="utf-8")


def test_when_nothing_can_be_read_nothing_is_written(folder: Path, run) -> None:
    (folder / "notes.xlsx").write_text("pas un classeur", encoding="utf-8")
    (folder / "vide").mkdir()
    status, out, err = run("report", "notes.xlsx", "vide", "-o", "r.md", "--lang", "en")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        message("batch_skipped", "en", reason=message("file_is_csv", "en", path="notes.xlsx")),
        message("batch_skipped", "en", reason=message("batch_empty_folder", "en", path="vide")),
        message("batch_none", "en")]
    assert listing(folder) == {"plan.xlsx", "notes.xlsx", "vide"}


def test_an_input_is_never_the_output(plans: Path, run) -> None:
    outcome = run("report", ".", "-o", "bob.xlsx", "--force")
    assert_refused(outcome, message("output_is_input", "fr", path="bob.xlsx"), plans)
    assert run("report", ".", "-o", "r.json")[0] == 0
    outcome = run("report", ".", "r.json", "-o", "r.json", "--force")
    assert_refused(outcome, message("output_is_input", "fr", path="r.json"), plans)


def test_a_terminal_sees_a_progress_bar(plans: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (plans / "notes.xlsx").write_text("pas un classeur", encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, _, err = run("report", ".", "-o", "r.md")
    assert status == 1 and message("batch_progress", "fr") in err and "3/3" in err
    skipped = message("batch_skipped", "fr", reason=message("file_is_csv", "fr",
                                                             path="notes.xlsx"))
    assert err.endswith("\n" + skipped + "\n")  # after the bar, on a line of its own


def test_a_hostile_workbook_among_others(hostile_book: Path, folder: Path, run) -> None:
    status, out, _ = run("report", str(hostile_book), "plan.xlsx", "-o", "h.md")
    assert status == 0
    md = (folder / "h.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "<b>" not in md and "| hostile.xlsx |" in md
    status, out, _ = run("report", str(hostile_book), "plan.xlsx")
    assert status == 0 and out.startswith("<b>Evil</b> | {{ 7*7 }}, Planipharm — PAC 2027")


def test_the_summary_of_many_names_three() -> None:
    from ecarts_samples import NAMES, analysis

    from pacxl.ecarts import consolidate
    from pacxl.report.summary import render_summary

    parts = [analysis(name) for name in (*NAMES, NAMES[0])]
    lines = render_summary(consolidate(parts), "plans").splitlines()
    more = message("consolidate_more", "fr", count=1)
    assert lines[0].startswith("Bob, Planipharm, Plezi (exemple) — PAC 2027")
    assert lines[1] == ("Classeurs : 4 — bob_prospection_terrain.xlsx, soxperts_b2b.xlsx, "
                        f"plezi_inbound.xlsx {more}")
    assert "pacxl report plans -o rapport.md" in lines[-1] and len(lines) <= 20


def test_several_outputs_from_one_reading(folder: Path, run) -> None:
    before = sha(folder / "plan.xlsx")
    status, out, err = run("report", "plan.xlsx", "-o", "r.html", "-o", "r.xlsx", "-o", "r.md")
    assert (status, err) == (0, "")
    assert out == "".join(message("report_done", "fr", path=name) + "\n"
                          for name in ("r.html", "r.xlsx", "r.md"))
    assert listing(folder) == {"plan.xlsx", "r.html", "r.xlsx", "r.md"}
    assert (folder / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sha(folder / "plan.xlsx") == before


def test_the_same_output_twice_is_refused_before_reading(folder: Path, run) -> None:
    outcome = run("report", "plan.xlsx", "-o", "r.md", "-o", "./r.md", "--lang", "en")
    assert_refused(outcome, message("report_same_output", "en"), folder)
