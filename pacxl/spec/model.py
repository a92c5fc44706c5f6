"""Typed objects for the workbook description (no I/O, no spreadsheet library)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Text:
    """A label in both languages."""

    fr: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class ListSpec:
    """A drop-down list written on the «Listes» sheet and exposed as a named range."""

    key: str
    name: str
    title: Text
    values: tuple[Text, ...]
    spare: int


@dataclass(frozen=True)
class Column:
    """A column of a table section."""

    key: str
    header: Text
    type: str = "text"
    width: float | None = None
    wrap: bool = False
    list: str | None = None
    required: bool = False
    locked: bool = False
    default: str | None = None
    default_list: int | None = None
    min: float | None = None
    max: float | None = None
    unit_format: str | None = None  # key of the column whose unit drives this cell's format
    total: str | None = None  # "sum" or "expr"
    named: str | None = None  # defined name covering the column's data cells
    hidden: bool = False
    # computed columns: exactly one of these
    expr: str | None = None
    formula: str | None = None
    status: dict[str, str] | None = None
    gap: dict[str, str] | None = None
    late: dict[str, str] | None = None
    formula_by_row: bool = False  # each prefilled row carries its own formula

    @property
    def computed(self) -> bool:
        return bool(self.expr or self.formula or self.status or self.gap or self.late
                    or self.formula_by_row)


@dataclass(frozen=True)
class Field:
    """A labelled single cell of a form section, exposed as a defined name."""

    key: str
    label: Text
    type: str
    name: str
    option: str | None = None
    default: Any = None
    min: float | None = None
    max: float | None = None
    locked: bool = False
    formula: str | None = None
    expr: str | None = None

    @property
    def computed(self) -> bool:
        return bool(self.formula or self.expr)


@dataclass(frozen=True)
class Metric:
    """A row of a KPI block: an input count or a ratio computed from counts."""

    key: str
    label: Text
    unit: str
    direction: str  # "up", "down" or "none"
    expr: str | None = None
    periods: tuple[str, ...] = ("n1", "objective", "result")
    aggregate: str = "sum"  # in the total block: "sum", "input" or "none"
    # the sum of other tables' totals: tables, and the table column read for each period
    sum_of: tuple[str, ...] = ()
    sum_columns: dict[str, str] | None = None

    @property
    def computed(self) -> bool:
        return bool(self.expr or self.sum_of)


@dataclass(frozen=True)
class Line:
    key: str
    label: Text | None  # None: the label is the month computed from the fiscal start


@dataclass(frozen=True)
class Attribute:
    key: str
    label: Text
    type: str
    list: str | None = None


@dataclass(frozen=True)
class TextItem:
    style: str
    text: Text


@dataclass(frozen=True)
class Section:
    """One block of a sheet: text, form, table, lists, kpi, calendar or catalogue."""

    kind: str
    key: str
    title: Text | None = None
    # table
    columns: tuple[Column, ...] = ()
    rows: int | str = 0
    spare: int | None = None
    total: Text | None = None
    prefill: tuple[dict[str, Any], ...] = ()
    filter: bool = False
    named_column: dict[str, str] | None = None
    # form
    fields: tuple[Field, ...] = ()
    # text
    items: tuple[TextItem, ...] = ()
    # kpi
    lines: tuple[Line, ...] = ()
    metrics: tuple[Metric, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    editable_lines: bool = False
    has_total: bool = True
    total_label: Text | None = None
    periods: dict[str, Text] | None = None  # headers of the N-1 / objective / result columns
    # calendar and catalogue: the rest of the description, kept as given
    options: dict[str, Any] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"section {self.key!r} has no column {key!r}")

    def metric(self, key: str) -> Metric:
        for metric in self.metrics:
            if metric.key == key:
                return metric
        raise KeyError(f"section {self.key!r} has no metric {key!r}")

    def field(self, key: str) -> Field:
        for fld in self.fields:
            if fld.key == key:
                return fld
        raise KeyError(f"section {self.key!r} has no field {key!r}")


@dataclass(frozen=True)
class Chart:
    type: str
    title: Text
    categories: str
    series: tuple[dict[str, Any], ...]
    subtype: str | None = None
    value_format: str | None = None
    category_format: str | None = None  # a number format key of workbook.toml


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: Text
    sections: tuple[Section, ...]
    charts: tuple[Chart, ...] = ()
    portrait: bool = False
    widths: tuple[float, ...] = ()
    freeze: str | None = None
    freeze_columns: int = 0
    kpi_tab: str | None = None
    pages_wide: int = 1  # printed width in pages (frozen columns repeat on each)


@dataclass(frozen=True)
class Spec:
    """The whole workbook description."""

    identity: dict[str, Any]
    defaults: dict[str, Any]
    currencies: dict[str, dict[str, str]]
    number_formats: dict[str, Any]
    colours: dict[str, str]
    labels: dict[str, dict[str, Text]]  # unit_labels, direction_labels, gap_status, ...
    kpi_columns: tuple[Column, ...]
    kpi_texts: dict[str, Text]
    lists: tuple[ListSpec, ...]
    sheets: tuple[SheetSpec, ...]

    def sheet(self, key: str) -> SheetSpec:
        for sheet in self.sheets:
            if sheet.key == key:
                return sheet
        raise KeyError(f"no sheet {key!r}")

    def list(self, key: str) -> ListSpec:
        for lst in self.lists:
            if lst.key == key:
                return lst
        raise KeyError(f"no list {key!r}")

    def section(self, key: str) -> tuple[SheetSpec, Section]:
        for sheet in self.sheets:
            for section in sheet.sections:
                if section.key == key:
                    return sheet, section
        raise KeyError(f"no section {key!r}")

    def label(self, group: str, key: str) -> Text:
        return self.labels[group][key]
