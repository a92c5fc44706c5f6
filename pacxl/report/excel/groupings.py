"""The groupings sheet of the Excel report: the actions by category, lever, owner, channel,
linked objective, quarter and month, in one table whose first column names the grouping
(so the autofilter shows one grouping at a time)."""

from __future__ import annotations

import pandas as pd

from ...ecarts.vocab import PROGRESS_KEYS, STATUS_KEYS
from ..figures import is_empty
from .book import Report
from .cells import Column, Row, column, records, word_style
from .words import status_keys

GROUPINGS = ("category", "lever", "owner", "channel", "objective", "quarter", "month")


def write_groupings(report: Report) -> None:
    """The groupings sheet."""
    rows = [row for key in GROUPINGS if key in report.analysis.by
            for row in _rows(report, key, report.analysis.by[key])]
    report.table_sheet("groupings", _columns(report), pd.DataFrame(rows), freeze_columns=2)


def _rows(report: Report, key: str, frame: pd.DataFrame) -> list[Row]:
    name = report.words.groups[key]
    found = []
    for row in records(frame):
        label = row["label"]
        if key == "objective" and not is_empty(row.get("objective")):
            label = f"{label} — {row['objective']}"
        found.append(row | {"grouping": name, "label": label, "status": row.get("status")})
    return found


def _columns(report: Report) -> list[Column]:
    c, w = report.words.columns, report.words

    def count(key: str, heading: str) -> Column:
        return column(heading, key, "integer", 9)

    return [
        column(c["grouping"], "grouping", "wrap", 13), column(c["group"], "label", "wrap", 30),
        column(c["actions"], "actions", "integer", 8), column(c["budget"], "budget", "money", 12),
        column(c["spent"], "spent", "money", 12),
        column(c["budget_gap"], "budget_gap", "money+", 12),
        column(c["consumed"], "consumed", "percent", 10),
        count("overspent", c["overspent"]), count("late", c["late"]),
        *(count(k, w.counts[k]) for k in (*STATUS_KEYS, "unmeasured")),
        *(count(k, w.progress[k]) for k in PROGRESS_KEYS),
        column(c["status"], "status", word_style("status", status_keys(report.analysis.lang)),
               13),
    ]
