"""A clean filled workbook: its tables, forms and lists read back what was typed.

The importer (pacxl.reader) on a workbook the generator wrote and ``plans.fill_plan``
filled, in French and in English: table rows, form fields, the parameters and the fiscal
year derived from them, the team and lists behind the drop-downs. KPI blocks are in
test_reader_kpis.py.
"""

from __future__ import annotations

import pytest
from plans import REVIEW
from reader_books import LANGS, D, Read, ReaderBooks, row_of


@pytest.fixture(scope="module", params=LANGS)
def filled(request: pytest.FixtureRequest, reader_books: ReaderBooks) -> Read:
    """The filled workbook in each language (written and read once per session)."""
    return reader_books.filled(request.param)


def test_table_rows_read_back_identical(filled: Read) -> None:
    made, plan = filled.made, filled.plan
    for section, rows in filled.typed.tables.items():
        for index, values in rows.items():
            record = row_of(plan, section, made.row(section, index))
            got = {key: record[key] for key in values}
            assert got == values, (section, index)


def test_rows_with_only_template_defaults_are_not_rows(filled: Read) -> None:
    made, plan = filled.made, filled.plan
    assert [r["row"] for r in plan.tables["actions"]] == [made.row("actions", i) for i in (0, 1, 3)]
    assert [r["id"] for r in plan.tables["actions"]] == ["A01", "A02", "A04"]
    assert [r["id"] for r in plan.tables["smart"]] == ["O1", "O2", "O3"]
    assert plan.tables["smart"][2]["type"] == made.list_value("objective_types", 1)
    assert plan.tables["actions"][2]["progress"] == made.list_value("statuses", 0)


def test_form_fields_read_back(filled: Read) -> None:
    plan = filled.plan
    for (section, key), value in filled.typed.fields.items():
        got = plan.params[key] if section == "params" else plan.forms[section][key]
        assert got == value, (section, key)


def test_params_with_the_derived_fiscal_year(filled: Read) -> None:
    params = filled.plan.params
    assert params["company"] == "Isolations Dupont & Fils"
    assert (params["year"], params["first_month"], params["currency"]) == (2027, 4, "EUR")
    assert (params["fiscal_start"], params["fiscal_end"]) == (D(2027, 4, 1), D(2028, 3, 31))
    assert params["review_date"] == REVIEW


def test_team_and_lists_feed_the_dynamic_lists(filled: Read) -> None:
    assert filled.plan.lists["team"] == ["Alice Martin", "Bruno Petit", "Chloé Durand"]
    assert filled.plan.lists["objectives"] == ["O1", "O2", "O3"]
    assert filled.plan.lists["units"][0] == "€"
