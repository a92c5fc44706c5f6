"""The written .xlsx (pacxl/writer.py through pacxl.generate.new_workbook), read back with openpyxl.

Two files are written once for the module: French in euros, English in US dollars.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.worksheet import Worksheet

from pacxl.book import BookModel, Validation
from pacxl.build import build_book
from pacxl.formula import Evaluator, ExcelError
from pacxl.generate import new_workbook
from pacxl.layout import Layout, cell_ref
from pacxl.options import NewOptions, new_options
from pacxl.spec import load_spec
from pacxl.writer import compact_validations

TODAY = dt.date(2027, 3, 1)


@dataclass
class Written:
    options: NewOptions
    book: BookModel  # the model the file was built from, same options
    layout: Layout
    wb: Workbook  # formulas
    values: Workbook  # cached values
    path: Path


@pytest.fixture(scope="module", params=["fr", "en"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Written:
    lang = request.param
    currency = "EUR" if lang == "fr" else "USD"
    options = new_options(year=2027, lang=lang, currency=currency, company="Bricolo")
    path = tmp_path_factory.mktemp("writer") / f"PAC_{lang}.xlsx"
    result = new_workbook(path, options, today=TODAY)
    assert result.path == path
    return Written(
        options,
        build_book(options),
        Layout(load_spec(), options),
        openpyxl.load_workbook(path),
        openpyxl.load_workbook(path, data_only=True),
        path,
    )


def sheet(written: Written, key: str) -> Worksheet:
    return written.wb[load_spec().sheet(key).name(written.options.lang)]


def at(written: Written, section: str, column: str, index: int = 0) -> str:
    """A1 reference of data row ``index`` of a table column."""
    place = written.layout.places[section]
    return cell_ref(place.first + index, place.col(column))


def kpi_at(written: Written, section: str, line: str, metric: str, period: str) -> str:
    place = written.layout.places[section]
    return cell_ref(place.cells[(line, metric)], place.col(period))


# -- sheets, protection, print ---------------------------------------------------------------


def test_sheet_names_and_order(written: Written) -> None:
    assert written.wb.sheetnames == [s.name for s in written.book.sheets]
    assert (
        written.wb.sheetnames[5]
        == {"fr": "Plan d’actions", "en": "Action plan"}[written.options.lang]
    )


def test_every_sheet_is_protected_without_password(written: Written) -> None:
    for ws in written.wb.worksheets:
        assert ws.protection.sheet is True, ws.title
        assert ws.protection.password is None, ws.title
        assert ws.protection.formatColumns is False  # allowed: widen a column
        assert ws.protection.insertRows is False


def test_locking_follows_the_model(written: Written) -> None:
    checked = 0
    for model in written.book.sheets:
        ws = written.wb[model.name]
        for (row, col), cell in model.cells.items():
            editable = cell.style.startswith("input:") or cell.style == "line:input"
            assert ws.cell(row + 1, col + 1).protection.locked is not editable, (
                model.name,
                row,
                col,
                cell.style,
            )
            checked += 1
    assert checked > 14000


@pytest.mark.parametrize(
    ("key", "ref", "locked"),
    [
        ("plan", "B3", False),  # ACTIONS
        ("plan", "L3", False),  # BUDGET
        ("plan", "N3", True),  # budget variance
        ("plan", "X3", True),  # gap status
        ("plan", "L2", True),  # header
        ("parametres", "B2", False),  # company
        ("parametres", "B5", True),  # currency
        ("parametres", "B9", True),  # fiscal year start
        ("listes", "A9", False),  # first spare cell of the categories
        ("kpi_commercial", "A3", False),  # editable line label
        ("kpi_commercial", "E4", False),  # N-1 opportunities
        ("kpi_commercial", "E5", True),  # win ratio
        ("kpi_web", "A3", True),  # month label
        ("calendrier", "G3", True),
        ("tableau_de_bord", "A3", False),  # picked indicator
        ("tableau_de_bord", "B3", True),
    ],
)
def test_sample_locked_and_unlocked_cells(
    written: Written, key: str, ref: str, locked: bool
) -> None:
    assert sheet(written, key)[ref].protection.locked is locked


@pytest.mark.parametrize(
    ("key", "pane"),
    [
        ("plan", "C3"),
        ("calendrier", "C3"),
        ("kpi_commercial", "A3"),
        ("kpi_leads", "A3"),
        ("kpi_web", "A3"),
        ("kpi_emailing", "A3"),
        ("kpi_evenements", "A3"),
        ("kpi_metriques", "A3"),
        ("lisez_moi", None),
        ("budget", None),
        ("objectifs", None),
        ("tableau_de_bord", None),
    ],
)
def test_frozen_panes(written: Written, key: str, pane: str | None) -> None:
    assert sheet(written, key).freeze_panes == pane


def test_print_setup(written: Written) -> None:
    for model in written.book.sheets:
        ws = written.wb[model.name]
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title  # A4
        assert setup.orientation == ("portrait" if model.portrait else "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        wide = 1 if setup.fitToWidth is None else setup.fitToWidth  # 1 is the default
        assert (wide, setup.fitToHeight) == (model.pages_wide, 0), ws.title
    portrait = [m.name for m in written.book.sheets if m.portrait]
    assert len(portrait) == 3
    assert written.wb.sheetnames.index(portrait[0]) == 0


def test_printed_titles_repeat_the_header_row(written: Written) -> None:
    assert sheet(written, "plan").print_title_rows == "$2:$2"
    assert sheet(written, "kpi_commercial").print_title_rows == "$2:$2"
    assert sheet(written, "objectifs").print_title_rows is None
    assert sheet(written, "budget").print_title_rows is None


def column(ws: Worksheet, col: int) -> ColumnDimension:
    """The dimension of a 0-based column (openpyxl groups equal neighbours as one)."""
    found = [d for d in ws.column_dimensions.values() if d.min <= col + 1 <= d.max]
    assert len(found) == 1, (ws.title, col)
    return found[0]


def test_column_widths(written: Written) -> None:
    # xlsxwriter stores the width plus the cell padding (0.71 for the default font)
    plan = sheet(written, "plan")
    assert column(plan, 1).width == 34.7109375  # ACTIONS
    assert column(plan, 2).width == 44.7109375  # PHASES / ÉTAPES
    kpi = sheet(written, "kpi_commercial")
    assert column(kpi, 1).width == 34.7109375
    assert [column(kpi, c).hidden for c in (10, 11, 12)] == [False, True, True]  # the keys
    for model in written.book.sheets:
        ws = written.wb[model.name]
        for col, width in model.widths.items():
            assert column(ws, col).width == pytest.approx(width + 0.71, abs=0.01), (ws.title, col)


# -- number formats --------------------------------------------------------------------------


def test_number_formats(written: Written) -> None:
    fr = written.options.lang == "fr"
    # a one-character symbol before the number is escaped, as LibreOffice writes it back
    money = '#,##0" €"' if fr else "\\$#,##0"
    money2 = '#,##0.00" €"' if fr else "\\$#,##0.00"
    date = "dd/mm/yyyy" if fr else "yyyy-mm-dd"
    plan = sheet(written, "plan")
    assert plan[at(written, "actions", "budget")].number_format == money
    assert plan[at(written, "actions", "budget_gap")].number_format == money
    assert plan[at(written, "actions", "start")].number_format == date
    assert plan[at(written, "actions", "gap_pct")].number_format == "0.0%"
    leads = sheet(written, "kpi_leads")
    assert (
        leads[kpi_at(written, "sources", "seo", "cost_per_qualified_lead", "result")].number_format
        == money2
    )
    assert (
        leads[kpi_at(written, "sources", "seo", "qualification_rate", "n1")].number_format == "0.0%"
    )
    assert leads[kpi_at(written, "sources", "seo", "leads", "objective")].number_format == "#,##0"
    settings = sheet(written, "parametres")
    assert settings["B9"].number_format == date  # fiscal year start
    assert settings["B8"].number_format == "0.0%"  # tolerance


def test_rate_gaps_show_percentage_points(written: Written) -> None:
    leads = sheet(written, "kpi_leads")
    cell = leads[kpi_at(written, "sources", "seo", "qualification_rate", "gap")]
    assert cell.number_format == load_spec().number_formats["points"]
    assert cell.number_format.endswith(';0.0" pts"')


# -- validation, conditional formats, charts, names, properties ------------------------------


def test_list_validations_reference_defined_names(written: Written) -> None:
    names = set(written.wb.defined_names)
    lists = 0
    for ws in written.wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert dv.showErrorMessage is True and dv.error and dv.errorTitle
            if dv.type == "list":
                lists += 1
                assert dv.formula1.startswith("L_"), (ws.title, dv.formula1)
                assert dv.formula1 in names, (ws.title, dv.formula1)
    assert lists > 30


def test_plan_validations(written: Written) -> None:
    plan = sheet(written, "plan")
    rules = {str(dv.sqref): dv for dv in plan.data_validations.dataValidation}
    assert (rules["K3:K52"].type, rules["K3:K52"].formula1) == ("list", "L_Equipe")
    assert (rules["D3:D52"].type, rules["D3:D52"].formula1) == ("list", "L_Familles")
    assert rules["O3:O52"].type == rules["P3:P52"].type == "date"  # start, end
    assert (rules["O3:O52"].formula1, rules["O3:O52"].formula2) == ("32874.0", "109575.0")
    assert rules["L3:L52"].type == "decimal"  # BUDGET
    assert (rules["L3:L52"].operator, rules["L3:L52"].formula1) == ("greaterThanOrEqual", "0")


def test_conditional_formats(written: Written) -> None:
    plan = sheet(written, "plan")
    ranges = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in plan.conditional_formatting}
    met = '"Atteint"' if written.options.lang == "fr" else '"Met"'
    assert f"X3={met}" in ranges["X3:X52"]  # gap status
    assert len(ranges["Z3:Z52"]) == 4  # late
    calendar = sheet(written, "calendrier")
    gantt = {
        str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in calendar.conditional_formatting
    }
    assert gantt["G3:R52"] == ["AND(ISNUMBER($D3),ISNUMBER($E3),$D3<=EOMONTH(G$2,0),$E3>=G$2)"]
    kpi = sheet(written, "kpi_commercial")
    assert any(str(cf.sqref) == "J3:J66" for cf in kpi.conditional_formatting)


def test_dashboard_has_four_charts(written: Written) -> None:
    dashboard = sheet(written, "tableau_de_bord")
    assert len(dashboard._charts) == 4
    assert [c.tagname for c in dashboard._charts] == ["barChart"] * 4
    with zipfile.ZipFile(written.path) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
    assert charts == [f"xl/charts/chart{i}.xml" for i in range(1, 5)]


def test_defined_names(written: Written) -> None:
    names = written.wb.defined_names
    book_names = written.book.names
    assert set(names) == set(book_names)
    for name, ref in book_names.items():
        assert names[name].attr_text == ref.removeprefix("="), name
    assert names["pacxl_identity"].attr_text == f'"pacxl-pac;1;{written.options.lang}"'


def test_custom_document_properties(written: Written) -> None:
    props = {p.name: p.value for p in written.wb.custom_doc_props.props}
    assert props["pacxl.kind"] == "pacxl-pac"
    assert props["pacxl.version"] == "1"
    assert props["pacxl.lang"] == written.options.lang
    assert props["pacxl.generator"].startswith("pacxl ")
    assert written.wb.properties.title.endswith("2027 — Bricolo")


# -- cached values ---------------------------------------------------------------------------


def expected_cache(value: object) -> object:
    """What openpyxl reads back from a formula cell whose computed value is ``value``."""
    if value == "":
        return None  # xlsxwriter writes an empty <v/>, which forces a recalculation
    if value is None:
        return 0
    if isinstance(value, ExcelError):
        return str(value)
    return value


def test_cached_values_are_the_computed_values(written: Written) -> None:
    evaluator = Evaluator(written.book, today=TODAY)
    checked = 0
    for model in written.book.sheets:
        ws = written.values[model.name]
        for (row, col), cell in model.cells.items():
            if not cell.is_formula:
                continue
            cached = ws.cell(row + 1, col + 1).value
            if isinstance(cached, dt.datetime):
                cached = to_excel(cached)
            expected = expected_cache(evaluator.value(model.name, row, col))
            assert cached == expected, (model.name, row, col, cell.value)
            checked += 1
    assert checked == written.book.formula_cells()


def test_cached_dates(written: Written) -> None:
    settings = written.values[written.wb.sheetnames[1]]
    assert settings["B9"].value == dt.datetime(2027, 1, 1)
    assert settings["B10"].value == dt.datetime(2027, 12, 31)
    assert settings["B11"].value == dt.datetime(2027, 3, 1)  # TODAY() as the tests fix it
    calendar = written.values[written.wb.sheetnames[6]]
    assert calendar["G2"].value == dt.datetime(2027, 1, 1)
    assert calendar["R2"].value == dt.datetime(2027, 12, 1)


# -- compact_validations ---------------------------------------------------------------------


def rule(
    first: tuple[int, int],
    last: tuple[int, int] | None = None,
    kind: str = "list",
    source: str | None = "L_A",
) -> Validation:
    return Validation(first, last or first, kind, source=source, title="t", message="m")


def spans(rules: list[Validation]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return sorted((r.first, r.last) for r in rules)


def test_compact_merges_a_column_run() -> None:
    rules = [rule((r, 2)) for r in (5, 3, 4)]
    assert spans(compact_validations(rules)) == [((3, 2), (5, 2))]


def test_compact_keeps_gaps_columns_and_rules_apart() -> None:
    rules = [
        rule((3, 2)),
        rule((4, 2)),
        rule((6, 2)),  # a gap at row 5
        rule((3, 3)),  # another column
        rule((4, 2), source="L_B"),  # another list
        rule((5, 2), kind="date", source=None),
    ]
    merged = compact_validations(rules)
    assert spans(merged) == [
        ((3, 2), (4, 2)),
        ((3, 3), (3, 3)),
        ((4, 2), (4, 2)),
        ((5, 2), (5, 2)),
        ((6, 2), (6, 2)),
    ]
    assert {(r.first, r.source) for r in merged if r.first == (4, 2)} == {((4, 2), "L_B")}


def test_compact_extends_ranges_of_the_same_width() -> None:
    rules = [rule((3, 1), (3, 4)), rule((4, 1), (9, 4)), rule((10, 1), (10, 3))]
    assert spans(compact_validations(rules)) == [((3, 1), (9, 4)), ((10, 1), (10, 3))]


def test_compact_does_not_modify_its_input() -> None:
    rules = [rule((3, 2)), rule((4, 2))]
    compact_validations(rules)
    assert spans(rules) == [((3, 2), (3, 2)), ((4, 2), (4, 2))]


def test_compact_keeps_bounds_and_messages() -> None:
    a = Validation((1, 1), (1, 1), "decimal", minimum=0, maximum=1, title="T", message="M")
    b = Validation((2, 1), (2, 1), "decimal", minimum=0, maximum=1, title="T", message="M")
    c = Validation((3, 1), (3, 1), "decimal", minimum=0, maximum=2, title="T", message="M")
    merged = compact_validations([a, b, c])
    assert [(r.first, r.last, r.maximum, r.title, r.message) for r in merged] == [
        ((1, 1), (2, 1), 1, "T", "M"),
        ((3, 1), (3, 1), 2, "T", "M"),
    ]


def test_compact_keeps_every_validated_cell(written: Written) -> None:
    for model in written.book.sheets:
        before = {
            (r, c)
            for v in model.validations
            for r in range(v.first[0], v.last[0] + 1)
            for c in range(v.first[1], v.last[1] + 1)
        }
        compact = compact_validations(model.validations)
        after = [
            (r, c)
            for v in compact
            for r in range(v.first[0], v.last[0] + 1)
            for c in range(v.first[1], v.last[1] + 1)
        ]
        assert sorted(after) == sorted(before), model.name  # same cells, none twice
