"""Where every section of the description lands: sheets, rows and columns.

Pure positions (0-based rows and columns) computed from the description and the options;
the writer fills them, the reader looks there first. Sections are stacked top to bottom,
one empty row apart, from column A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .options import NewOptions
from .spec import Section, SheetSpec, Spec

GAP = 1  # empty rows between two sections
MONTHS = 12


@dataclass
class Placement:
    """The cells one section occupies."""

    sheet: SheetSpec
    section: Section
    top: int  # the title row
    header: int = -1  # header row of a table, KPI or calendar section
    first: int = -1  # first data row
    last: int = -1  # last data row (inclusive)
    total_row: int = -1
    bottom: int = -1  # last row used
    rows: dict[str, int] = field(default_factory=dict)  # form fields, KPI block headers
    cells: dict[tuple[str, str], int] = field(default_factory=dict)  # (line, metric) -> row
    columns: dict[str, int] = field(default_factory=dict)  # column/list/period key -> column
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # catalogue

    def col(self, key: str) -> int:
        return self.columns[key]


def table_rows(section: Section, options: NewOptions, spec: Spec) -> tuple[int, int]:
    """(rows the template fills or offers, spare rows) of a table section."""
    if section.rows == "actions":
        base = len(section.prefill) if options.bpi else options.action_rows
    elif section.rows == "team":
        base = max(len(options.team), spec.defaults["team_rows"])
    else:
        base = int(section.rows)
    spare = options.spare_rows if section.spare is None else section.spare
    return base, spare


class Layout:
    """Positions of every section, and the references formulas use to reach them."""

    def __init__(self, spec: Spec, options: NewOptions) -> None:
        self.spec = spec
        self.options = options
        self.lang = options.lang
        self.places: dict[str, Placement] = {}
        for sheet in spec.sheets:
            row = 0
            for section in sheet.sections:
                place = self._place(sheet, section, row)
                self.places[section.key] = place
                row = place.bottom + 1 + GAP

    # -- placing ---------------------------------------------------------------------------
    def _place(self, sheet: SheetSpec, section: Section, top: int) -> Placement:
        place = Placement(sheet, section, top)
        getattr(self, f"_place_{section.kind}")(place)
        return place

    def _place_text(self, place: Placement) -> None:
        place.bottom = place.top + len(place.section.items) - 1

    def _place_form(self, place: Placement) -> None:
        place.columns = {"label": 0, "value": 1, "note": 2}
        for i, fld in enumerate(place.section.fields):
            place.rows[fld.key] = place.top + 1 + i
        place.first, place.last = place.top + 1, place.top + len(place.section.fields)
        place.bottom = place.last

    def _place_table(self, place: Placement) -> None:
        section = place.section
        place.columns = {c.key: i for i, c in enumerate(section.columns)}
        place.header = place.top + 1
        base, spare = table_rows(section, self.options, self.spec)
        place.first = place.header + 1
        place.last = place.first + base + spare - 1
        place.bottom = place.last
        if section.total is not None or any(c.total for c in section.columns):
            place.total_row = place.last + 1
            place.bottom = place.total_row

    def _place_lists(self, place: Placement) -> None:
        place.header = place.top + 1
        place.first = place.header + 1
        roles = len({m.role.casefold() for m in self.options.team if m.role})  # may be added
        height = max(len(lst.values) + lst.spare + roles for lst in self.spec.lists)
        place.columns = {lst.key: i for i, lst in enumerate(self.spec.lists)}
        place.last = place.first + height - 1
        place.bottom = place.last

    def _place_kpi(self, place: Placement) -> None:
        section = place.section
        place.columns = {c.key: i for i, c in enumerate(self.spec.kpi_columns)}
        place.header = place.top + 1
        row = place.header + 1
        place.first = row
        lines = [line.key for line in section.lines]
        if section.has_total:
            lines.append("total")
        for line in lines:
            place.rows[line] = row
            for metric in section.metrics:
                row += 1
                place.cells[(line, metric.key)] = row
            row += 1
        place.last = row - 1
        if section.has_total:
            place.total_row = place.rows["total"]
        place.bottom = place.last

    def _place_calendar(self, place: Placement) -> None:
        source = self.places[place.section.options["source"]]
        mirror = place.section.options["mirror"]
        place.columns = {m["key"]: i for i, m in enumerate(mirror)}
        for month in range(MONTHS):
            place.columns[f"m{month + 1:02}"] = len(mirror) + month
        place.header = place.top + 1
        place.first = place.header + 1
        place.last = place.first + (source.last - source.first)
        place.rows = {"month_total": place.last + 1, "quarter_total": place.last + 2,
                      "cumulative": place.last + 3, "unscheduled": place.last + 4}
        place.total_row = place.last + 1
        place.bottom = place.last + 4

    def _place_catalogue(self, place: Placement) -> None:
        place.columns = {c.key: i for i, c in enumerate(place.section.columns)}
        place.header = place.top + 1
        place.first = place.header + 1
        place.entries = self._catalogue_entries()
        place.last = place.first + len(place.entries) - 1
        place.bottom = place.last

    def _catalogue_entries(self) -> list[tuple[str, str, str]]:
        """(section, line, metric) of every total (or single-line) KPI row."""
        entries = []
        for place in self.places.values():
            section = place.section
            if section.kind != "kpi":
                continue
            line = "total" if section.has_total else section.lines[0].key
            entries += [(section.key, line, m.key) for m in section.metrics]
        return entries

    # -- references ------------------------------------------------------------------------
    def sheet_name(self, sheet: SheetSpec) -> str:
        return sheet.name(self.lang)

    def qualify(self, section_key: str, from_sheet: str | None, ref: str) -> str:
        sheet = self.places[section_key].sheet
        if sheet.key == from_sheet:
            return ref
        return f"{quote_sheet(self.sheet_name(sheet))}!{ref}"

    def column_range(self, section_key: str, column: str, from_sheet: str | None) -> str:
        place = self.places[section_key]
        col = place.col(column)
        ref = f"{cell_ref(place.first, col, True, True)}:{cell_ref(place.last, col, True, True)}"
        return self.qualify(section_key, from_sheet, ref)

    def total_cell(self, section_key: str, column: str, from_sheet: str | None) -> str:
        place = self.places[section_key]
        ref = cell_ref(place.total_row, place.col(column), True, True)
        return self.qualify(section_key, from_sheet, ref)

    def kpi_cell(self, section_key: str, line: str, metric: str, period: str,
                 from_sheet: str | None) -> str:
        place = self.places[section_key]
        ref = cell_ref(place.cells[(line, metric)], place.col(period), True, True)
        return self.qualify(section_key, from_sheet, ref)


@cache
def col_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int, abs_row: bool = False, abs_col: bool = False) -> str:
    """A1-style reference of a 0-based (row, col)."""
    return f"{'$' if abs_col else ''}{col_letter(col)}{'$' if abs_row else ''}{row + 1}"


# Names Excel would read as a cell reference (A1, XFD100) or an R1C1 one (R2, C3, RC, R1C1…).
_REFERENCE_LIKE = re.compile(r"[A-Z]{1,3}[0-9]+$|R[0-9]|C[0-9]|RC([0-9]|$)|[RC]$",
                             re.IGNORECASE)


def quote_sheet(name: str) -> str:
    """Quote a sheet name for a formula when it needs it (quoting more is harmless)."""
    if (name.replace("_", "").isalnum() and name.isascii() and not name[0].isdigit()
            and not _REFERENCE_LIKE.match(name)):
        return name
    return "'" + name.replace("'", "''") + "'"
