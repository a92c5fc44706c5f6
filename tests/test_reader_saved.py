"""A workbook saved again by openpyxl or by LibreOffice reads the same.

Files a script or a spreadsheet engine saved: an openpyxl save keeps the names and document
properties, a LibreOffice save (default and French locale) reads the same values, and the
planted mistakes survive a LibreOffice save.
"""

from __future__ import annotations

from pathlib import Path

import engines
import pytest
from conftest import ensure_engine
from plans import edit, read
from reader_books import Read, finding, findings, kpi_of
from reader_cases import CASES, expected_findings

from pacxl.reader import Plan


def test_an_openpyxl_save_keeps_names_and_properties(filled_fr: Read, workdir: Path) -> None:
    path = edit(filled_fr.path, workdir / "resaved.xlsx", lambda wb: None)
    plan = read(path)
    assert plan.identity == filled_fr.plan.identity
    assert plan.findings == []
    assert plan.tables == filled_fr.plan.tables
    assert plan.kpis == filled_fr.plan.kpis


def same_reading(plan: Plan, other: Plan) -> None:
    assert plan.identity == other.identity
    assert plan.params == other.params
    assert plan.forms == other.forms
    assert plan.tables == other.tables
    assert plan.kpis == other.kpis
    assert plan.kpi_lines == other.kpi_lines
    assert plan.lists == other.lists


@pytest.mark.engine
@pytest.mark.parametrize("locale", [None, "fr-FR"])
def test_a_workbook_saved_by_libreoffice_reads_the_same(filled_fr: Read, workdir: Path,
                                                        locale: str | None) -> None:
    ensure_engine("libreoffice")
    saved = engines.save_as(filled_fr.path, workdir / f"libreoffice_{locale}.xlsx",
                            workdir=workdir / "engine", locale=locale)
    plan = read(saved)
    assert [f.as_dict() for f in plan.findings] == []
    same_reading(plan, filled_fr.plan)


@pytest.mark.engine
def test_planted_mistakes_survive_a_libreoffice_save(planted: Read, workdir: Path) -> None:
    ensure_engine("libreoffice")
    saved = engines.save_as(planted.path, workdir / "planted_libreoffice.xlsx",
                            workdir=workdir / "engine")
    plan = read(saved)
    # LibreOffice computes the formula typed in an input: its value is then used, with a warning
    typed_formula = planted.made.kpi_ref("campaigns", "l02", "opens", "result")
    expected = expected_findings(planted.made, list(CASES.values()))
    expected.remove(finding("formula_no_value", typed_formula))
    expected.add(finding("formula_in_input", typed_formula))
    assert findings(plan) == expected
    assert kpi_of(plan, "campaigns", "l02", "opens")["result"] == 330
    assert kpi_of(plan, "campaigns", "l02", "click_to_open")["result"] is None
    assert plan.tables == planted.plan.tables
