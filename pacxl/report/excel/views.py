"""The table sheets of the Excel report: objectives, actions, KPIs, suggestions, data quality.

Each function returns the columns of one sheet; values keep their type (amounts in the
currency's format, rates as percentages, a rate's gap in points, dates as dates).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..figures import is_empty
from .cells import (
    KIND_FILLS,
    Column,
    Row,
    column,
    filled,
    status_style,
    whole_or_decimal,
    word_style,
)
from .words import Words

# the workbook's value types of a KPI → the report's style (a rank has no thousands)
KPI_STYLES = {"integer": "integer", "money": "money", "money2": "money2", "percent": "percent",
              "number": "number", "times": "times", "years": "years", "rank": "rank"}


def value_style(symbol: str) -> Callable[[Row], str]:
    """The style of an objective's or action's values, by its unit («%», the currency…);
    whole amounts when N-1, target and result are whole (so are then the pro-rated ones)."""
    def style(row: Row) -> str:
        if row["rate"] is True:
            return "percent"
        unit = "" if is_empty(row["unit"]) else str(row["unit"]).strip().casefold()
        whole = all(whole_or_decimal(row.get(k)) == "integer" for k in ("n1", "target", "result"))
        if unit == symbol.casefold():
            return "money" if whole else "money2"
        return "integer" if whole else "number"
    return style


def gap_value(points: str, gap: str) -> Callable[[Row], Any]:
    """A gap as the workbook shows it: in points for a rate."""
    return lambda row: row[points] if row["rate"] is True else row[gap]


def gap_style(symbol: str) -> Callable[[Row], str]:
    """The style of a gap: points for a rate, else the signed value style."""
    values = value_style(symbol)
    return lambda row: "points" if row["rate"] is True else values(row) + "+"


def objectives(w: Words, symbol: str) -> list[Column]:
    """The objectives sheet: the gap at the deadline, then at the review date."""
    c = w.columns
    value = value_style(symbol)
    return [
        column(c["id"], "id", width=6), column(c["objective"], "objective", "wrap", 42),
        column(c["category"], "category", "wrap", 13), column(c["kpi"], "indicator", "wrap", 22),
        column(c["owner"], "owner", "wrap", 16), column(c["deadline"], "deadline", "date", 11),
        column(c["n1"], "n1", value, 11), column(c["target"], "target", value, 11),
        column(c["result"], "result", value, 11),
        column(c["gap"], gap_value("gap_points", "gap"), gap_style(symbol), 11),
        column(c["gap_pct"], "gap_pct", "percent+", 9),
        column(c["status"], "status", status_style("status_key"), 13),
        column(c["target_to_date"], "target_to_date", value, 11),
        column(c["gap_to_date"], gap_value("gap_points_to_date", "gap_to_date"),
               gap_style(symbol), 11),
        column(c["status_to_date"], "status_to_date", status_style("status_to_date_key"), 13),
        column(c["actions"], "actions", "integer", 8),
        column(c["actions_budget"], "actions_budget", "money", 12),
        column(c["actions_spent"], "actions_spent", "money", 12),
        column(c["comment"], "comment", "wrap", 40),
    ]


def actions(w: Words, symbol: str) -> list[Column]:
    """The actions sheet: budget, dates, result against target, lateness, the user's text."""
    c = w.columns
    value = value_style(symbol)
    late = lambda row: filled("integer", "late" if row["late"] is True else None)  # noqa: E731
    return [
        column(c["id"], "id", width=6), column(c["action"], "action", "wrap", 34),
        column(c["objective"], "objective_id", width=8), column(c["owner"], "owner", "wrap", 16),
        column(c["channel"], "channel", "wrap", 18), column(c["start"], "start", "date", 11),
        column(c["end"], "end", "date", 11), column(c["budget"], "budget", "money", 11),
        column(c["spent"], "spent", "money", 11),
        column(c["budget_gap"], "budget_gap", _over("money+"), 11),
        column(c["consumed"], "consumed", _over("percent"), 10),
        column(c["target"], "target", value, 10), column(c["result"], "result", value, 10),
        column(c["gap"], gap_value("gap_points", "gap"), gap_style(symbol), 10),
        column(c["status"], "status", status_style("status_key"), 12),
        column(c["status_to_date"], "status_to_date", status_style("status_to_date_key"), 12),
        column(c["progress"], "progress", "wrap", 11),
        column(c["days_late"], "days_late", late, 8),
        column(c["decision"], "decision", "wrap", 12),
        column(c["analysis"], "analysis", "wrap", 42),
    ]


