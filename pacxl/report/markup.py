"""HTML pieces of the page: escaped text, status badges, tables, links.

Every string that reaches the page goes through :func:`esc`: control and bidi characters
removed, then ``html.escape`` with quotes, so user text can neither open a tag nor leave an
attribute. Statuses are badges that carry their word as well as their colour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import urlsplit

from .figures import DASH
from .text import plain
from .views import Cell, Table

_NUM = ' class="num"'
WIDE = 8  # a table with more columns is set smaller
BADGES = frozenset({"met", "near", "missed", "missing", "qualitative", "tracking"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def esc(value: Any) -> str:
    """User text (or any text) as inert HTML, for a text node or a quoted attribute."""
    return escape(plain(value), quote=True)


def badge(word: str, key: str) -> str:
    """A status word in a badge coloured by its key (an unknown key gets a plain badge)."""
    kind = key if key in BADGES else "none"
    return f'<span class="badge s-{kind}">{esc(word)}</span>'


def cell(c: Cell) -> str:
    """A ``<td>``: the text, then the status badge (under a figure); «–» when empty."""
    parts = [esc(c.text)] if c.text else []
    if c.status:
        parts.append(badge(c.status, c.key))
    inner = ("<br>" if c.figure else " ").join(parts) or DASH
    return f'<td class="num">{inner}</td>' if c.figure else f"<td>{inner}</td>"


def table(t: Table, none: str, caption: bool = False) -> str:
    """A table in a scrolling box, or the sentence ``none`` when it has no rows."""
    if not t.rows:
        return f'<p class="none">{esc(none)}</p>'
    numeric = [all(row[i].figure for row in t.rows) for i in range(len(t.head))]
    head = "".join(f'<th scope="col"{_NUM if n else ""}>{esc(h)}</th>'
                   for h, n in zip(t.head, numeric, strict=True))
    body = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in t.rows)
    title = f"<caption>{esc(t.title)}</caption>" if caption else ""
    wide = ' class="wide"' if len(t.head) > WIDE else ""
    return (f'<div class="scroll"><table id="t-{esc(t.key)}"{wide}>{title}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def safe_href(href: str) -> str | None:
    """``href`` if it is relative or http(s), else None (``javascript:``, ``data:``…)."""
    bare = _INVISIBLE.sub("", href)
    if not bare:
        return None
    if _SCHEME.match(bare) and urlsplit(bare).scheme.lower() not in ("http", "https"):
        return None
    return plain(href)


def links(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """``<a>`` elements for the (label, href) pairs whose href is safe."""
    found = []
    for label, href in pairs:
        safe = safe_href(str(href))
        if safe is not None and plain(label):
            found.append(f'<a href="{esc(safe)}">{esc(label)}</a>')
    return found
