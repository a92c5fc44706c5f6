"""What every section builder shares: the layout, the language and formula references."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import __version__
from ..book import BookModel, SheetModel
from ..layout import Layout, cell_ref, col_letter
from ..options import NewOptions
from ..spec import Section, SheetSpec, Spec, Text
from ..spec.load import SpecError

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
# resolve(row=ANY_ROW) writes a same-row reference with ROW_MARK for its row number: a
# template of the formula for every row of a table. No formula text holds the mark (XML
# cannot hold it: the formula evaluator uses it as its own marker).
ANY_ROW, ROW_MARK = -1, "\x00"


def literal(value: str) -> str:
    """An Excel string literal."""
    return '"' + value.replace('"', '""') + '"'


@dataclass
class Ctx:
    spec: Spec
    options: NewOptions
    layout: Layout
    book: BookModel

    @property
    def lang(self) -> str:
        return self.options.lang

    def t(self, text: Text | None) -> str:
        return "" if text is None else self.fill(text(self.lang))

    def label(self, group: str, key: str) -> str:
        cache = self.__dict__.setdefault("_labels", {})
        found = cache.get((group, key))
        if found is None:
            found = cache[(group, key)] = self.spec.label(group, key)(self.lang).format(
                symbol=self.symbol)
        return found

    @property
    def symbol(self) -> str:
        return self.spec.currencies[self.options.currency]["symbol"]

    def fill(self, value: str) -> str:
        """Fill the {year}, {company}, {version} and {symbol} (currency) of a label."""
        company = self.options.company
        if not company:
            value = value.replace(" — {company}", "")
        return value.replace("{year}", str(self.options.year)).replace(
            "{company}", company).replace("{version}", __version__).replace(
            "{symbol}", self.symbol)

    def sheet_model(self, sheet: SheetSpec) -> SheetModel:
        return self.book.sheet(sheet.name(self.lang))

    # -- formula templates -----------------------------------------------------------------
    def resolve(self, template: str, sheet: SheetSpec, section: Section | None = None,
                row: int | None = None) -> str:
        """Replace the {placeholders} of a formula template by cell references.

        ``{col}`` same row of the current table; ``{table.col}`` a column's data range;
        ``{table.total.col}`` a total cell; ``{kpi.line.metric.period}`` a KPI cell;
        ``{L:group.key}`` a label of the workbook as a string literal.
        """

        def one(match: re.Match[str]) -> str:
            return self._reference(match.group(1), sheet, section, row)

        return _PLACEHOLDER.sub(one, template)

    def _reference(self, key: str, sheet: SheetSpec, section: Section | None,
                   row: int | None) -> str:
        if key.startswith("L:"):
            group, _, name = key[2:].partition(".")
            return literal(self.label(group, name))
        parts = key.split(".")
        if len(parts) == 1 and section is not None and row is not None:
            col = self.layout.places[section.key].col(key)
            return col_letter(col) + ROW_MARK if row == ANY_ROW else cell_ref(row, col)
        if len(parts) == 2:
            return self.layout.column_range(parts[0], parts[1], sheet.key)
        if len(parts) == 3 and parts[1] == "total":
            return self.layout.total_cell(parts[0], parts[2], sheet.key)
        if len(parts) == 4:
            return self.layout.kpi_cell(*parts, from_sheet=sheet.key)
        raise SpecError(f"cannot resolve {{{key}}} in sheet {sheet.key!r}")
