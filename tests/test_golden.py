"""A golden snapshot of the workbook structure, so that any layout change shows in review.

For each language, :func:`structure` describes the blank workbook of
``new_options(year=2027, lang=...)``: every sheet (name, frozen cell, print orientation,
number of formula cells, validations), every section (position, header texts, and the
formulas of its first data row, first KPI block and total block), and the defined names.
The test compares it with ``tests/golden/structure_<lang>.json`` and fails with a diff.

A deliberate layout change is recorded by regenerating the files, then reviewing their diff:

    PACXL_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pacxl.book import SheetModel
from pacxl.build import build_book
from pacxl.layout import Layout, Placement, cell_ref
from pacxl.options import new_options
from pacxl.spec import load_spec
from pacxl.writer import compact_validations

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PACXL_REGEN_GOLDEN") == "1"
MAX_DIFF_LINES = 120


def structure(lang: str) -> dict[str, Any]:
    """The structure of the blank workbook in ``lang``, as plain JSON data."""
    options = new_options(year=2027, lang=lang)
    book = build_book(options)
    layout = Layout(load_spec(), options)
    sheets = []
    for sheet_spec, model in zip(load_spec().sheets, book.sheets, strict=True):
        sheets.append(
            {
                "key": sheet_spec.key,
                "name": model.name,
                "freeze": None if model.freeze is None else cell_ref(*model.freeze),
                "portrait": model.portrait,
                "formula_cells": sum(c.is_formula for c in model.cells.values()),
                "sections": [_section(model, layout.places[s.key]) for s in sheet_spec.sections],
                "validations": _validations(model),
                "charts": [{"title": c["title"], "type": c["type"]} for c in model.charts],
            }
        )
    return {
        "options": {"year": options.year, "lang": lang, "currency": options.currency},
        "formula_cells": book.formula_cells(),
        "sheets": sheets,
        "names": dict(sorted(book.names.items())),
        "properties": {k: v for k, v in book.properties.items() if k != "pacxl.generator"},
    }


def _content(model: SheetModel, row: int, col: int) -> Any:
    """A formula as written, "<input>" for an empty input cell, else the value."""
    cell = model.cells.get((row, col))
    if cell is None:
        return None
    if cell.value is None and (cell.style.startswith("input:") or cell.style == "line:input"):
        return "<input>"
    return cell.value


def _row(model: SheetModel, place: Placement, row: int, keys: list[str]) -> dict[str, Any]:
    return {key: _content(model, row, place.col(key)) for key in keys}


def _section(model: SheetModel, place: Placement) -> dict[str, Any]:
    section = place.section
    entry: dict[str, Any] = {
        "key": section.key,
        "kind": section.kind,
        "rows": f"{place.top + 1}:{place.bottom + 1}",
    }
    if place.header >= 0:
        entry["headers"] = [
            _content(model, place.header, c) for c in sorted(set(place.columns.values()))
        ]
    builder = {
        "table": _table,
        "calendar": _table,
        "catalogue": _table,
        "form": _form,
        "kpi": _kpi,
        "lists": _lists,
    }.get(section.kind)
    if builder is not None:
        entry.update(builder(model, place))
    return entry


def _table(model: SheetModel, place: Placement) -> dict[str, Any]:
    keys = list(place.columns)
    entry = {
        "data_rows": f"{place.first + 1}:{place.last + 1}",
        "first_row": _row(model, place, place.first, keys),
    }
    if place.total_row >= 0:
        entry["total_row"] = _row(model, place, place.total_row, keys)
    return entry


def _form(model: SheetModel, place: Placement) -> dict[str, Any]:
    return {
        "fields": {
            f.key: _content(model, place.rows[f.key], place.col("value"))
            for f in place.section.fields
        }
    }


def _lists(model: SheetModel, place: Placement) -> dict[str, Any]:
    return {"data_rows": f"{place.first + 1}:{place.last + 1}"}


def _kpi(model: SheetModel, place: Placement) -> dict[str, Any]:
    section = place.section
    periods = ["n1", "objective", "result"]
    first_line = section.lines[0].key
    entry: dict[str, Any] = {
        "lines": [line.key for line in section.lines],
        "first_line_header": _content(model, place.rows[first_line], 0),
        "first_line": {
            m.key: _row(model, place, place.cells[(first_line, m.key)], periods)
            for m in section.metrics
        },
        "gaps": _row(
            model,
            place,
            place.cells[(first_line, section.metrics[0].key)],
            ["line", "unit", "direction", "gap", "gap_pct", "status"],
        ),
    }
    if section.has_total:
        entry["total"] = {
            m.key: _row(model, place, place.cells[("total", m.key)], periods)
            for m in section.metrics
        }
    return entry


def _validations(model: SheetModel) -> list[str]:
    """Each validated range (column by column) and its list, or its type and bounds."""
    rules = []
    for rule in sorted(
        compact_validations(model.validations), key=lambda r: (r.first[1], r.first[0])
    ):
        where = f"{cell_ref(*rule.first)}:{cell_ref(*rule.last)}"
        what = (
            f"={rule.source}"
            if rule.kind == "list"
            else f"{rule.kind} [{_bound(rule.minimum)}, {_bound(rule.maximum)}]"
        )
        rules.append(f"{where} {what}")
    return rules


def _bound(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_structure_matches_the_golden_file(lang: str) -> None:
    path = GOLDEN / f"structure_{lang}.json"
    current = _dump(structure(lang))
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(current, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"{path} is missing; create it with PACXL_REGEN_GOLDEN=1 python -m pytest "
            "tests/test_golden.py"
        )
    golden = path.read_text(encoding="utf-8")
    if current != golden:
        diff = list(
            difflib.unified_diff(
                golden.splitlines(),
                current.splitlines(),
                f"golden/{path.name}",
                "built now",
                lineterm="",
                n=2,
            )
        )
        shown = diff[:MAX_DIFF_LINES]
        if len(diff) > MAX_DIFF_LINES:
            shown.append(f"... {len(diff) - MAX_DIFF_LINES} more diff lines")
        pytest.fail(
            "the workbook structure changed; if that is intended, regenerate with "
            "PACXL_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py and review "
            "the diff\n" + "\n".join(shown),
            pytrace=False,
        )


def test_golden_files_are_json_of_both_languages() -> None:
    for lang in ("fr", "en"):
        data = json.loads((GOLDEN / f"structure_{lang}.json").read_text(encoding="utf-8"))
        assert data["options"] == {"year": 2027, "lang": lang, "currency": "EUR"}
        assert len(data["sheets"]) == 16
        assert data["properties"]["pacxl.lang"] == lang
