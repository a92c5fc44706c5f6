"""What people do to a filled workbook is read as meant and reported exactly where it is.

The cases of tests/reader_cases.py, all done to one workbook: each is read as the person
meant and gives its findings, together they give exactly the planted findings, and what
was not touched reads as before. Also columns moved by cut and paste, and sheets renamed
or deleted by a script.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from plans import edit, read
from reader_books import Read, findings
from reader_cases import CASES, expected_findings

from pacxl.layout import cell_ref


@pytest.mark.parametrize("name", CASES)
def test_what_people_do_is_read_and_reported(planted: Read, name: str) -> None:
    case = CASES[name]
    case.check(planted.made, planted.plan)
    assert expected_findings(planted.made, [case]) <= findings(planted.plan)


def test_planted_mistakes_are_found_exactly_where_they_are(planted: Read) -> None:
    expected = expected_findings(planted.made, list(CASES.values()))
    assert findings(planted.plan) == expected
    assert len(planted.plan.findings) == len(expected)  # one finding per cell and code


def test_everything_not_touched_reads_as_before(planted: Read, filled_fr: Read) -> None:
    untouched = ("review", "swot", "budget_clients")
    for section in untouched:
        before = filled_fr.plan.tables[section]
        after = [r for r in planted.plan.tables[section] if r["row"] <= before[-1]["row"]]
        assert after == before, section
    assert planted.plan.kpi_lines["events"] == filled_fr.plan.kpi_lines["events"]


def _swap_columns(ws: Worksheet, first: int, second: int, rows: range) -> None:
    """Cut one column and paste it over the other, both ways (values and header)."""
    for row in rows:
        a, b = ws.cell(row + 1, first + 1), ws.cell(row + 1, second + 1)
        a.value, b.value = b.value, a.value
        a.number_format, b.number_format = b.number_format, a.number_format


def test_moved_columns_are_found_by_their_header(filled_fr: Read, workdir: Path) -> None:
    made = filled_fr.made
    place = made.place("actions")
    owner, budget = place.col("owner"), place.col("budget")

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[made.sheet("actions")]
        _swap_columns(ws, owner, budget, range(place.header, place.last + 1))
        ws[cell_ref(place.first + 2, owner)] = -10  # a negative budget, in its new column

    plan = read(edit(filled_fr.path, workdir / "moved.xlsx", change))
    assert findings(plan) == {
        ("negative_amount", made.sheet("actions"), cell_ref(place.first + 2, owner))
    }
    before = filled_fr.plan.tables["actions"]
    assert plan.tables["actions"][0] == before[0]
    assert plan.tables["actions"][1] == before[1]


def test_a_sheet_renamed_by_a_script_or_deleted(filled_fr: Read, workdir: Path) -> None:
    """openpyxl renames a sheet without updating the defined names (Excel updates them)."""
    made = filled_fr.made

    def change(wb: openpyxl.Workbook) -> None:
        wb[made.sheet("smart")].title = "Mes objectifs"
        del wb[made.sheet("funnel")]

    plan = read(edit(filled_fr.path, workdir / "scripted.xlsx", change))
    assert findings(plan) == {("sheet_renamed", "Mes objectifs", ""),
                              ("sheet_missing", made.sheet("funnel"), "")}
    assert [f.severity for f in plan.findings if f.code == "sheet_missing"] == ["error"]
    for section in ("strategic", "smart", "actions"):
        assert plan.tables[section] == filled_fr.plan.tables[section], section
    assert plan.forms["vision"] == filled_fr.plan.forms["vision"]
    assert "funnel" not in plan.forms
