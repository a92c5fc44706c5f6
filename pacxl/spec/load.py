"""Load the declarative workbook description from ``workbook_templates/`` into typed objects."""

from __future__ import annotations

from dataclasses import fields as dc_fields
from functools import cache
from importlib import resources
from typing import Any

from ..tomlcache import load_toml
from .model import (
    Attribute,
    Chart,
    Column,
    Field,
    Line,
    ListSpec,
    Metric,
    Section,
    SheetSpec,
    Spec,
    Text,
    TextItem,
)

PACKAGE = "workbook_templates"
TEMPLATE = "pac"


class SpecError(Exception):
    """The workbook description is inconsistent (a bug in workbook_templates/, not user input)."""


def text(value: Any) -> Text:
    """A label given as one string (same in both languages) or as a [fr, en] pair."""
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, list | tuple) and len(value) == 2:
        return Text(str(value[0]), str(value[1]))
    raise SpecError(f"a label must be a string or a [fr, en] pair, not {value!r}")


def _build(cls: type, data: dict[str, Any], where: str, **conv: Any) -> Any:
    """Instantiate a dataclass from a TOML table, refusing unknown keys."""
    known = {f.name for f in dc_fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise SpecError(f"{where}: unknown key(s) {sorted(unknown)} for {cls.__name__}")
    args = {k: (conv[k](v) if k in conv else v) for k, v in data.items()}
    return cls(**args)


def _column(data: dict[str, Any], where: str) -> Column:
    col = _build(Column, data, where, header=text)
    kinds = [k for k in ("expr", "formula", "status", "gap", "late") if getattr(col, k)]
    if len(kinds) > 1:
        raise SpecError(f"{where}: column {col.key!r} has several computations {kinds}")
    return col


def _metric(data: dict[str, Any], where: str) -> Metric:
    return _build(Metric, data, where, label=text, periods=tuple, sum_of=tuple)


def _line(data: dict[str, Any]) -> Line:
    return Line(key=data["key"], label=text(data["label"]))


def _lines(data: dict[str, Any]) -> tuple[Line, ...]:
    """Fixed lines, numbered lines ("Campagne {n}") or the twelve months of the year."""
    lines = data.pop("lines", None)
    count = data.pop("line_count", None)
    pattern = data.pop("line_label", None)
    if lines == "months":
        return tuple(Line(key=f"m{i:02}", label=None) for i in range(1, 13))
    if lines is not None:
        return tuple(_line(x) for x in lines)
    if count and pattern:
        label = text(pattern)
        return tuple(
            Line(key=f"l{n:02}", label=Text(label.fr.format(n=n), label.en.format(n=n)))
            for n in range(1, count + 1)
        )
    raise SpecError(f"KPI section {data.get('key')!r} has no lines")


def _section(data: dict[str, Any], where: str, tables: dict[str, Section]) -> Section:
    data = dict(data)
    kind = data["kind"]
    where = f"{where} section {data.get('key')!r}"
    conv: dict[str, Any] = {"title": text, "total": text, "total_label": text}
    if kind == "kpi":
        data["lines"] = _lines(data)
        data["metrics"] = tuple(_metric(m, where) for m in data["metrics"])
        data["attributes"] = tuple(
            _build(Attribute, a, where, label=text) for a in data.get("attributes", ())
        )
        if "total" in data:
            data["has_total"] = bool(data.pop("total"))
        if "periods" in data:
            data["periods"] = {k: text(v) for k, v in data["periods"].items()}
    if kind in ("table", "catalogue"):
        like = data.pop("like", None)
        cols = tables[like].columns if like else tuple(_column(c, where) for c in data["columns"])
        data["columns"] = cols
    if kind == "form":
        data["fields"] = tuple(_build(Field, f, where, label=text) for f in data["fields"])
    if kind == "text":
        data["items"] = tuple(TextItem(i["style"], text(i["text"])) for i in data["items"])
    if kind in ("calendar", "catalogue"):
        known = {"kind", "key", "title", "columns"}
        data["options"] = {k: data.pop(k) for k in list(data) if k not in known}
    data["prefill"] = tuple(data.get("prefill", ()))
    section = _build(Section, data, where, **conv)
    if kind == "table":
        tables[section.key] = section
    return section


def _sheet(data: dict[str, Any], where: str, tables: dict[str, Section]) -> SheetSpec:
    sections = tuple(_section(s, where, tables) for s in data.pop("section"))
    charts = tuple(
        _build(Chart, c, where, title=text, series=tuple) for c in data.pop("chart", ())
    )
    return _build(SheetSpec, {**data, "sections": sections, "charts": charts}, where,
                  name=text, widths=tuple)


def _read(path: resources.abc.Traversable) -> dict[str, Any]:
    try:
        return load_toml(path)
    except ValueError as exc:  # tomllib.TOMLDecodeError, or a file that is not UTF-8
        raise SpecError(f"{path.name}: {exc}") from exc


def _labels(workbook: dict[str, Any]) -> dict[str, dict[str, Text]]:
    groups = ("unit_labels", "direction_labels", "gap_status", "validation")
    return {g: {k: text(v) for k, v in workbook.get(g, {}).items()} for g in groups}


@cache
def load_spec(template: str = TEMPLATE) -> Spec:
    """Load and check the workbook description shipped in ``workbook_templates/<template>``.

    Returns:
        The typed, immutable description (cached: the files are read once per process).
    """
    root = resources.files(PACKAGE).joinpath(template)
    workbook = _read(root.joinpath("workbook.toml"))
    lists_doc = _read(root.joinpath("lists.toml"))
    spare = lists_doc.get("spare", 0)
    lists = tuple(
        ListSpec(key=d["key"], name=d["name"], title=text(d["title"]),
                 values=tuple(text(v) for v in d["values"]), spare=d.get("spare", spare))
        for d in lists_doc["list"]
    )
    docs = {}
    for path in sorted(root.joinpath("sheets").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            doc = _read(path)
            docs[doc["key"]] = (doc, path.name)
    tables: dict[str, Section] = {}
    order = workbook["defaults"].pop("sheets")
    missing = [k for k in order if k not in docs]
    if missing:
        raise SpecError(f"workbook.toml lists sheets without a description: {missing}")
    sheets = tuple(_sheet(docs[k][0], docs[k][1], tables) for k in order)
    kpi = workbook["kpi"]
    spec = Spec(
        identity=workbook["identity"],
        defaults=workbook["defaults"],
        currencies=workbook["currencies"],
        number_formats=workbook["number_formats"],
        colours=workbook["colours"],
        labels=_labels(workbook),
        kpi_columns=tuple(_column(c, "workbook.toml [kpi]") for c in kpi["columns"]),
        kpi_texts={k: text(v) for k, v in kpi.items() if k != "columns"},
        lists=lists,
        sheets=sheets,
    )
    from .check import check_spec

    check_spec(spec)
    return spec
