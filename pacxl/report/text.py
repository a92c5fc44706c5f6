"""The report's words (from the message catalogue) and user text made safe for Markdown."""

from __future__ import annotations

import re
from typing import Any

from ..messages import message
from .figures import DASH, is_empty

COLUMNS = ("id", "objective", "target", "result", "gap", "status", "to_date", "action",
           "owner", "end", "days_late", "progress", "budget", "spent", "budget_gap",
           "consumed", "analysis", "kpi", "line", "target_figure", "block", "n1", "severity",
           "cell", "message", "decision")
# more headings, for the groupings, the monthly budget and a consolidation's comparison
MORE_COLUMNS = ("source", "month", "quarter", "planned", "cumulative", "actions", "late",
                "overspent", "met", "near", "missed", "missing", "figure", "lead_source",
                "header", "total")
KINDS = ("keep", "review", "stop", "start")
SEVERITIES = ("error", "warning")
# C0/C1 controls and bidi embeddings, overrides and isolates: never passed on
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Markdown punctuation that could start markup mid-line, backslash-escaped (CommonMark and GFM:
# emphasis, code, links and images, table cells, strikethrough); user text never starts a line
_MARKUP = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _words(entry: str, keys: tuple[str, ...]) -> dict[str, str]:
    # a catalogue entry holding ``|``-separated words, by key
    return dict(zip(keys, entry.split("|"), strict=True))


def word_list(code: str, lang: str, keys: tuple[str, ...]) -> dict[str, str]:
    """The ``|``-separated words of the catalogue entry ``code``, by key."""
    return _words(message(code, lang), keys)


def columns(lang: str) -> dict[str, str]:
    """The column headings of the report's tables, by key."""
    return (_words(message("report_columns", lang), COLUMNS)
            | _words(message("report_columns_more", lang), MORE_COLUMNS))


def kinds(lang: str) -> dict[str, str]:
    """The names of the suggestion kinds (keep, review, stop, start)."""
    return _words(message("report_kinds", lang), KINDS)


def severities(lang: str) -> dict[str, str]:
    """The words of the finding severities (error, warning)."""
    return _words(message("report_severities", lang), SEVERITIES)


def plain(value: Any) -> str:
    """User text on one line, without control or bidi characters; empty as ""."""
    if is_empty(value):
        return ""
    return _UNPRINTABLE.sub(" ", str(value)).strip()


def escape(value: Any) -> str:
    """User text as inert Markdown: one line, no markup, no HTML; empty as «–»."""
    if is_empty(value):
        return DASH
    text = _UNPRINTABLE.sub(" ", str(value)).strip()
    text = "".join(_HTML.get(c, c) for c in text)
    return _MARKUP.sub(r"\\\1", text)


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; cells are already escaped or formatted by pacxl."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]
