"""Findings: every problem the importer meets, located to the cell, collected not raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..messages import message

ERROR, WARNING = "error", "warning"

# The severity of each finding code (the catalogue's messages are `finding_<code>`).
SEVERITY = {
    "text_number": WARNING, "dash_zero": WARNING, "text_date": WARNING,
    "number_as_date": WARNING, "date_in_number": WARNING, "formula_in_input": WARNING,
    "formula_replaced": WARNING, "row_below_total": WARNING, "not_in_list": WARNING,
    "merged_cells": WARNING, "macros": WARNING, "external_links": WARNING,
    "sheet_renamed": WARNING, "column_missing": WARNING, "duplicate_id": WARNING,
    "lines_renamed": WARNING, "negative_amount": WARNING, "rate_over_100": WARNING,
    "not_a_number": ERROR, "not_a_date": ERROR, "date_out_of_range": ERROR,
    "error_value": ERROR, "sheet_missing": ERROR, "header_missing": ERROR,
    "not_whole": WARNING, "formula_no_value": ERROR,
}


@dataclass(frozen=True)
class Finding:
    """One problem found in the workbook, with where it is and what was there."""

    code: str
    severity: str
    sheet: str
    cell: str  # "K12", or "" for the whole sheet/workbook
    header: str
    value: Any
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def reference(self) -> str:
        """``'Plan d’actions'!K12`` — the cell as a spreadsheet names it."""
        if not self.sheet:
            return ""
        quoted = "'" + self.sheet.replace("'", "''") + "'"
        return f"{quoted}!{self.cell}" if self.cell else quoted

    def message(self, lang: str = "fr") -> str:
        return message(f"finding_{self.code}", lang, value=_shown(self.value),
                       header=self.header, **self.params)

    def as_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet,
                "cell": self.cell, "reference": self.reference, "header": self.header,
                "value": _jsonable(self.value), "message": self.message(lang)}


def _shown(value: Any) -> str:
    if value is None:
        return "(vide)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


class Findings(list):
    """The findings of one read, in the order met."""

    def add(self, code: str, sheet: str = "", cell: str = "", header: str = "",
            value: Any = None, **params: Any) -> None:
        self.append(Finding(code, SEVERITY[code], sheet, cell, header, value, params))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self if f.severity == WARNING]
