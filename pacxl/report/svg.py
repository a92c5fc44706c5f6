"""Inline SVG charts for the HTML page, drawn without any library or script.

Three drawings: stacked status bars (:func:`status_bars`), paired horizontal bars
(:func:`paired_bars`) and monthly bars with a running-total line and a review-date marker
(:func:`monthly`). Colours and fonts are presentation attributes (``fill="…"``), never
``style="…"``: the page's Content-Security-Policy allows only its one hashed ``<style>``
block. Every text is escaped; each chart is ``role="img"`` with a ``<title>`` and an
``aria-label``, and the page repeats its numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from .text import plain

# fill of each status key (the HTML badges use the same hues, lighter)
STATUS_FILL = {"met": "#2e7d32", "near": "#e3a008", "missed": "#c62828", "missing": "#8c959f",
               "qualitative": "#5c6bc0", "tracking": "#4f7a94", "unmeasured": "#d0d7de"}
_DARK_TEXT = {"near", "missing", "unmeasured"}  # light fills: numbers written in dark ink
INK, MUTED, GRID = "#1f2328", "#57606a", "#d8dee4"
PLANNED, SPENT, LINE = "#9cc3e6", "#1f5f99", "#d9480f"
WIDTH = 600
FONT = 13


@dataclass(frozen=True)
class Bar:
    """One stacked bar: a label and a count per status key."""

    label: str
    counts: dict[str, int]


def esc(value: object) -> str:
    """Text for an SVG text node or attribute: one line, escaped."""
    return escape(plain(value), quote=True)


def _attrs(attrs: dict[str, object]) -> str:
    return "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())


def el(tag: str, content: str = "", **attrs: object) -> str:
    """An element; ``content`` is markup already escaped."""
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def text(x: float, y: float, value: object, **attrs: object) -> str:
    """A text node at (x, y), in the chart's font size unless told."""
    attrs = {"font_size": FONT, "fill": INK} | attrs
    return el("text", esc(value), x=_n(x), y=_n(y), **attrs)


def _n(value: float) -> str:
    # a coordinate, short
    return f"{value:.1f}".rstrip("0").rstrip(".")


def chart(title: str, height: float, body: str) -> str:
    """The ``<svg>`` element of a chart of the standard width."""
    head = el("title", esc(title))
    return (f'<svg class="chart" role="img" aria-label="{esc(title)}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}">'
            f'{head}{body}</svg>')


def legend(items: Sequence[tuple[str, str]], y: float, x: float = 0) -> str:
    """Coloured squares and their words on one line: (fill, word) pairs."""
    parts = []
    for fill, word in items:
        parts.append(el("rect", x=_n(x), y=_n(y - 10), width=11, height=11, fill=fill, rx=2))
        parts.append(text(x + 16, y, word, fill=MUTED))
        x += 16 + _width(word) + 18
    return "".join(parts)


def _width(value: str, size: float = FONT) -> float:
    # an estimate of the width of a text (no font metrics in a static page)
    return len(value) * size * 0.56


def _short(value: str, room: float, size: float = FONT) -> str:
    # the text cut with «…» to fit ``room`` pixels
    value = plain(value)
    most = max(int(room / (size * 0.56)), 4)
    return value if len(value) <= most else value[: most - 1].rstrip() + "…"


def status_bars(title: str, groups: Sequence[tuple[str, Sequence[Bar]]],
                words: dict[str, str]) -> str:
    """Stacked horizontal bars, one per :class:`Bar`, grouped under a heading each.

    Bars share one scale (the largest total), so groups of different sizes compare; each
    segment shows its count when it has room. ``words`` gives the legend's word of each key.
    """
    keys = [k for k in words if any(b.counts.get(k) for _, bars in groups for b in bars)]
    most = max([sum(b.counts.values()) for _, bars in groups for b in bars] + [1])
    left, room, y = 150, WIDTH - 150 - 40, 34.0
    parts = [legend([(STATUS_FILL[k], words[k]) for k in keys], 14)]
    for heading, bars in groups:
        if heading:
            y += 8
            parts.append(text(0, y + 4, _short(heading, WIDTH), font_weight="600"))
            y += 10
        for bar in bars:
            parts.append(text(left - 8, y + 15, _short(bar.label, left - 12),
                              text_anchor="end", fill=MUTED))
            parts.append(_stack(bar, keys, left, y, room / most))
            y += 26
    return chart(title, y + 6, "".join(parts))


def _stack(bar: Bar, keys: list[str], x: float, y: float, scale: float) -> str:
    parts, total = [], 0
    for key in keys:
        count = bar.counts.get(key, 0)
        if not count:
            continue
        width = count * scale
        parts.append(el("rect", x=_n(x), y=_n(y), width=_n(width), height=20,
                        fill=STATUS_FILL[key]))
        if width >= 16:
            ink = INK if key in _DARK_TEXT else "#ffffff"
            parts.append(text(x + width / 2, y + 14.5, count, text_anchor="middle", fill=ink,
                              font_weight="600"))
        x, total = x + width, total + count
    parts.append(text(x + 6, y + 14.5, total, fill=MUTED))
    return "".join(parts)


