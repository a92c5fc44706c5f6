"""Cell styles: each style key of the book model as plain format properties.

The colours and number formats come from the description (``workbook.toml``); this module
only combines them, so the writer stays a translation to xlsxwriter.
"""

from __future__ import annotations

from typing import Any

from .spec import Spec

BORDER = {"border": 1}


def number_format(spec: Spec, kind: str, lang: str, currency: str) -> str | None:
    """The number format of a value type, with the currency placed as the country does."""
    formats = spec.number_formats
    cur = spec.currencies[currency]
    symbol = cur["symbol"].replace('"', "")
    if kind in ("money", "money2", "money_hidezero"):
        digits = "#,##0.00" if kind == "money2" else "#,##0"
        if cur["position"] == "before":  # as LibreOffice writes it back: \$#,##0
            prefix = "\\" + symbol if len(symbol) == 1 else f'"{symbol}"'
            pattern, negative = f"{prefix}{digits}", f'"-{symbol}"{digits}'
        else:
            pattern = f'{digits}" {symbol}"'
            negative = f"\\-{pattern}"
        return f'{pattern};{negative};""' if kind == "money_hidezero" else pattern
    if kind in ("year", "month_number", "rank"):
        return "0"
    value = formats.get(kind)
    if isinstance(value, dict):
        return value[lang]
    return value


def _colours(spec: Spec) -> dict[str, str]:
    return spec.colours


def style_properties(spec: Spec, key: str, lang: str, currency: str) -> dict[str, Any]:
    """The format properties (xlsxwriter's vocabulary) of a style key."""
    c = _colours(spec)
    role, _, kind = key.partition(":")
    fixed: dict[str, dict[str, Any]] = {
        "title": {"bold": True, "font_size": 14, "font_color": c["title"]},
        "heading": {"bold": True, "font_size": 12, "font_color": c["title"], "valign": "bottom"},
        "para": {"text_wrap": True, "valign": "top"},
        "note": {"italic": True, "font_color": "#7F7F7F"},
        "legend_input": {"bg_color": c["input"], **BORDER, "border_color": c["border"]},
        "legend_computed": {"bg_color": c["computed"], **BORDER, "border_color": c["border"]},
        "label": {"valign": "top", "text_wrap": True},
    }
    if key in fixed:
        return {**fixed[key], "locked": True}
    props: dict[str, Any] = {"valign": "top", "border": 1, "border_color": c["border"]}
    if role == "header":
        props.update(bold=True, bg_color=c["header"], font_color=c["header_text"],
                     text_wrap=True, valign="vcenter", align="center")
    elif role == "input":
        props.update(bg_color=c["input"], locked=False)
    elif role == "calc":
        props.update(bg_color=c["computed"], locked=True)
    elif role == "total":
        props.update(bg_color=c["total"], bold=True, locked=True)
    elif role == "line":
        props.update(bold=True, bg_color=c["input"] if kind == "input" else c["section"],
                     locked=kind != "input")
        if kind == "total":
            props.update(bg_color=c["total"])
    kind = {"input": "text", "total": "text", "line": "text"}.get(kind, kind) if role == "line" \
        else kind
    if kind in ("line", "line_month"):
        props.update(font_color="#7F7F7F")
        kind = "month" if kind == "line_month" else "text"
    if kind in ("text", "longtext"):
        props.update(text_wrap=True)
    elif kind:
        fmt = number_format(spec, kind, lang, currency)
        if fmt:
            props["num_format"] = fmt
    return props


def conditional_properties(spec: Spec, key: str, lang: str, currency: str) -> dict[str, Any]:
    """Format properties of a conditional style (``cf:good``, ``cf:fmt:percent``…)."""
    c = _colours(spec)
    name = key.removeprefix("cf:")
    if name.startswith("fmt:"):
        return {"num_format": number_format(spec, name[4:], lang, currency)}
    return {
        "good": {"bg_color": c["good"], "font_color": c["good_text"]},
        "near": {"bg_color": c["near"], "font_color": c["near_text"]},
        "bad": {"bg_color": c["bad"], "font_color": c["bad_text"]},
        "late": {"bg_color": c["late"], "bold": True},
        "gantt": {"bg_color": c["gantt"], "font_color": "#FFFFFF"},
    }[name]
