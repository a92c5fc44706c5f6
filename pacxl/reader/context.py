"""What the section readers share: the workbook, its sheets, windows, lists and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
        ref = f"{col_letter(col)}{row + 1}"
        if cell.formula:
            if cell.value is None:
                self.findings.add("formula_no_value", sheet.name, ref, header, None)
                return None
            self.findings.add("formula_in_input", sheet.name, ref, header, cell.value)
        value, note = interpret(cell.value, cell.kind, value_type)
        if note:
            self.findings.add(note, sheet.name, ref, header, cell.value, read=_shown(value))
        return value

    def windows(self, sheet_key: str) -> dict[str, Window]:
        """Each section of a sheet → the rows to search, from the sections' defined names."""
        sheet = self.sheets.get(sheet_key)
        if sheet is None:
            return {}
        sections = self.spec.sheet(sheet_key).sections
        tops: list[int | None] = []
        for section in sections:
            ref = parse_range(self.raw.names.get(f"pacxl_{section.key}", ""))
            tops.append(ref[1] if ref and ref[0] == sheet.name else None)
        end = sheet.max_row + 1
        result: dict[str, Window] = {}
        for i, section in enumerate(sections):
            top = tops[i] if tops[i] is not None else (0 if i == 0 else None)
            nxt = next((t for t in tops[i + 1:] if t is not None), end)
            result[section.key] = Window(sheet, top if top is not None else 0, nxt)
        return result


def _shown(value: Any) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def section_sheet(spec: Spec, section: Section) -> str:
    sheet, _ = spec.section(section.key)
    return sheet.key
