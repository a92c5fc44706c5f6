"""``pacxl check``: verdict and exit status, JSON output, the input never modified."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from pacxl.cli import main

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.xlsx"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_is_clean_and_left_untouched(sample: Path, capsys) -> None:
    before = sha256(sample)
    assert main(["check", str(sample)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("✔") and "aucune erreur (0 avertissement(s))" in out
    assert sha256(sample) == before


def planted(tmp_path: Path) -> Path:
    """A sample with a text number (warning) and an impossible date (error) typed in."""
    path = tmp_path / "planted.xlsx"
    shutil.copyfile(SAMPLES[0], path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Plan d’actions"]
    header = {c.value: c.column_letter for c in ws[2] if c.value}
    ws[f"{header['BUDGET']}3"] = "1 234,56 €"
    ws[f"{header['DATE DÉBUT']}4"] = "31/02/2027"
    wb.save(path)
    return path


def test_planted_mistakes_give_exit_1_and_name_their_cells(tmp_path: Path, capsys) -> None:
    path = planted(tmp_path)
    before = sha256(path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ERREUR" in out and "avert." in out
    assert "1 erreur(s), 1 avertissement(s)" in out
    assert sha256(path) == before


def test_json_output_lists_the_findings(tmp_path: Path, capsys) -> None:
    path = planted(tmp_path)
    assert main(["check", str(path), "--format", "json", "--lang", "en"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert (payload["errors"], payload["warnings"], payload["ok"]) == (1, 1, False)
    codes = {(f["code"], f["severity"]) for f in payload["findings"]}
    assert codes == {("text_number", "warning"), ("not_a_date", "error")}
    assert all(f["reference"].startswith("'Plan d’actions'!") for f in payload["findings"])
    assert "is not a date" in " ".join(f["message"] for f in payload["findings"])
    assert payload["rows"]["actions"] > 0


@pytest.mark.parametrize(("content", "lang", "expected"), [
    (b"", "fr", "vide"),
    (b"nom;budget\nSalon;1000\n", "fr", "CSV"),
    (b"<html><body>x</body></html>", "en", "HTML"),
])
def test_a_file_that_is_not_a_workbook_gives_exit_2_and_one_sentence(
        tmp_path: Path, capsys, content: bytes, lang: str, expected: str) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    assert main(["check", str(path), "--lang", lang]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err and "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert path.read_bytes() == content


def test_a_workbook_that_is_not_a_pac_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "budget"
    wb.save(path)
    assert main(["check", str(path)]) == 2
    assert "n’est pas un classeur PAC" in capsys.readouterr().err
