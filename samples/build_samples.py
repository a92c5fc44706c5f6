"""Build the sample PAC workbooks of ``samples/`` from their data in ``samples/data/``.

    python samples/build_samples.py            # rebuild every sample
    python samples/build_samples.py bob_prospection_terrain
    python samples/build_samples.py --check    # exit 1 if a committed sample is stale

Each sample is one data file, ``samples/data/<name>.py``, holding a single dict ``SAMPLE``:
plain values (text, numbers, dates) keyed by the meaning of the cells, never by address.
This script only copies them into a blank workbook through :class:`pacxl.fill.Filler`, then
lets pacxl compute and write every formula. The document creation date comes from the data,
so a rebuild gives the same bytes; ``--check`` still compares the unpacked parts of the
files (the XML inside the zip), so a different zlib cannot make a sample look stale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from pacxl.book import BookModel
from pacxl.build import build_book
from pacxl.fill import Filler
from pacxl.generate import render
from pacxl.options import NewOptions, new_options

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
NAMES = ("bob_prospection_terrain", "soxperts_b2b", "plezi_inbound")
PERIODS = ("n1", "objective", "result")
TABLES = ("review", "key_dates", "strategic", "smart", "actions")
BUDGET_BLOCKS = ("budget_clients", "budget_leads", "budget_resources")
FORMS = ("params", "methods", "funnel")


def load(name: str) -> dict[str, Any]:
    """The ``SAMPLE`` dict of ``samples/data/<name>.py``."""
    path = DATA / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"pacxl_sample_{name}", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SAMPLE


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


def write(name: str, path: Path) -> None:
    """Build sample ``name`` and write it to ``path``."""
    data = load(name)
    book, options = build(data)
    render(book, path, options, today=data["params"]["review_date"])


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


# -- command line -----------------------------------------------------------------------------


def parts(path: Path) -> dict[str, bytes]:
    """The unpacked members of an .xlsx (a zip): what the file says, whatever the deflate."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def difference(committed: Path, fresh: Path) -> str | None:
    """How a committed sample differs from a fresh build of it, or None if it does not."""
    if not committed.exists():
        return f"{committed.name}: missing"
    old, new = parts(committed), parts(fresh)
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    if not differ:
        return None
    more = f" and {len(differ) - 5} more parts" if len(differ) > 5 else ""
    return f"{committed.name}: {', '.join(differ[:5])}{more}"


def stale(names: tuple[str, ...] = NAMES, folder: Path = HERE) -> list[str]:
    """The samples whose committed file differs from what this script builds now."""
    found = []
    with tempfile.TemporaryDirectory(prefix="pacxl-samples-") as tmp:
        for name in names:
            fresh = Path(tmp) / f"{name}.xlsx"
            write(name, fresh)
            problem = difference(folder / f"{name}.xlsx", fresh)
            if problem:
                found.append(problem)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"samples to build (default: all of {', '.join(NAMES)})")
    parser.add_argument("--check", action="store_true",
                        help="build in a temporary folder and compare; exit 1 if any differs")
    args = parser.parse_args(argv)
    names = tuple(args.names) or NAMES
    unknown = sorted(set(names) - set(NAMES))
    if unknown:
        parser.error(f"unknown sample(s): {', '.join(unknown)}; choose among {', '.join(NAMES)}")
    if args.check:
        problems = stale(names)
        for problem in problems:
            print(f"stale sample: {problem}", file=sys.stderr)
        if problems:
            print("rebuild them with: python samples/build_samples.py", file=sys.stderr)
            return 1
        print(f"{len(names)} samples up to date")
        return 0
    for name in names:
        path = HERE / f"{name}.xlsx"
        started = dt.datetime.now()
        write(name, path)
        seconds = (dt.datetime.now() - started).total_seconds()
        print(f"wrote {path.relative_to(HERE.parent)} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
