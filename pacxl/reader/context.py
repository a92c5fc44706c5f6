"""What the section readers share: the workbook, its sheets, windows, lists and findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

from ..layout import col_letter
from ..spec import Section, Spec, Text
from ..values import interpret
from ..xlsx import RawBook, RawCell, RawSheet
from .findings import Findings
from .names import normalise, parse_range


@dataclass
class Window:
    """The rows of a sheet where a section is looked for: [top, end)."""

    sheet: RawSheet
    top: int
    end: int


@dataclass
class ReadCtx:
    raw: RawBook
    spec: Spec
    lang: str
    sheets: dict[str, RawSheet]
    findings: Findings = field(default_factory=Findings)
    lists: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)  # section -> key -> col
    _extents: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)

    def extent(self, sheet: RawSheet) -> tuple[int, int]:
        """The last row and column used in a sheet (-1, -1 if empty), counted once per read."""
        found = self._extents.get(id(sheet))  # the sheets live as long as the read
        if found is None:
            cells = sheet.cells
            found = (max(map(itemgetter(0), cells), default=-1),
                     max(map(itemgetter(1), cells), default=-1))
            self._extents[id(sheet)] = found
        return found

    def max_col(self, sheet: RawSheet) -> int:
        """The last column used in a sheet (-1 if empty)."""
        return self.extent(sheet)[1]

    def matches(self, cell: RawCell | None, text: Text | str) -> bool:
        """Does a header cell read as this label, in French or English?"""
        if cell is None or not isinstance(cell.value, str):
            return False
        got = normalise(cell.value)
        if isinstance(text, str):
            return got == normalise(text)
        return got in (normalise(text.fr), normalise(text.en))

    def symbol(self) -> str:
        currency = self.raw.properties.get("pacxl.currency")
        return self.spec.currencies.get(currency or "EUR", {"symbol": "€"})["symbol"]

    def read(self, sheet: RawSheet, row: int, col: int, value_type: str,
             header: str) -> Any:
        """The interpreted input of one cell, with a finding if it had to be interpreted."""
        cell = sheet.cells.get((row, col))
        if cell is None:
            return None
        if cell.formula:
            ref = f"{col_letter(col)}{row + 1}"
            if cell.value is None:
                self.findings.add("formula_no_value", sheet.name, ref, header, None)
                return None
            if cell.kind != "e":  # an error result is reported as such, below
                self.findings.add("formula_in_input", sheet.name, ref, header, cell.value)
        elif cell.value is None and cell.kind != "e":
            return None  # a formatted empty cell: every type reads it as empty, silently
        value, note = interpret(cell.value, cell.kind, value_type)
        if note:
            self.findings.add(note, sheet.name, f"{col_letter(col)}{row + 1}", header,
                              cell.value, read=_shown(value))
        return value

    def windows(self, sheet_key: str) -> dict[str, Window]:
        """Each section of a sheet → the rows to search, from the sections' defined names."""
        sheet = self.sheets.get(sheet_key)
        if sheet is None:
            return {}
        sections = self.spec.sheet(sheet_key).sections
        names = {sheet.name, *self._stale_names(sheet_key)}
        tops: list[int | None] = []
        for section in sections:
            ref = parse_range(self.raw.names.get(f"pacxl_{section.key}", ""))
            tops.append(ref[1] if ref and ref[0] in names else None)
        end = self.extent(sheet)[0] + 1
        result: dict[str, Window] = {}
        for i, section in enumerate(sections):
            top = tops[i] if tops[i] is not None else (0 if i == 0 else None)
            nxt = next((t for t in tops[i + 1:] if t is not None), end)
            result[section.key] = Window(sheet, top if top is not None else 0, nxt)
        return result

    def _stale_names(self, sheet_key: str) -> set[str]:
        """The template's names of a sheet renamed without its defined names following:
        names that still point there are trusted, unless another sheet now bears them."""
        text = self.spec.sheet(sheet_key).name
        return {n for n in (text.fr, text.en) if n != self.sheets[sheet_key].name
                and self.raw.sheet(n) is None}


def _shown(value: Any) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


T = TypeVar("T")


def per_section(cache: dict[int, tuple[Section, Any]], section: Section,
                build: Callable[[Section], T]) -> T:
    """``build(section)``, computed once per section of the description and kept in ``cache``.

    What depends only on the description is worked out once rather than on every read.
    A Section holds dicts, so it cannot be hashed: the cache is keyed by its id and keeps
    the section alive with the value, so that the id cannot be reused by another one.
    """
    known = cache.get(id(section))
    if known is None or known[0] is not section:
        known = cache[id(section)] = (section, build(section))
    return known[1]


def section_sheet(spec: Spec, section: Section) -> str:
    sheet, _ = spec.section(section.key)
    return sheet.key
