"""Read table, form and list sections: find the header, map columns, read each input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..layout import col_letter
from ..spec import Column, Section
from ..values import is_blank
from ..xlsx import RawSheet
from .context import ReadCtx, Window
from .names import normalise, parse_cell, parse_range

HEADER_SEARCH = 8  # rows below a section's top where its header row may be


def find_header(ctx: ReadCtx, window: Window, labels: dict[str, Any]) -> tuple[int, dict[str, int]]:
    """The header row in the window and the column of each label found there (-1, {})."""
    wanted = {}
    for key, text in labels.items():
        for variant in (text.fr, text.en) if hasattr(text, "fr") else (text,):
            wanted.setdefault(normalise(variant), key)
    cells = window.sheet.cells
    # probing the sheet's columns rather than scanning every cell keeps this cheap on a sheet
    # of thousands of rows
    columns = range(ctx.max_col(window.sheet) + 1)
    best: tuple[int, dict[str, int]] = (-1, {})
    for row in range(window.top, min(window.top + HEADER_SEARCH, window.end)):
        found: dict[str, int] = {}
        for c in columns:
            cell = cells.get((row, c))
            if cell is None or not isinstance(cell.value, str):
                continue
            key = wanted.get(normalise(cell.value))
            if key is not None and key not in found:
                found[key] = c
        if len(found) > len(best[1]):
            best = (row, found)
    needed = min(2, len(labels))
    return best if len(best[1]) >= needed else (-1, {})


def _inputs(section: Section) -> list[Column]:
    return [c for c in section.columns if not (c.computed or c.locked)]


def _total_labels(ctx: ReadCtx, section: Section) -> set[str]:
    """The labels of a total row, normalised, as :meth:`ReadCtx.matches` compares them."""
    labels = [t for t in (section.total, ctx.spec.kpi_texts["total_label"]) if t is not None]
    return {normalise(v) for t in labels for v in ((t,) if isinstance(t, str) else (t.fr, t.en))}


def _is_total(window: Window, row: int, first_col: int, labels: set[str]) -> bool:
    cell = window.sheet.cells.get((row, first_col))
    return cell is not None and isinstance(cell.value, str) and normalise(cell.value) in labels


@dataclass
class _Step:
    """One column of a table as each row reads it, worked out once per table."""

    col: Column
    c: int  # its index in the sheet
    header: str
    check_only: bool  # computed: not read, only checked to still hold a formula
    allowed: set[str] | None  # the normalised values of its drop-down list, if checked
    checked: bool  # is a value read there checked (against its list, its minimum)?


def _steps(ctx: ReadCtx, section: Section, columns: dict[str, int]) -> list[_Step]:
    steps = []
    for col in section.columns:
        c = columns.get(col.key)
        if c is None or (col.locked and not col.computed):  # a locked input: nothing to do
            continue
        checked = col.list and col.list in ctx.lists and col.list != "catalogue"
        allowed = {normalise(v) for v in ctx.lists[col.list]} if checked else None
        steps.append(_Step(col, c, header=col.header(ctx.lang), check_only=col.computed,
                           allowed=allowed, checked=allowed is not None or col.min is not None))
    return steps


def read_table(ctx: ReadCtx, section: Section, window: Window) -> list[dict[str, Any]]:
    """The non-empty rows of a table section, one dict per row (``row`` is 1-based)."""
    header, columns = find_header(ctx, window, {c.key: c.header for c in section.columns})
    name = window.sheet.name
    if header < 0:
        ctx.findings.add("header_missing", name, table=ctx.spec.sheet(
            ctx_sheet_key(ctx, section)).name(ctx.lang) + " · " + _title(ctx, section))
        return []
    ctx.columns[section.key] = dict(columns)
    for col in _inputs(section):
        if col.key not in columns:
            ctx.findings.add("column_missing", name, "", col.header(ctx.lang))
    rows: list[dict[str, Any]] = []
    below_total = False
    first_col = min(columns.values())
    totals = _total_labels(ctx, section)
    # the columns whose content makes a row count: typed inputs without a default
    content = [columns[c.key] for c in _inputs(section) if c.key in columns
               and c.default is None and c.default_list is None]
    steps = _steps(ctx, section, columns)  # the lists do not change while a table is read
    for row in range(header + 1, window.end):
        if _is_total(window, row, first_col, totals):
            below_total = True
            continue
        record = _read_row(ctx, window, row, content, steps)
        if record is None:
            continue
        if below_total:
            ctx.findings.add("row_below_total", name, f"A{row + 1}", "", None)
        rows.append(record)
    _duplicate_ids(ctx, section, window, rows, columns)
    return rows


def _title(ctx: ReadCtx, section: Section) -> str:
    return section.title(ctx.lang) if section.title else section.key


def ctx_sheet_key(ctx: ReadCtx, section: Section) -> str:
    return ctx.spec.section(section.key)[0].key


def _read_row(ctx: ReadCtx, window: Window, row: int, content: list[int],
              steps: list[_Step]) -> dict[str, Any] | None:
    sheet = window.sheet
    cells = sheet.cells
    for c in content:
        cell = cells.get((row, c))
        if cell is not None and not is_blank(cell.value):
            break
    else:
        return None  # nothing typed in the columns that make a row count
    record: dict[str, Any] = {"row": row + 1}
    for step in steps:
        if step.check_only:
            _check_computed(ctx, sheet, row, step.c, step.header)
            continue
        value = ctx.read(sheet, row, step.c, step.col.type, step.header)
        record[step.col.key] = value
        if step.checked and value is not None:
            _check_value(ctx, window, row, step, value)
    return record


def _check_computed(ctx: ReadCtx, sheet: RawSheet, row: int, c: int, header: str) -> None:
    """A finding if a computed cell holds a typed value instead of its formula."""
    cell = sheet.cells.get((row, c))
    if cell is not None and not cell.formula and not is_blank(cell.value):
        ctx.findings.add("formula_replaced", sheet.name, f"{col_letter(c)}{row + 1}", header,
                         cell.value)


def _check_value(ctx: ReadCtx, window: Window, row: int, step: _Step, value: Any) -> None:
    col, name = step.col, window.sheet.name
    if step.allowed is not None and normalise(value) not in step.allowed:
        ctx.findings.add("not_in_list", name, f"{col_letter(step.c)}{row + 1}", step.header,
                         value, list=_list_title(ctx, col))
    if isinstance(value, float) and col.min is not None and value < col.min:
        ctx.findings.add("negative_amount", name, f"{col_letter(step.c)}{row + 1}",
                         step.header, value)


def _list_title(ctx: ReadCtx, col: Column) -> str:
    if col.list == "team":
        return "Qui ?" if ctx.lang == "fr" else "Who?"
    if col.list == "objectives":
        return col.header(ctx.lang)
    return ctx.spec.list(col.list).title(ctx.lang)  # type: ignore[arg-type]


def _duplicate_ids(ctx: ReadCtx, section: Section, window: Window, rows: list[dict[str, Any]],
                   columns: dict[str, int]) -> None:
    if "id" not in columns:
        return
    seen: dict[str, int] = {}
    for record in rows:
        value = record.get("id")
        if value is None:
            continue
        if value in seen:
            ctx.findings.add("duplicate_id", window.sheet.name,
                             f"{col_letter(columns['id'])}{record['row']}",
                             section.column("id").header(ctx.lang), value, first=seen[value])
        else:
            seen[value] = record["row"]


def read_form(ctx: ReadCtx, section: Section, window: Window) -> dict[str, Any]:
    """Each input field of a form section, found by its defined name or its label."""
    values: dict[str, Any] = {}
    for fld in section.fields:
        pos = _field_cell(ctx, fld.name, fld.label, window)
        if pos is None:
            continue
        sheet, row, col = pos
        value_type = "text" if fld.type == "longtext" else fld.type
        if fld.computed:
            _check_computed(ctx, sheet, row, col, fld.label(ctx.lang))
            continue
        values[fld.key] = ctx.read(sheet, row, col, value_type, fld.label(ctx.lang))
    return values


def _field_cell(ctx: ReadCtx, name: str, label: Any, window: Window):
    ref = parse_range(ctx.raw.names.get(name, ""))
    if ref is not None:
        sheet = ctx.raw.sheet(ref[0])
        if sheet is not None:
            return sheet, ref[1], ref[2]
    for row in range(window.top, window.end):
        if ctx.matches(window.sheet.cells.get((row, 0)), label):
            return window.sheet, row, 1
    return None


def read_lists(ctx: ReadCtx, window: Window) -> dict[str, list[str]]:
    """The values of every drop-down list, including those the user added."""
    header, columns = find_header(ctx, window, {lst.key: lst.title for lst in ctx.spec.lists})
    lists: dict[str, list[str]] = {}
    symbol = ctx.symbol()
    for lst in ctx.spec.lists:
        defaults = [v(ctx.lang).replace("{symbol}", symbol) for v in lst.values]
        if lst.key not in columns:
            lists[lst.key] = defaults
            continue
        c = columns[lst.key]
        found = []
        for row in range(header + 1, window.end):
            cell = window.sheet.cells.get((row, c))
            if cell is not None and not is_blank(cell.value):
                found.append(str(cell.value).strip())
        lists[lst.key] = found
    return lists


__all__ = ["find_header", "parse_cell", "read_form", "read_lists", "read_table"]
