"""Fill the input cells of a workbook model by meaning rather than by address.

Tests and the sample builder use it to write known values where a person would type
them: ``fill.row("actions", 0, action="Salon", budget=5000)``,
``fill.kpi("products", "p1", "revenue", objective=120000, result=80000)``,
``fill.field("params", "review_date", dt.date(2027, 6, 30))``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .book import BookModel
from .layout import Layout
from .options import NewOptions
from .spec import Spec, load_spec

EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(value: Any) -> Any:
    """Dates become spreadsheet serial numbers; everything else is kept."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return float((value - EXCEL_EPOCH).days)
    return value


class FillError(KeyError):
    """The cell asked for is not an input cell of the workbook."""


class Filler:
    """Writes input values into a :class:`BookModel` built with the same options."""

    def __init__(self, book: BookModel, options: NewOptions, spec: Spec | None = None):
        self.book = book
        self.spec = spec or load_spec()
        self.layout = Layout(self.spec, options)

    def _set(self, section: str, row: int, col: int, value: Any) -> None:
        place = self.layout.places[section]
        sheet = self.book.sheet(place.sheet.name(self.book.lang))
        cell = sheet.cells.get((row, col))
        if cell is None or not (cell.style.startswith("input") or cell.style == "line:input"):
            raise FillError(f"{section}: ({row}, {col}) is not an input cell")
        cell.value = serial(value)

    def row(self, section: str, index: int, **values: Any) -> None:
        """Fill row ``index`` (0-based, among the data rows) of a table section."""
        place = self.layout.places[section]
        if not 0 <= index <= place.last - place.first:
            raise FillError(f"{section}: no data row {index}")
        for key, value in values.items():
            self._set(section, place.first + index, place.col(key), value)

    def kpi(self, section: str, line: str, metric: str, **periods: Any) -> None:
        """Fill ``n1``, ``objective`` and/or ``result`` of one metric of one line."""
        place = self.layout.places[section]
        for period, value in periods.items():
            self._set(section, place.cells[(line, metric)], place.col(period), value)

    def line(self, section: str, line: str, label: str | None = None, **attributes: Any) -> None:
        """Rename an editable KPI line and fill its attributes (type, date…)."""
        place = self.layout.places[section]
        row = place.rows[line]
        if label is not None:
            self._set(section, row, 0, label)
        keys = [a.key for a in place.section.attributes]
        for key, value in attributes.items():
            self._set(section, row, place.col("n1") + 2 * keys.index(key) + 1, value)

    def field(self, section: str, key: str, value: Any) -> None:
        """Fill one field of a form section."""
        place = self.layout.places[section]
        self._set(section, place.rows[key], place.col("value"), value)
