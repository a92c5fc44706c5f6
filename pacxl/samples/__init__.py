"""The sample plans: filled PAC workbooks built from plain data, for the demo and the tests.

    from pacxl.samples import NAMES, write
    write("bob_prospection_terrain", "bob.xlsx")

Each sample is one module of :mod:`pacxl.samples.data` holding a single dict ``SAMPLE``:
plain values (text, numbers, dates) keyed by the meaning of the cells, never by address.
:func:`build` only copies them into a blank workbook through :class:`pacxl.fill.Filler`,
then pacxl computes and writes every formula. The document creation date comes from the
data, so a rebuild gives the same bytes. ``samples/build_samples.py`` rebuilds the copies
committed in the repository's ``samples/`` folder.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ..book import BookModel
from ..build import build_book
from ..fill import Filler
from ..generate import render
from ..options import NewOptions, new_options

NAMES = ("bob_prospection_terrain", "soxperts_b2b", "plezi_inbound")
PERIODS = ("n1", "objective", "result")
TABLES = ("review", "key_dates", "strategic", "smart", "actions")
BUDGET_BLOCKS = ("budget_clients", "budget_leads", "budget_resources")
FORMS = ("params", "methods", "funnel")


def load(name: str) -> dict[str, Any]:
    """The ``SAMPLE`` dict of sample ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise ValueError(f"unknown sample {name!r}; choose among {', '.join(NAMES)}")
    return importlib.import_module(f"{__name__}.data.{name}").SAMPLE


def options_of(data: dict[str, Any]) -> NewOptions:
    opts = dict(data["options"])
    team = opts.pop("team", ())
    return new_options(team=tuple(f"{name}:{role}" for name, role in team) or None, **opts)


def build(data: dict[str, Any]) -> tuple[BookModel, NewOptions]:
    """The filled workbook model of one sample, formulas not yet computed."""
    options = options_of(data)
    book = build_book(options)
    book.created = data["created"]
    fill = Filler(book, options)
    _lists(fill, book, data.get("lists", {}))
    for form in FORMS:
        for key, value in data.get(form, {}).items():
            fill.field(form, key, value)
    if "vision" in data:
        fill.field("vision", "vision", data["vision"])
    for table in TABLES:
        for index, row in enumerate(data.get(table, ())):
            fill.row(table, index, **row)
    _swot(fill, data.get("swot", {}))
    for block in BUDGET_BLOCKS:
        _budget_block(fill, block, data.get("budget", {}).get(block))
    for section, lines in data.get("kpi", {}).items():
        for line, entry in lines.items():
            _kpi_line(fill, section, line, entry)
    for section, metrics in data.get("series", {}).items():
        _series(fill, section, metrics)
    _picks(fill, book, data.get("picks"))
    return book, options


# -- the parts of a sample ------------------------------------------------------------------


def _lists(fill: Filler, book: BookModel, extra: dict[str, list[str]]) -> None:
    """Append values to drop-down lists, in the empty cells the template leaves for them."""
    place = fill.layout.places["lists"]
    sheet = book.sheet(place.sheet.name(book.lang))
    for key, values in extra.items():
        col = place.col(key)
        free = [r for r in range(place.first, place.last + 1)
                if (r, col) in sheet.cells and sheet.cells[(r, col)].value is None]
        for row, value in zip(free, values, strict=False):
            fill.row("lists", row - place.first, **{key: value})
        if len(values) > len(free):
            raise ValueError(f"list {key}: {len(values)} values, room for {len(free)}")


def _swot(fill: Filler, swot: dict[str, list[str]]) -> None:
    """SWOT given column by column (forces, faiblesses…), written row by row."""
    for key, items in swot.items():
        for index, item in enumerate(items):
            fill.row("swot", index, **{key: item})


def _budget_block(fill: Filler, block: str, lines: list[dict[str, Any]] | None) -> None:
    """Exactly these lines: the template's suggested items beyond them are cleared."""
    if lines is None:
        return
    suggested = len(fill.spec.section(block)[1].prefill)
    for index, line in enumerate(lines):
        fill.row(block, index, **line)
    for index in range(len(lines), suggested):
        fill.row(block, index, item=None)


def _kpi_line(fill: Filler, section: str, line: str, entry: dict[str, Any]) -> None:
    """One KPI line: its new label, its attributes (date, type…), then metric: (N-1, N, réalisé)."""
    attribute_keys = {a.key for a in fill.layout.places[section].section.attributes}
    attributes = {k: v for k, v in entry.items() if k in attribute_keys}
    if "label" in entry or attributes:
        fill.line(section, line, entry.get("label"), **attributes)
    for metric, values in entry.items():
        if metric == "label" or metric in attribute_keys:
            continue
        periods = {p: v for p, v in zip(PERIODS, values, strict=True) if v is not None}
        fill.kpi(section, line, metric, **periods)


def _series(fill: Filler, section: str, metrics: dict[str, dict[str, list[Any]]]) -> None:
    """Month-by-month values: ``{metric: {period: [first month, second month, …]}}``."""
    lines = [line.key for line in fill.layout.places[section].section.lines]
    for metric, periods in metrics.items():
        for period, values in periods.items():
            for line, value in zip(lines, values, strict=False):
                if value is not None:
                    fill.kpi(section, line, metric, **{period: value})


def _picks(fill: Filler, book: BookModel, picks: list[tuple[str, str] | None] | None) -> None:
    """The dashboard's key indicators, named by (KPI section, metric)."""
    if picks is None:
        return
    place = fill.layout.places["catalogue"]
    sheet = book.sheet(place.sheet.name(book.lang))
    labels = {(section, metric): sheet.cells[(place.first + i, place.col("label"))].value
              for i, (section, _, metric) in enumerate(place.entries)}
    rows = fill.layout.places["picks"]
    for index in range(rows.last - rows.first + 1):
        pick = picks[index] if index < len(picks) else None
        fill.row("picks", index, indicator=None if pick is None else labels[tuple(pick)])


def write(name: str, path: str | Path) -> Path:
    """Build sample ``name`` and write it to ``path`` (atomically); return the path."""
    data = load(name)
    book, options = build(data)
    render(book, Path(path), options, today=data["params"]["review_date"])
    return Path(path)
