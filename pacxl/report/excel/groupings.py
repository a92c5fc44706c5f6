"""The groupings sheets of the Excel report.

The actions by category, lever, owner, channel, linked objective, quarter and month, in one
table whose first column names the grouping (so the autofilter shows one grouping at a
time); then the lead sources of *2 Lead generation*, one row per source (and the total),
each metric's result, objective and status under the metric's name, as the HTML page shows
them «réalisé / objectif».
"""

from __future__ import annotations

import pandas as pd

from ...ecarts.vocab import PROGRESS_KEYS, STATUS_KEYS
from ..figures import is_empty
from .book import Report
from .cells import (
    LINE_HEIGHT,
    Column,
    Row,
    column,
    fitted_widths,
    page_setup,
    records,
    set_widths,
    tabulate,
    word_style,
    wrapped_lines,
    write_table,
)
from .sheet import ReportSheet
from .views import KPI_STYLES
from .words import status_keys

GROUPINGS = ("category", "lever", "owner", "channel", "objective", "quarter", "month")
FIGURES = ("result", "objective")  # a lead source's figures per metric, as «réalisé / objectif»


def write_groupings(report: Report) -> None:
    """The groupings sheet, then the lead sources sheet."""
    rows = [row for key in GROUPINGS if key in report.analysis.by
            for row in _rows(report, key, report.analysis.by[key])]
    report.table_sheet("groupings", _columns(report), pd.DataFrame(rows), freeze_columns=2)
    if "source" in report.analysis.by:
        write_lead_sources(report)


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


def write_lead_sources(report: Report) -> None:
    """The lead sources sheet: a row of metric names over the result, objective and status
    columns of each, one row per source that holds a figure (the total in bold), and in a
    consolidation the workbook of each row first."""
    a = report.analysis
    metrics = records(a.kpis.loc[a.kpis["section"] == "sources", ["metric", "label", "unit"]]
                      .drop_duplicates("metric"))
    frame = a.by["source"]
    typed = [f"{m['metric']}_{k}" for m in metrics for k in FIGURES]
    frame = frame[frame[typed].notna().any(axis=1)] if typed else frame.iloc[:0]
    labels = [column(report.words.columns["lead_source"], "line", "wrap", 30)]
    if report.sources and "source" in frame.columns:
        labels.insert(0, report.source_column())
    columns = labels + [c for m in metrics for c in _metric_columns(report, m)]
    table = tabulate(columns, records(frame), lambda row: row["line_key"] == "total")
    widths = fitted_widths(table, report.symbol)
    ws = report.sheet("lead_sources")
    _metric_names(report, ws, [str(m["label"]) for m in metrics], len(labels), widths)
    last = write_table(ws, report.formats, 2, table, widths)
    set_widths(ws, widths)
    ws.freeze_panes(3, len(labels))
    ws.autofilter(2, 0, last, len(columns) - 1)
    page_setup(ws, (0, 2))


def _metric_columns(report: Report, metric: Row) -> list[Column]:
    # a metric's result and objective in its unit's style, then its status word on its fill
    c, name, style = report.words.columns, metric["metric"], KPI_STYLES.get(metric["unit"],
                                                                           "number")
    # a consolidation may hold workbooks in either language: their status words both count
    keys = status_keys("fr") | status_keys("en")
    return [*(column(c[k], f"{name}_{k}", style, 11) for k in FIGURES),
            column(c["status"], f"{name}_status", word_style(f"{name}_status", keys), 12)]


def _metric_names(report: Report, ws: ReportSheet, names: list[str], first: int,
                  widths: list[float]) -> None:
    # row 2: blank header cells over the label columns, then each metric's name across its
    # three columns, the row as high as the longest name needs
    header = report.formats("header")
    for col in range(first):
        ws.write_blank(1, col, None, header)
    lines = 1
    for i, name in enumerate(names):
        left = first + 3 * i
        ws.merge_range(1, left, 1, left + 2, name, header)
        lines = max(lines, wrapped_lines(name, sum(widths[left:left + 3]) / 1.15))
    ws.set_row(1, LINE_HEIGHT * lines + 3)