def _over(kind: str) -> Callable[[Row], str]:
    # an amount or share in red where the action is over budget
    return lambda row: filled(kind, "bad" if row["overspent"] is True else None)


def kpis(w: Words) -> list[Column]:
    """Every metric of every KPI tab, long format."""
    c = w.columns
    value = lambda row: KPI_STYLES.get(str(row["unit"]), "number")  # noqa: E731

    def gap(row: Row) -> str:
        return "points" if row["unit"] == "percent" else value(row) + "+"

    return [
        column(c["tab"], "sheet", "wrap", 14), column(c["line"], "line", "wrap", 18),
        column(c["kpi"], "label", "wrap", 34), column(c["deadline"], "due", "date", 11),
        column(c["n1"], "n1", value, 11), column(c["target"], "objective", value, 11),
        column(c["result"], "result", value, 11),
        column(c["gap"], gap_value("gap_points", "gap"), gap, 11),
        column(c["gap_pct"], "gap_pct", "percent+", 9),
        column(c["status"], "status", status_style("status_key"), 13),
        column(c["target_to_date"], "objective_to_date", value, 11),
        column(c["gap_to_date"], gap_value("gap_points_to_date", "gap_to_date"), gap, 11),
        column(c["status_to_date"], "status_to_date", status_style("status_to_date_key"), 13),
        column(c["comment"], "comment", "wrap", 30),
    ]


def kpi_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The metric rows that hold something: N-1, objective, result or a comment."""
    return frame[frame[["n1", "objective", "result", "comment"]].notna().any(axis=1)]


def suggestions(w: Words, keys: dict[str, str]) -> list[Column]:
    """Keep / review / stop / start, each with its reason (``keys``: status words → keys)."""
    c = w.columns
    subjects = {"action": c["action"], "objective": c["objective"]}
    return [
        column(c["kind"], lambda row: w.kinds.get(row["kind"], row["kind"]),
               lambda row: filled("text", KIND_FILLS.get(row["kind"])), 13),
        column(c["subject"], lambda row: subjects.get(row["subject"], row["subject"]), width=10),
        column(c["id"], "id", width=6), column(c["title"], "title", "wrap", 40),
        column(c["status"], "status", word_style("status", keys), 13),
        column(c["to_date"], "status_to_date", word_style("status_to_date", keys), 13),
        column(c["decision"], "decision", "wrap", 13), column(c["budget"], "budget", "money", 11),
        column(c["spent"], "spent", "money", 11), column(c["reason"], "reason", "wrap", 60),
    ]


def quality(w: Words) -> list[Column]:
    """The data-quality items and the importer's findings, located to the cell."""
    c, words = w.columns, w.words | w.severities
    fills = {"error": "text@bad", "warning": "text@near"}

    def origin(row: Row) -> Any:  # a consolidation renames it: «source» names the workbook
        value = row["origin"] if "origin" in row else row["source"]
        return words.get(value, value)

    return [
        column(c["severity"], lambda row: words.get(row["severity"], row["severity"]),
               lambda row: fills.get(row["severity"], "text"), 14),
        column(c["origin"], origin, width=10),
        column(c["cell"], "reference", width=24), column(c["header"], "header", "wrap", 18),
        column(c["value"], "value", "wrap", 18), column(c["message"], "message", "wrap", 70),
    ]
