"""The comparison sheet of a consolidation: one row per figure, one column per workbook.

The figures are those :func:`pacxl.ecarts.consolidate` keeps per workbook in
``analysis.sources`` (who, when, objectives by status, actions, alerts, budget, quality).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...ecarts.vocab import STATUS_KEYS
from .book import Report
from .cells import ChartData, Row, column
from .words import Words

STATUSES = STATUS_KEYS[:4]  # met, near, missed, missing: what the consolidation counts


def write_sources(report: Report) -> ChartData:
    """The sheet comparing the source workbooks; returns where its budget and spent rows
    are, for the summary's chart."""
    frame = report.analysis.sources.drop_duplicates("source").set_index("source")
    figures = _figures(report.words)
    rows = [{"figure": label, "style": style,
             "values": [frame.at[key, name] for key in report.sources]}
            for label, name, style in figures]
    columns = [column(report.words.columns["figure"], "figure", "label", 42)]
    columns += [column(key, _nth(i), _style, 18) for i, key in enumerate(report.sources)]
    report.table_sheet("sources", columns, pd.DataFrame(rows), freeze_columns=1)
    count, names = len(report.sources), [name for _, name, _ in figures]
    lines = [names.index(name) + 2 for name in ("budget", "spent")]  # under the header row 1
    return ChartData(report.name("sources"), (1, 1, 1, count),
                     tuple(((row, 0), (row, 1, row, count)) for row in lines))


def _nth(i: int) -> Any:
    return lambda row: row["values"][i]


def _style(row: Row) -> str:
    return row["style"]


def _figures(w: Words) -> list[tuple[str, str, str]]:
    # label, column of analysis.sources, style
    f, sep = w.figures, w.sep()
    return [
        (f["company"], "company", "wrap"), (f["year"], "year", "year"),
        (f["review"], "as_of", "date"), (f["objectives"], "objectives", "integer"),
        *((f"{f['objectives']}{sep}{w.counts[k]}", k, "integer") for k in STATUSES),
        (f["actions"], "actions", "integer"), (f["late"], "late", "integer"),
        (f["overspent"], "overspent", "integer"), (f["budget"], "budget", "money"),
        (f["spent"], "spent", "money"), (f["consumed"], "consumed", "percent"),
        (f["errors"], "errors", "integer"), (f["warnings"], "warnings", "integer"),
    ]
