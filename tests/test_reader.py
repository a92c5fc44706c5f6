"""The importer (pacxl.reader) on workbooks the generator wrote, then filled or mistreated.

Workbooks are generated with the builder, filled by meaning with :class:`pacxl.fill.Filler`
(see ``plans.py``), and read back through ``plans.read``. Mistreatments are what people do to
a workbook, done with openpyxl: text where numbers go, moved columns, a renamed sheet,
overwritten formulas. Each module fixture writes its workbook once; the tests share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import engines
import openpyxl
import pandas as pd
import pytest
from conftest import ensure_engine
from openpyxl.worksheet.worksheet import Worksheet
from plans import REVIEW, Made, Ref, Typed, edit, fill_plan, make, read

from pacxl.layout import cell_ref
from pacxl.reader import Plan, frames
from pacxl.reader.frames import KPI_COLUMNS, to_workbook
from pacxl.spec import load_spec

D = dt.date
LANGS = ("fr", "en")
PERIODS = ("n1", "objective", "result")


def team(lang: str) -> str:
    """Two members whose roles come from the «Rôles» list."""
    roles = load_spec().list("roles").values
    return f"Alice Martin:{roles[1](lang)};Bruno Petit:{roles[3](lang)}"


@dataclass
class Read:
    """A workbook written, what was typed into it, and what the importer read back."""

    made: Made
    path: Path
    plan: Plan
    typed: Typed = field(default_factory=Typed)


def write_filled(path: Path, lang: str) -> Read:
    made = make(lang, first_month=4, company="Isolations Dupont & Fils", team=team(lang))
    typed = fill_plan(made)
    made.write(path)
    return Read(made, path, read(path), typed)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reader")


@pytest.fixture(scope="module")
def written() -> dict[str, Read]:
    """The filled workbooks written so far in this module, by language."""
    return {}


def filled_in(written: dict[str, Read], workdir: Path, lang: str) -> Read:
    if lang not in written:
        written[lang] = write_filled(workdir / f"filled_{lang}.xlsx", lang)
    return written[lang]


@pytest.fixture(scope="module", params=LANGS)
def filled(request: pytest.FixtureRequest, written: dict[str, Read], workdir: Path) -> Read:
    return filled_in(written, workdir, request.param)


@pytest.fixture(scope="module")
def filled_fr(written: dict[str, Read], workdir: Path) -> Read:
    return filled_in(written, workdir, "fr")


# -- helpers ---------------------------------------------------------------------------------


def row_of(plan: Plan, section: str, row: int) -> dict[str, Any]:
    """The record of a table section read from 1-based ``row``."""
    found = [r for r in plan.tables[section] if r["row"] == row]
    assert len(found) == 1, f"{section}: row {row} read {len(found)} times"
    return found[0]


def kpi_of(plan: Plan, section: str, line: str, metric: str) -> dict[str, Any]:
    found = [
        k
        for k in plan.kpis
        if (k["section"], k["line_key"], k["metric"]) == (section, line, metric)
    ]
    assert len(found) == 1, (section, line, metric)
    return found[0]


def line_of(plan: Plan, section: str, line: str) -> dict[str, Any]:
    return next(x for x in plan.kpi_lines[section] if x["line_key"] == line)


def findings(plan: Plan) -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in plan.findings}


def finding(code: str, ref: Ref) -> tuple[str, str, str]:
    return code, ref[0], ref[1]


# -- a clean workbook reads back what was typed -------------------------------------------------


def test_table_rows_read_back_identical(filled: Read) -> None:
    made, plan = filled.made, filled.plan
    for section, rows in filled.typed.tables.items():
        for index, values in rows.items():
            record = row_of(plan, section, made.row(section, index))
            got = {key: record[key] for key in values}
            assert got == values, (section, index)


def test_kpi_inputs_read_back_identical(filled: Read) -> None:
    for (section, line, metric), periods in filled.typed.kpis.items():
        record = kpi_of(filled.plan, section, line, metric)
        assert {p: record[p] for p in periods} == periods, (section, line, metric)


def test_line_labels_and_attributes_read_back(filled: Read) -> None:
    for (section, line), values in filled.typed.lines.items():
        got = line_of(filled.plan, section, line)
        assert {k: got[k] for k in values} == values, (section, line)
    typed = filled.typed.lines[("events", "l01")]
    assert kpi_of(filled.plan, "events", "l01", "budget")["line"] == typed["line"]


def test_untouched_editable_lines_keep_their_template_label(filled: Read) -> None:
    spec_line = filled.made.place("products").section.lines[1]
    assert line_of(filled.plan, "products", "p2")["line"] == spec_line.label(filled.made.lang)
    assert line_of(filled.plan, "campaigns", "l01")["date"] is None


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


def test_month_lines_carry_their_month(filled: Read) -> None:
    # the fiscal year starts in April: m01 is April 2027, m04 July, m12 March 2028
    assert kpi_of(filled.plan, "months", "m01", "visits")["period"] == D(2027, 4, 1)
    assert kpi_of(filled.plan, "months", "m04", "visits")["period"] == D(2027, 7, 1)
    assert line_of(filled.plan, "months", "m12")["period"] == D(2028, 3, 1)
    assert kpi_of(filled.plan, "months", "total", "visits")["period"] is None


def test_team_and_lists_feed_the_dynamic_lists(filled: Read) -> None:
    assert filled.plan.lists["team"] == ["Alice Martin", "Bruno Petit", "Chloé Durand"]
    assert filled.plan.lists["objectives"] == ["O1", "O2", "O3"]
    assert filled.plan.lists["units"][0] == "€"


def test_rows_with_only_template_defaults_are_not_rows(filled: Read) -> None:
    made, plan = filled.made, filled.plan
    assert [r["row"] for r in plan.tables["actions"]] == [made.row("actions", i) for i in (0, 1, 3)]
    assert [r["id"] for r in plan.tables["actions"]] == ["A01", "A02", "A04"]
    assert [r["id"] for r in plan.tables["smart"]] == ["O1", "O2", "O3"]
    assert plan.tables["smart"][2]["type"] == made.list_value("objective_types", 1)
    assert plan.tables["actions"][2]["progress"] == made.list_value("statuses", 0)


@pytest.mark.parametrize(
    ("section", "line", "metric", "expected"),
    [
        ("products", "p1", "win_ratio", {"n1": 4 / 16, "objective": 5 / 20, "result": 6 / 18}),
        ("products", "total", "opportunities", {"n1": 22, "objective": 30, "result": 26}),
        ("products", "total", "win_ratio", {"n1": 4 / 22, "objective": 6 / 30, "result": 8 / 26}),
        (
            "products",
            "total",
            "average_sale",
            {"n1": 136_000 / 4, "objective": 170_000 / 6, "result": 153_000 / 8},
        ),
        (
            "products",
            "p1",
            "growth",
            {"n1": None, "objective": 150_000 / 120_000 - 1, "result": 135_000 / 120_000 - 1},
        ),
        ("channels", "all", "total", {"n1": None, "objective": 150_000, "result": 165_000}),
        ("channels", "all", "indirect_share", {"objective": 1 / 3, "result": 1 / 3}),
        ("sources", "seo", "qualification_rate", {"objective": 0.25, "result": 0.25}),
        ("sources", "total", "budget", {"n1": None, "result": 1500.75}),
        ("months", "total", "visits", {"n1": 900, "objective": 3000, "result": 2600}),
        ("months", "total", "new_visit_rate", {"objective": 1600 / 3000, "result": 1400 / 2600}),
        ("campaigns", "l02", "deliverability", {"objective": 0.95, "result": 1100 / 1200}),
        ("campaigns", "total", "open_rate", {"objective": None, "result": 0.3}),
        ("events", "l01", "roi", {"objective": 4.0, "result": 1.5}),
        ("events", "total", "cost_per_lead", {"objective": None}),
        ("product_lines", "l01", "clv", {"result": 100_000 / 40 * 0.5 * 2.5}),
        ("product_lines", "total", "revenue", {"result": 160_000}),
        ("product_lines", "total", "clv", {"result": 160_000 / 60 * 0.4 * 3}),
        ("product_lines", "total", "clv_cac", {"result": None}),
        (
            "scorecard",
            "scorecard",
            "programmes",
            {"n1": 712_000, "objective": 745_000, "result": 135_000.5},
        ),
        ("scorecard", "scorecard", "total_cost", {"n1": 948_000, "objective": 990_000}),
        ("scorecard", "scorecard", "cost_ratio", {"n1": 948 / 21_130, "objective": 990 / 24_000}),
        ("scorecard", "scorecard", "per_person", {"n1": 178_000, "objective": 186_250}),
    ],
)
def test_computed_metrics_are_recomputed_from_the_inputs(
    filled: Read, section: str, line: str, metric: str, expected: dict
) -> None:
    record = kpi_of(filled.plan, section, line, metric)
    assert record["computed"] is (metric not in ("opportunities", "visits", "revenue", "budget"))
    for period, value in expected.items():
        assert record[period] == (None if value is None else pytest.approx(value)), period


@pytest.fixture(scope="module", params=["fr", "en", "fr-bpi"])
def blank(request: pytest.FixtureRequest, workdir: Path) -> Read:
    lang, _, bpi = request.param.partition("-")
    made = make(lang, team=team(lang), bpi=bool(bpi))
    path = made.write(workdir / f"blank_{request.param}.xlsx")
    return Read(made, path, read(path))


def test_a_blank_workbook_has_no_findings(blank: Read) -> None:
    assert [f.as_dict() for f in blank.plan.findings] == []


def test_a_filled_workbook_has_no_findings(filled: Read) -> None:
    assert [f.as_dict() for f in filled.plan.findings] == []


def test_a_blank_workbook_reads_as_empty(blank: Read) -> None:
    plan, made = blank.plan, blank.made
    bpi = made.options.bpi
    actions = made.place("actions").section.prefill
    assert len(plan.tables["actions"]) == (len(actions) if bpi else 0)
    if bpi:
        assert plan.tables["actions"][0]["action"] == actions[0]["action"][made.lang == "en"]
    assert plan.tables["smart"] == plan.tables["strategic"] == []
    assert [r["name"] for r in plan.tables["team"]] == ["Alice Martin", "Bruno Petit"]
    inputs = [k for k in plan.kpis if not k["computed"]]
    assert all(k[p] is None for k in inputs for p in PERIODS)
    assert plan.params["tolerance"] == made.options.tolerance


# -- what people do to a workbook --------------------------------------------------------------

Expected = set[tuple[str, str, str]]  # (finding code, sheet, cell)
RENAMED = {"Diagnostic": "Bilan 2026"}  # the sheet the planted workbook renames, like Excel


@dataclass(frozen=True)
class Case:
    """One thing people do to a filled workbook: the edit, its findings, what is then read."""

    change: Callable[[Made, openpyxl.Workbook], None]
    expected: Callable[[Made], Expected]
    check: Callable[[Made, Plan], None]


def put(wb: openpyxl.Workbook, ref: Ref, value: Any, number_format: str | None = None) -> None:
    cell = wb[ref[0]][ref[1]]
    cell.value = value
    if number_format is not None:
        cell.number_format = number_format


def serial(day: dt.date) -> int:
    return (day - D(1899, 12, 30)).days


def below(made: Made, section: str, after: int) -> int:
    """A data-row index ``after`` rows below the last one the template offers."""
    place = made.place(section)
    return place.last - place.first + after


def rename_sheet(wb: openpyxl.Workbook, old: str, new: str) -> None:
    """Rename a sheet as Excel does: the defined names follow it."""
    wb[old].title = new
    for name in wb.defined_names.values():
        name.attr_text = name.attr_text.replace(f"'{old}'!", f"'{new}'!").replace(
            f"{old}!", f"'{new}'!"
        )


def _french_numbers(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.ref("actions", 0, "budget"), "5 000,00 €")
    put(wb, made.kpi_ref("products", "p1", "revenue", "objective"), "150\u202f000\u202f€")
    put(wb, made.ref("smart", 0, "n1"), "4 %")
    put(wb, made.field_ref("funnel", "sql_to_client"), "25%")
    put(wb, made.ref("budget_leads", 1, "spent"), "(1 000)")


def _check_french_numbers(made: Made, plan: Plan) -> None:
    assert row_of(plan, "actions", made.row("actions", 0))["budget"] == 5000
    assert kpi_of(plan, "products", "p1", "revenue")["objective"] == 150_000
    assert kpi_of(plan, "products", "p1", "average_sale")["objective"] == 30_000
    assert row_of(plan, "smart", made.row("smart", 0))["n1"] == 0.04
    assert plan.forms["funnel"]["sql_to_client"] == 0.25
    assert row_of(plan, "budget_leads", made.row("budget_leads", 1))["spent"] == -1000


def _dates(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.ref("actions", 1, "start"), "01/05/2027")
    put(wb, made.ref("key_dates", 0, "date"), "14.09.27")
    put(wb, made.ref("strategic", 0, "horizon"), serial(D(2029, 12, 31)), "General")


def _check_dates(made: Made, plan: Plan) -> None:
    assert row_of(plan, "actions", made.row("actions", 1))["start"] == D(2027, 5, 1)
    assert row_of(plan, "key_dates", made.row("key_dates", 0))["date"] == D(2027, 9, 14)
    assert row_of(plan, "strategic", made.row("strategic", 0))["horizon"] == D(2029, 12, 31)


def _extra_rows(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.ref("smart", 6, "objective"), "Objectif après trois lignes vides")
    put(wb, made.ref("key_dates", below(made, "key_dates", 1), "event"), "Salon ajouté")
    put(wb, made.ref("key_dates", below(made, "key_dates", 1), "date"), dt.datetime(2028, 1, 20))
    put(wb, made.ref("team", below(made, "team", 3), "name"), "Dora Lemaire")
    total = made.place("actions").total_row - made.place("actions").first
    put(wb, made.ref("actions", total + 1, "action"), "Action oubliée")
    put(wb, made.ref("actions", total + 1, "budget"), 300)
    total = made.place("budget_clients").total_row - made.place("budget_clients").first
    put(wb, made.ref("budget_clients", total + 1, "item"), "Poste sous le total")


def _check_extra_rows(made: Made, plan: Plan) -> None:
    assert [r["id"] for r in plan.tables["smart"]] == ["O1", "O2", "O3", "O7"]
    extra = row_of(plan, "key_dates", made.row("key_dates", below(made, "key_dates", 1)))
    assert (extra["date"], extra["event"]) == (D(2028, 1, 20), "Salon ajouté")
    assert plan.tables["team"][-1]["name"] == "Dora Lemaire"
    assert "Dora Lemaire" in plan.lists["team"]
    assert plan.tables["actions"][-1]["action"] == "Action oubliée"
    assert plan.tables["actions"][-1]["budget"] == 300
    assert plan.tables["budget_clients"][-1]["item"] == "Poste sous le total"


def _below_total(made: Made, section: str) -> tuple[str, str, str]:
    row = made.place(section).total_row + 2
    return "row_below_total", made.sheet(section), f"A{row}"


def _english_headers(made: Made, wb: openpyxl.Workbook) -> None:
    place = made.place("smart")
    ws = wb[made.sheet("smart")]
    for column in place.section.columns:
        ws[cell_ref(place.header, place.col(column.key))] = column.header.en.upper()


def _check_english_headers(made: Made, plan: Plan) -> None:
    assert row_of(plan, "smart", made.row("smart", 2))["objective"] == "Notoriété"
    assert row_of(plan, "smart", made.row("smart", 0))["owner"] == "Alice Martin"


def _merged(made: Made, wb: openpyxl.Workbook) -> None:
    sheet, ref = made.field_ref("vision", "vision")
    right = cell_ref(made.place("vision").rows["vision"], 2)
    wb[sheet].merge_cells(f"{ref}:{right}")


def _errors_and_formulas(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.kpi_ref("products", "p2", "revenue", "result"), "#N/A")
    put(wb, made.kpi_ref("campaigns", "l02", "opens", "result"), "=300+30")
    put(wb, made.ref("actions", 0, "gap"), 999)
    put(wb, made.field_ref("funnel", "clients"), 40)
    put(wb, made.kpi_ref("products", "p1", "win_ratio", "objective"), 0.3)
    put(wb, made.kpi_ref("months", "total", "visits", "result"), 5000)
    put(wb, made.kpi_ref("events", "l01", "roi", "status"), "Atteint")


def _check_errors_and_formulas(made: Made, plan: Plan) -> None:
    assert kpi_of(plan, "products", "p2", "revenue")["result"] is None
    assert kpi_of(plan, "products", "p2", "average_sale")["result"] is None
    assert kpi_of(plan, "campaigns", "l02", "opens")["result"] is None
    assert kpi_of(plan, "products", "p1", "win_ratio")["objective"] == 0.25  # recomputed
    assert kpi_of(plan, "months", "total", "visits")["result"] == 2600


def _lists(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.ref("actions", 1, "owner"), "Zorro")
    put(wb, made.ref("team", 2, "role"), "Stagiaire")
    lists = made.place("lists")
    added = lists.first + len(made.spec.list("channels").values)
    put(wb, (made.sheet("lists"), cell_ref(added, lists.col("channels"))), "Podcast")
    put(wb, made.ref("actions", 3, "channel"), "Podcast")


def _check_lists(made: Made, plan: Plan) -> None:
    assert row_of(plan, "actions", made.row("actions", 1))["owner"] == "Zorro"  # kept
    assert plan.lists["channels"][-1] == "Podcast"
    assert row_of(plan, "actions", made.row("actions", 3))["channel"] == "Podcast"


def _bad_values(made: Made, wb: openpyxl.Workbook) -> None:
    put(wb, made.ref("actions", 3, "id"), "A01")
    put(wb, made.ref("actions", 3, "budget"), -500)
    put(wb, made.ref("actions", 3, "end"), "31/02/2027")
    put(wb, made.ref("smart", 1, "target"), "cinquante")
    put(wb, made.ref("budget_resources", 0, "spent"), "-")
    put(wb, made.field_ref("params", "tolerance"), 15)
    put(wb, made.kpi_ref("sources", "seo", "leads", "result"), 180.5)


def _check_bad_values(made: Made, plan: Plan) -> None:
    action = row_of(plan, "actions", made.row("actions", 3))
    assert (action["id"], action["budget"], action["end"]) == ("A01", -500, None)
    assert row_of(plan, "smart", made.row("smart", 1))["target"] is None
    assert row_of(plan, "budget_resources", made.row("budget_resources", 0))["spent"] == 0
    assert plan.params["tolerance"] == 15
    assert kpi_of(plan, "sources", "seo", "leads")["result"] == 180.5


def _rename(made: Made, wb: openpyxl.Workbook) -> None:
    for old, new in RENAMED.items():
        rename_sheet(wb, old, new)


def _check_rename(made: Made, plan: Plan) -> None:
    assert plan.sheets["diagnostic"] == "Bilan 2026"
    assert row_of(plan, "swot", made.row("swot", 0))["threats"] == "Prix des matériaux"


def _nothing(made: Made, plan: Plan) -> None:
    """The case is checked by its findings alone."""


CASES: dict[str, Case] = {
    "numbers typed as French text": Case(
        _french_numbers,
        lambda m: {
            finding("text_number", m.ref("actions", 0, "budget")),
            finding("text_number", m.kpi_ref("products", "p1", "revenue", "objective")),
            finding("text_number", m.ref("smart", 0, "n1")),
            finding("text_number", m.field_ref("funnel", "sql_to_client")),
            finding("text_number", m.ref("budget_leads", 1, "spent")),
            finding("negative_amount", m.ref("budget_leads", 1, "spent")),
        },
        _check_french_numbers,
    ),
    "dates typed as text or as a plain number": Case(
        _dates,
        lambda m: {
            finding("text_date", m.ref("actions", 1, "start")),
            finding("text_date", m.ref("key_dates", 0, "date")),
            finding("number_as_date", m.ref("strategic", 0, "horizon")),
        },
        _check_dates,
    ),
    "blank rows, rows below the template and below a total": Case(
        _extra_rows,
        lambda m: {
            _below_total(m, "actions"),
            _below_total(m, "budget_clients"),
        },
        _check_extra_rows,
    ),
    "headers in English in a French workbook": Case(
        _english_headers, lambda m: set(), _check_english_headers
    ),
    "merged cells": Case(
        _merged, lambda m: {finding("merged_cells", m.field_ref("vision", "vision"))}, _nothing
    ),
    "error values, formulas typed or overwritten": Case(
        _errors_and_formulas,
        lambda m: {
            finding("error_value", m.kpi_ref("products", "p2", "revenue", "result")),
            finding("formula_no_value", m.kpi_ref("campaigns", "l02", "opens", "result")),
            finding("formula_replaced", m.ref("actions", 0, "gap")),
            finding("formula_replaced", m.field_ref("funnel", "clients")),
            finding("formula_replaced", m.kpi_ref("products", "p1", "win_ratio", "objective")),
            finding("formula_replaced", m.kpi_ref("months", "total", "visits", "result")),
            finding("formula_replaced", m.kpi_ref("events", "l01", "roi", "status")),
        },
        _check_errors_and_formulas,
    ),
    "values outside the drop-down lists": Case(
        _lists,
        lambda m: {
            finding("not_in_list", m.ref("actions", 1, "owner")),
            finding("not_in_list", m.ref("team", 2, "role")),
        },
        _check_lists,
    ),
    "duplicate id, negative budget, unreadable values": Case(
        _bad_values,
        lambda m: {
            finding("duplicate_id", m.ref("actions", 3, "id")),
            finding("negative_amount", m.ref("actions", 3, "budget")),
            finding("not_a_date", m.ref("actions", 3, "end")),
            finding("not_a_number", m.ref("smart", 1, "target")),
            finding("dash_zero", m.ref("budget_resources", 0, "spent")),
            finding("rate_over_100", m.field_ref("params", "tolerance")),
            finding("not_whole", m.kpi_ref("sources", "seo", "leads", "result")),
        },
        _check_bad_values,
    ),
    "a sheet renamed": Case(
        _rename, lambda m: {("sheet_renamed", new, "") for new in RENAMED.values()}, _check_rename
    ),
}


def expected_findings(made: Made, cases: list[Case]) -> Expected:
    """The findings the cases plant, on the sheets' names once renamed."""
    found = set().union(*(case.expected(made) for case in cases))
    return {(code, RENAMED.get(sheet, sheet), cell) for code, sheet, cell in found}