def paired_bars(title: str, items: Sequence[tuple[str, float, float]],
                names: tuple[str, str], show: Callable[[float], str]) -> str:
    """Two horizontal bars per item (e.g. budget and spent), their values written after them.

    ``items`` are (label, first, second); ``show`` formats a value.
    """
    most = max([max(a, b) for _, a, b in items] + [1.0])
    left, y = 200, 34.0
    room = WIDTH - left - 110
    parts = [legend([(PLANNED, names[0]), (SPENT, names[1])], 14)]
    for label, first, second in items:
        parts.append(text(left - 8, y + 17, _short(label, left - 12), text_anchor="end"))
        for value, fill in ((first, PLANNED), (second, SPENT)):
            width = max(value, 0) * room / most
            parts.append(el("rect", x=left, y=_n(y), width=_n(width), height=14, fill=fill))
            parts.append(text(left + width + 6, y + 11.5, show(value), fill=MUTED,
                              font_size=12))
            y += 16
        y += 12
    return chart(title, y, "".join(parts))


@dataclass(frozen=True)
class Months:
    """What :func:`monthly` draws: per month a label, an amount and the running total; the
    review date as a share of the year, and a point to compare with the running total."""

    labels: Sequence[str]
    amounts: Sequence[float]
    cumulative: Sequence[float]
    elapsed: float  # 0–1: where the review date falls on the month axis
    point: float | None  # e.g. spent to date, on the running-total scale
    names: tuple[str, str, str, str]  # amounts, running total, review date, point
    years: Sequence[str] = ()  # a second line under some labels («2028» under «janv.»)


def monthly(title: str, m: Months, show: Callable[[float], str]) -> str:
    """Bars per month (left scale), the running total as a line (right scale), a dashed line
    at the review date and a diamond for ``m.point``."""
    left, right, top, bottom = 64, 76, 44, 40 if any(m.years) else 26
    height = 290
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    bars_max = _nice(max([*m.amounts, 1.0]))
    line_max = _nice(max([*m.cumulative, m.point or 0.0, 1.0]))
    slot = plot_w / max(len(m.labels), 1)

    def ybar(v: float) -> float:
        return top + plot_h * (1 - v / bars_max)

    def yline(v: float) -> float:
        return top + plot_h * (1 - v / line_max)

    parts = [legend([(PLANNED, m.names[0]), (LINE, m.names[1]), (SPENT, m.names[3])], 14)]
    parts += _axes(left, top, plot_w, plot_h, bars_max, line_max, show)
    for i, (label, amount) in enumerate(zip(m.labels, m.amounts, strict=True)):
        x = left + i * slot
        parts.append(el("rect", x=_n(x + slot * 0.18), y=_n(ybar(amount)),
                        width=_n(slot * 0.64), height=_n(max(top + plot_h - ybar(amount), 0)),
                        fill=PLANNED))
        year = m.years[i] if i < len(m.years) else ""
        parts.append(text(x + slot / 2, height - (22 if any(m.years) else 8), label,
                          text_anchor="middle", fill=MUTED, font_size=12))
        if year:
            parts.append(text(x + slot / 2, height - 8, year, text_anchor="middle",
                              fill=MUTED, font_size=11))
    points = " ".join(f"{_n(left + (i + 1) * slot)},{_n(yline(v))}"
                      for i, v in enumerate(m.cumulative))
    start = f"{_n(left)},{_n(yline(0))} "
    parts.append(el("polyline", points=start + points, fill="none", stroke=LINE,
                    stroke_width=2.5))
    parts.append(_review(left + plot_w * m.elapsed, top, plot_h, m.names[2]))
    if m.point is not None:
        parts.append(_diamond(left + plot_w * m.elapsed, yline(m.point)))
    return chart(title, height, "".join(parts))


def _axes(left: float, top: float, w: float, h: float, bars_max: float, line_max: float,
          show: Callable[[float], str]) -> list[str]:
    parts = []
    for i in range(5):
        y = top + h * (1 - i / 4)
        parts.append(el("line", x1=_n(left), x2=_n(left + w), y1=_n(y), y2=_n(y), stroke=GRID,
                        stroke_width=1))
        parts.append(text(left - 6, y + 4, show(bars_max * i / 4), text_anchor="end",
                          fill=MUTED, font_size=11))
        parts.append(text(left + w + 6, y + 4, show(line_max * i / 4), fill=LINE, font_size=11))
    return parts


def _review(x: float, top: float, h: float, name: str) -> str:
    line = el("line", x1=_n(x), x2=_n(x), y1=_n(top - 8), y2=_n(top + h), stroke=INK,
              stroke_width=1.5, stroke_dasharray="5 4")
    anchor = "end" if x > WIDTH * 0.6 else "start"
    label = text(x + (-5 if anchor == "end" else 5), top - 2, name, text_anchor=anchor,
                 font_size=12, font_weight="600")
    return line + label


def _diamond(x: float, y: float) -> str:
    r = 6.5
    points = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
    return el("polygon", points=points, fill=SPENT, stroke="#ffffff", stroke_width=1.5)


def _nice(value: float) -> float:
    """A round top for an axis: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    power = 10 ** math.floor(math.log10(value))
    return next(power * f for f in (1, 2, 2.5, 5, 10) if power * f >= value)
