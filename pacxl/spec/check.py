"""Consistency checks of the description, run once when it is loaded."""

from __future__ import annotations

import re

from .expr import ExprError, parse_expr
from .model import Section, Spec

# Lists that are not on the «Listes» sheet but built from the workbook's own tables.
DYNAMIC_LISTS = {"team", "objectives", "catalogue"}
# Value types whose format is built in code (currency placement) or that have none.
BUILT_TYPES = {"text", "longtext", "money", "money2", "year", "month_number", "rank"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _fail(msg: str) -> None:
    from .load import SpecError

    raise SpecError(msg)


def _check_expr(source: str, known: set[str], where: str, n1: bool = False) -> None:
    """``n1`` allows ``n1.key`` operands: only a KPI metric has an N-1 value."""
    try:
        expr = parse_expr(source)
    except ExprError as exc:
        _fail(f"{where}: {exc}")
    for name in expr.names:
        if (name.removeprefix("n1.") if n1 else name) not in known:
            _fail(f"{where}: expression {source!r} names unknown {name!r}")


def _check_section(spec: Spec, section: Section, lists: set[str]) -> None:
    where = f"section {section.key!r}"
    keys = [c.key for c in section.columns] or [m.key for m in section.metrics]
    if len(keys) != len(set(keys)):
        _fail(f"{where}: duplicate column or metric keys")
    for col in section.columns:
        if col.list and col.list not in lists | DYNAMIC_LISTS:
            _fail(f"{where}: column {col.key!r} uses unknown list {col.list!r}")
        if col.expr:
            _check_expr(col.expr, set(keys), f"{where} column {col.key!r}")
        if col.type not in spec.number_formats and col.type not in BUILT_TYPES:
            _fail(f"{where}: column {col.key!r} has unknown type {col.type!r}")
    for metric in section.metrics:
        if metric.expr:
            _check_expr(metric.expr, set(keys), f"{where} metric {metric.key!r}", n1=True)
        if metric.unit not in spec.labels["unit_labels"]:
            _fail(f"{where}: metric {metric.key!r} has unknown unit {metric.unit!r}")
        if metric.direction not in spec.labels["direction_labels"]:
            _fail(f"{where}: metric {metric.key!r} has unknown direction {metric.direction!r}")
    fields = {f.key for f in section.fields}
    for fld in section.fields:
        if fld.expr:
            _check_expr(fld.expr, fields, f"{where} field {fld.key!r}")


def check_spec(spec: Spec) -> None:
    """Refuse a description whose references do not resolve."""
    lists = {lst.key for lst in spec.lists}
    names: set[str] = {lst.name for lst in spec.lists}
    sections: set[str] = set()
    for sheet in spec.sheets:
        for section in sheet.sections:
            if section.key in sections:
                _fail(f"duplicate section key {section.key!r}")
            sections.add(section.key)
            _check_section(spec, section, lists)
            for fld in section.fields:
                if not _NAME.match(fld.name) or fld.name in names:
                    _fail(f"field {fld.key!r}: bad or duplicate defined name {fld.name!r}")
                names.add(fld.name)
        for name in (sheet.name.fr, sheet.name.en):
            if len(name) > 31 or "'" in name:
                _fail(f"sheet {sheet.key!r}: a sheet name has at most 31 characters and no "
                      "straight quote")