@pytest.fixture(scope="module")
def planted(filled_fr: Read, workdir: Path) -> Read:
    """The filled French workbook with every case of CASES done to it (the rename last)."""

    def change(wb: openpyxl.Workbook) -> None:
        for case in CASES.values():
            case.change(filled_fr.made, wb)

    path = edit(filled_fr.path, workdir / "planted.xlsx", change)
    return Read(filled_fr.made, path, read(path), filled_fr.typed)


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


def test_an_openpyxl_save_keeps_names_and_properties(filled_fr: Read, workdir: Path) -> None:
    path = edit(filled_fr.path, workdir / "resaved.xlsx", lambda wb: None)
    plan = read(path)
    assert plan.identity == filled_fr.plan.identity
    assert plan.findings == []
    assert plan.tables == filled_fr.plan.tables
    assert plan.kpis == filled_fr.plan.kpis


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


# -- the pandas face -----------------------------------------------------------------------------


def is_string(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype)


def test_tables_are_typed_per_column(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    for name, frame in workbook.tables.items():
        section = filled.made.place(name).section
        for column in section.columns:
            if column.key not in frame:
                assert column.computed or column.locked, (name, column.key)
                continue
            dtype = frame[column.key].dtype
            if column.type in ("text", "longtext"):
                assert is_string(frame[column.key]), (name, column.key, dtype)
            elif column.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), (name, column.key, dtype)
            else:
                assert dtype == "Float64", (name, column.key, dtype)
        assert frame["row"].dtype == "Int64"


NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("build", "dtype", "values"),
    [
        (frames._floats, "Float64", [1.5, None, NAN, -0.0, INF, 3.0]),
        (frames._floats, "Float64", [None, None]),
        (frames._floats, "Float64", [1, True, None]),  # not floats: pandas converts them
        (frames._integers, "Int64", [12, None, 2**40]),
        (frames._strings, "string", ["a", None, "", " é "]),
        (frames._strings, "string", ["a", 1.5, None]),  # not text: pandas converts it
        (frames._dates, "datetime", [D(1990, 1, 1), None, D(2199, 12, 31), D(1990, 1, 1)]),
        (frames._dates, "datetime", [None]),
        (frames._dates, "datetime", [dt.datetime(2027, 1, 2, 3, 4), None]),
    ],
)
@pytest.mark.parametrize("size", [0, 1, None])
def test_columns_are_built_as_pandas_builds_them(build: Callable, dtype: str, values: list,
                                                 size: int | None) -> None:
    # the frames build typed arrays straight from numpy: they must equal pandas' own
    values = values[:size]
    got = pd.Series(build(values))
    want = (pd.to_datetime(pd.Series(values, dtype=object)) if dtype == "datetime"
            else pd.Series(pd.array(values, dtype=dtype)))
    pd.testing.assert_series_equal(got, want, check_exact=True)


