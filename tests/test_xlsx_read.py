"""read_xlsx on workbooks pacxl generates (blank and filled) and on LibreOffice's re-save.

Values, kinds, formula flags and number formats are checked against openpyxl, which reads
the same files independently; dates by style, the identity in properties and names, and
the same result with and without the child process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import warnings
from pathlib import Path

import engines
import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.datetime import to_excel

from pacxl.build import build_book
from pacxl.fill import Filler, serial
from pacxl.generate import new_workbook, render
from pacxl.options import new_options
from pacxl.xlsx import RawBook, read_xlsx
from pacxl.xlsx.reader import read_with_stats
from pacxl.xlsx.text import clean

REVIEW = dt.date(2027, 6, 30)


@dataclasses.dataclass
class Filled:
    path: Path
    fill: Filler


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("read") / "PAC_2027.xlsx"
    new_workbook(path, new_options(year=2027, company="ACME"), today=REVIEW)
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    path = tmp_path_factory.mktemp("read") / "PAC_rempli.xlsx"
    options = new_options(year=2027, company="ACME", team="Alice:Directrice;Bob:Commercial")
    book = build_book(options)
    fill = Filler(book, options)
    # (a control character only where no formula echoes it: xlsxwriter leaves the cached
    # text of a formula unescaped, and a raw control character is not well-formed XML)
    fill.row("actions", 0, action="  Salon Lyon\u202e ", owner="Alice", budget=5000,
             spent=6000.5, start=dt.date(2027, 2, 1), end=dt.date(2027, 3, 31), target=40,
             result=37, analysis="Re\x07tard\r\nfournisseur")  # fmt: skip
    fill.row("actions", 1, action="Cafe\u0301 =1+1", budget=-250.25, start=dt.date(2027, 5, 2))
    fill.field("params", "review_date", REVIEW)
    render(book, path, options, today=REVIEW)
    return Filled(path, fill)


def _openpyxl_cells(path: Path) -> dict[str, dict[tuple[int, int], tuple]]:
    # sheet -> (row, col) -> (value, formula, format) as openpyxl sees them, dates as serials
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
    seen: dict[str, dict[tuple[int, int], tuple]] = {}
    for sheet in formulas.worksheets:
        cells = seen[sheet.title] = {}
        for row in values[sheet.title].iter_rows():
            for v in row:
                f = sheet.cell(v.row, v.column)
                cells[(v.row - 1, v.column - 1)] = (_plain(v.value), f.data_type == "f",
                                                    None if isinstance(v, MergedCell)
                                                    else v.number_format)  # fmt: skip
    return seen


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return float(to_excel(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        return clean(value)  # openpyxl keeps _x0007_ escapes, bidi controls, NFD
    return value


def _agrees_with_openpyxl(path: Path, book: RawBook, sample: int) -> int:
    expected = _openpyxl_cells(path)
    compared = 0
    for sheet in book.sheets:
        keys = sorted(sheet.cells)
        for key in random.Random(sheet.name).sample(keys, min(sample, len(keys))):
            cell = sheet.cells[key]
            value, formula, fmt = expected[sheet.name].get(key, (None, False, None))
            if cell.kind == "s" and cell.value == "" and value is None:
                continue  # a formula's empty text result: openpyxl says None
            assert (cell.value, cell.formula) == (value, formula), (sheet.name, key, cell)
            assert fmt is None or cell.number_format == fmt, (sheet.name, key, cell, fmt)
            compared += 1
    return compared


def test_blank_workbook_reads_like_openpyxl(blank: Path) -> None:
    book = read_xlsx(blank)
    assert _agrees_with_openpyxl(blank, book, sample=400) > 3000


def test_filled_workbook_reads_like_openpyxl(filled: Filled) -> None:
    book = read_xlsx(filled.path)
    assert _agrees_with_openpyxl(filled.path, book, sample=400) > 3000


def _action_cell(filled: Filled, book: RawBook, index: int, key: str):
    place = filled.fill.layout.places["actions"]
    sheet = book.sheet(place.sheet.name("fr"))
    assert sheet is not None
    return sheet.cells.get((place.first + index, place.col(key)))


def test_typed_values_come_back_exactly(filled: Filled) -> None:
    book = read_xlsx(filled.path)
    cell = lambda index, key: _action_cell(filled, book, index, key)  # noqa: E731
    assert cell(0, "action").value == "  Salon Lyon "  # bidi override gone, not trimmed
    assert cell(0, "analysis").value == "Retard\r\nfournisseur"  # BEL gone, CR LF kept
    assert cell(1, "action").value == "Caf\u00e9 =1+1"  # NFC, and text, not a formula
    assert not cell(1, "action").formula and cell(1, "action").kind == "s"
    assert cell(0, "budget")[:3] == (5000.0, "n", False)
    assert cell(0, "spent").value == 6000.5 and cell(1, "budget").value == -250.25
    start = cell(0, "start")
    assert (start.value, start.kind, start.formula) == (serial(dt.date(2027, 2, 1)), "d", False)
    assert cell(0, "budget_gap").formula and cell(0, "budget_gap").kind == "n"
    assert cell(5, "start").kind == "d" and cell(5, "start").value is None  # empty date input


def test_identity_is_in_properties_and_names(blank: Path) -> None:
    book = read_xlsx(blank)
    assert book.properties["pacxl.kind"] == "pacxl-pac"
    assert book.properties["pacxl.lang"] == "fr" and "pacxl.version" in book.properties
    assert book.names["pacxl_identity"].startswith('"pacxl-pac;')
    assert any(name.startswith("pacxl_sheet_") for name in book.names)
    assert not book.macros and book.external_links == 0 and not book.date1904
    assert book.sheets[0].name == "Lisez-moi"


def test_isolated_and_in_process_reads_are_equal(filled: Filled) -> None:
    isolated, stats = read_with_stats(filled.path)
    assert stats.isolated and stats.child_peak_kb > 0 and stats.answer_bytes > 0
    assert stats.children == 1
    assert isolated == read_xlsx(filled.path, isolate=False)


def test_two_children_sharing_the_sheets_read_the_same(filled: Filled, monkeypatch) -> None:
    monkeypatch.setattr("pacxl.xlsx.reader.SPLIT_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    shared, stats = read_with_stats(filled.path)
    assert stats.children == 2
    assert shared == read_xlsx(filled.path, isolate=False)
    names = [sheet.name for sheet in shared.sheets]
    some, _ = read_with_stats(filled.path, sheets=names[3:6])
    assert [sheet.loaded for sheet in some.sheets] == [3 <= i < 6 for i in range(len(names))]


def test_reading_leaves_the_file_untouched(filled: Filled) -> None:
    before = (hashlib.sha256(filled.path.read_bytes()).hexdigest(), filled.path.stat().st_mtime)
    read_xlsx(filled.path)
    after = (hashlib.sha256(filled.path.read_bytes()).hexdigest(), filled.path.stat().st_mtime)
    assert after == before


def test_generic_parser_reads_what_the_fast_path_reads(filled: Filled, monkeypatch) -> None:
    fast = read_xlsx(filled.path, isolate=False)
    _force_generic(monkeypatch)
    assert read_xlsx(filled.path, isolate=False) == fast


def _force_generic(monkeypatch: pytest.MonkeyPatch) -> None:
    from pacxl.xlsx import sheet, strings
    from pacxl.xlsx.split import Unusual

    def decline(*_args: object) -> None:
        raise Unusual("forced by the test")

    monkeypatch.setattr(sheet, "_fast", decline)
    monkeypatch.setattr(strings, "_fast", decline)


@pytest.mark.engine
@pytest.mark.parametrize("engine", ["libreoffice", "gnumeric"])
def test_resaved_by_an_engine_reads_too(
    blank: Path, tmp_path: Path, require_engine, engine: str
) -> None:
    require_engine(engine)
    resaved = engines.save_as(blank, tmp_path / "resaved.xlsx", engine=engine, workdir=tmp_path)
    book = read_xlsx(resaved)
    assert [s.name for s in book.sheets] == [s.name for s in read_xlsx(blank).sheets]
    assert book.properties["pacxl.kind"] == "pacxl-pac" and "pacxl_identity" in book.names
    assert _agrees_with_openpyxl(resaved, book, sample=400) > 3000


def test_only_the_sheets_asked_for_are_parsed(blank: Path) -> None:
    full = read_xlsx(blank)
    names = [sheet.name for sheet in full.sheets]
    some = read_xlsx(blank, sheets=[names[5]])
    assert [sheet.name for sheet in some.sheets] == names
    assert [sheet.loaded for sheet in some.sheets] == [i == 5 for i in range(len(names))]
    assert some.sheets[5] == full.sheets[5] and not some.sheets[0].cells
    assert some.names == full.names and some.properties == full.properties


def test_a_sheet_named_by_a_defined_name_can_be_skipped_even_renamed(tmp_path) -> None:
    import openpyxl

    from pacxl.generate import new_workbook
    from pacxl.options import new_options
    from pacxl.xlsx import read_xlsx

    path = tmp_path / "pac.xlsx"
    new_workbook(path, new_options(year=2027))
    book = read_xlsx(path, skip_named=["pacxl_sheet_calendrier"])
    calendar = book.sheet("Calendrier")
    assert calendar is not None and not calendar.loaded and not calendar.cells
    assert all(s.loaded for s in book.sheets if s.name != "Calendrier")
    wb = openpyxl.load_workbook(path)
    wb["Calendrier"].title = "Planning"  # openpyxl keeps the name pointing at the old title
    wb.defined_names["pacxl_sheet_calendrier"].attr_text = "Planning!$A$1"
    renamed = tmp_path / "renamed.xlsx"
    wb.save(renamed)
    book = read_xlsx(renamed, skip_named=["pacxl_sheet_calendrier"])
    assert not book.sheet("Planning").loaded
    assert book.sheet("Plan d’actions").loaded
