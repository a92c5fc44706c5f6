"""What people do to a filled workbook, as cases: the edit, its findings, what is then read.

Mistreatments are done with openpyxl: text where numbers go, dates typed as text, rows below
a total, English headers, merged cells, overwritten formulas, values outside the lists, a
renamed sheet. :func:`planted_book` does every case to the filled French workbook, once per
test session; the test modules check what the importer reads and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from plans import Made, Ref, edit, read
from reader_books import D, Read, ReaderBooks, finding, kpi_of, row_of

from pacxl.layout import cell_ref
from pacxl.reader import Plan

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



def planted_book(books: ReaderBooks) -> Read:
    """The filled French workbook with every case of CASES done to it (the rename last)."""
    filled_fr = books.filled("fr")

    def change(wb: openpyxl.Workbook) -> None:
        for case in CASES.values():
            case.change(filled_fr.made, wb)

    def write(dst: Path) -> Read:
        path = edit(filled_fr.path, dst, change)
        return Read(filled_fr.made, path, read(path), filled_fr.typed)

    return books.once("planted", write)
