"""Self-test of the spreadsheet-engine harness (tests/engines.py).

The workbook built here carries deliberately wrong cached values (999, 0), so a value that
comes back right proves the engine really recalculated. Its sheet names have an accent, a
space, a typographic apostrophe and a leading digit, like pacxl's own sheets.
"""

from __future__ import annotations

from pathlib import Path

import engines
import openpyxl
import pytest
import xlsxwriter
from xlsxwriter.utility import quote_sheetname

PLAN = "Plan d’actions"
PARAMS = "Paramètres"
EVENTS = "5 Évènements"
SHEETS = [PARAMS, PLAN, EVENTS]

STALE = 999
EXPECTED = {
    (PARAMS, "B1"): 84.0,  # back-reference into PLAN
    (PLAN, "B1"): 42.0,  # cross-sheet sum
    (PLAN, "B2"): "#DIV/0!",
    (PLAN, "B3"): "",  # empty-text result
    (PLAN, "B4"): 46461.0,  # DATE(2027,3,15) as an Excel serial, date-formatted cell
    (PLAN, "B5"): 46461.0,  # same without a date format in the original
    (PLAN, "B6"): "texte 42",
    (PLAN, "B7"): True,
    (EVENTS, "A1"): 43.0,
}


def build_stale_workbook(path: Path) -> Path:
    """Write the self-test workbook; every formula's cached value is wrong."""
    workbook = xlsxwriter.Workbook(path)
    params, plan, events = (workbook.add_worksheet(name) for name in SHEETS)
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    p, q = quote_sheetname(PARAMS), quote_sheetname(PLAN)
    params.write_number("A1", 10)
    params.write_number("A2", 32)
    params.write_formula("B1", f"={q}!B1*2", None, STALE)
    plan.write_formula("B1", f"={p}!A1+{p}!A2", None, STALE)
    plan.write_formula("B2", f"={p}!A1/0", None, 0)
    plan.write_formula("B3", '=IF(A1="","",1)', None, STALE)
    plan.write_formula("B4", "=DATE(2027,3,15)", date, 0)
    plan.write_formula("B5", "=DATE(2027,3,15)", None, 0)
    plan.write_formula("B6", '="texte "&B1', None, STALE)
    plan.write_formula("B7", f"={p}!A1>5", None, 0)
    events.write_formula("A1", f"=SUM({q}!B1,1)", None, STALE)
    workbook.close()
    return path


@pytest.fixture
def stale_workbook(tmp_path: Path) -> Path:
    return build_stale_workbook(tmp_path / "stale.xlsx")


def test_stale_workbook_really_is_stale(stale_workbook: Path) -> None:
    cached = openpyxl.load_workbook(stale_workbook, data_only=True)
    assert cached[PLAN]["B1"].value == STALE


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
def test_recalc_returns_true_values(recalc, stale_workbook: Path, engine: str) -> None:
    result = recalc(stale_workbook, engine)
    assert result.engine == engine
    assert result.values == EXPECTED
    assert all(type(result.values[key]) is type(value) for key, value in EXPECTED.items())
    assert result.errors() == [(PLAN, "B2", "#DIV/0!")]


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
def test_recalc_keeps_formulas_and_sheet_names(recalc, stale_workbook: Path, engine: str) -> None:
    result = recalc(stale_workbook, engine)
    assert result.formulas[(PLAN, "B1")] == "=Paramètres!A1+Paramètres!A2"
    assert result.formulas[(EVENTS, "A1")] == "=SUM('Plan d’actions'!B1,1)"
    assert set(result.formulas) == set(EXPECTED)
    assert engines.load_workbook(result.path).sheetnames == SHEETS


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
def test_save_as_writes_a_recalculated_copy(
    require_engine, engine_workdir: Path, stale_workbook: Path, tmp_path: Path, engine: str
) -> None:
    require_engine(engine)
    copy = engines.save_as(
        stale_workbook, tmp_path / "copy.xlsx", engine=engine, workdir=engine_workdir
    )
    saved = engines.load_workbook(copy, data_only=True)
    assert saved.sheetnames == SHEETS
    assert saved[PLAN]["B1"].value == 42


@pytest.mark.engine
def test_to_pdf(require_engine, engine_workdir: Path, stale_workbook: Path, tmp_path: Path) -> None:
    require_engine("libreoffice")
    pdf = engines.to_pdf(stale_workbook, tmp_path, workdir=engine_workdir)
    assert pdf == tmp_path / "stale.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_missing_engine_is_a_skip_outside_ci(require_engine, monkeypatch) -> None:
    monkeypatch.setenv("SSCONVERT", "/nonexistent/ssconvert")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_engine("gnumeric")


def test_missing_engine_is_a_failure_in_ci(require_engine, monkeypatch) -> None:
    monkeypatch.setenv("SSCONVERT", "/nonexistent/ssconvert")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_engine("gnumeric")


def test_missing_engine_raises_engine_failed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")
    with pytest.raises(engines.EngineFailed, match="apt-get install libreoffice-calc-nogui"):
        engines.recalc(build_stale_workbook(tmp_path / "x.xlsx"), tmp_path)


@pytest.mark.engine
def test_unreadable_input_raises_engine_failed(
    require_engine, tmp_path: Path, stale_workbook: Path
) -> None:
    require_engine("libreoffice")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(stale_workbook.read_bytes()[:200])
    with pytest.raises(engines.EngineFailed, match="LibreOffice wrote no output"):
        engines.recalc(broken, tmp_path / "work")