def test_table_frames_hold_the_values(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    actions = workbook.actions.set_index("row")
    first = actions.loc[filled.made.row("actions", 0)]
    assert (first["action"], first["budget"], first["spent"]) == ("Salon Batimat", 5000, 6250.5)
    assert first["start"] == pd.Timestamp(2027, 4, 1)
    assert pd.isna(actions.loc[filled.made.row("actions", 3), "start"])
    assert list(workbook.objectives["id"]) == ["O1", "O2", "O3"]
    assert list(workbook.strategic["objective"])[1] == "Ouvrir une agence à Lyon"
    assert list(workbook.team["name"]) == ["Alice Martin", "Bruno Petit", "Chloé Durand"]
    budget = workbook.budget
    assert set(budget["block"]) == {"budget_clients", "budget_leads", "budget_resources"}
    assert budget["n1"].sum() == 712_000


def test_kpis_in_long_format(filled: Read) -> None:
    kpis = to_workbook(filled.plan).kpis
    assert list(kpis.columns) == KPI_COLUMNS
    for column in ("tab", "line", "metric", "unit", "direction", "sheet", "label"):
        assert is_string(kpis[column]), column
    for column in ("n1", "objective", "result"):
        assert kpis[column].dtype == "Float64", column
    assert pd.api.types.is_datetime64_any_dtype(kpis["period"].dtype)
    assert kpis["computed"].dtype == bool
    by = kpis.set_index(["tab", "line", "metric"])
    label = filled.typed.lines[("products", "p1")]["line"]
    assert by.loc[("commercial", label, "revenue"), "objective"] == 150_000
    months = kpis[(kpis["section"] == "months") & (kpis["metric"] == "visits")]
    assert months["period"].dropna().iloc[0] == pd.Timestamp(2027, 4, 1)
    assert months["period"].isna().sum() == 1  # the total
    assert set(kpis["tab"]) == {
        "commercial",
        "leads",
        "web",
        "emailing",
        "events",
        "key_metrics",
        "budget",
    }


def test_events_and_campaigns_frames(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    events = workbook.events.set_index("line_key")
    assert events.loc["l01", "line"] == "Batimat"
    assert events.loc["l01", "date"] == pd.Timestamp(2027, 11, 5)
    assert events.loc["l01", "roi"] == pytest.approx(1.5)
    assert "total" not in events.index
    emailing = workbook.emailing.set_index("line_key")
    assert emailing.loc["l02", "segment"] == "Clients"
    assert emailing.loc["l02", "deliverability"] == pytest.approx(1100 / 1200)
    assert workbook.funnel["average_sale"] == 3000


def test_findings_frame(planted: Read) -> None:
    frame = to_workbook(planted.plan).findings
    assert list(frame.columns) == [
        "code",
        "severity",
        "sheet",
        "cell",
        "reference",
        "header",
        "value",
        "message",
    ]
    assert len(frame) == len(planted.plan.findings)
    assert set(frame["severity"]) == {"error", "warning"}
    row = frame[frame["code"] == "duplicate_id"].iloc[0]
    assert row["reference"] == f"'{row['sheet']}'!{row['cell']}"
    assert row["value"] == "A01" and "A01" in row["message"]
    assert not to_workbook(planted.plan).ok
    english = to_workbook(planted.plan, lang="en").findings
    assert english["message"].iloc[0] != frame["message"].iloc[0]


def test_a_clean_workbook_frame_is_ok(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    assert workbook.ok
    assert workbook.findings.empty
    assert list(workbook.findings.columns)[:4] == ["code", "severity", "sheet", "cell"]


# -- files a spreadsheet engine saved ----------------------------------------------------------


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
