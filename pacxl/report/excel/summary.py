"""The summary sheet of the Excel report: who and when, the counts per status, alerts, the
budget against the elapsed year, suggestions and data quality; three native charts beside.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet

from ...ecarts.vocab import STATUS_KEYS
from ...messages import message
from .book import Report
from .cells import (
    KIND_FILLS,
    STATUS_FILLS,
    ChartData,
    filled,
    number_width,
    page_setup,
    set_widths,
)
from .sheet import put
from .words import COUNTS

KINDS = ("keep", "review", "stop", "start")
STATUS_ROWS = ("objectives", "objectives_to_date", "actions", "actions_to_date", "kpis",
               "kpis_to_date")  # the keys of the analysis's summary counted per status
COUNTS_TOP = 10  # the header row of the counts per status
WIDTHS = (40, 14, *([11] * 7))  # the labels, then the values and the counts
SIDE = {"width": 560, "height": 530}  # the charts right of the figures, from column K
SIDE_COLUMN, SIDE_ROWS = len(WIDTHS) + 1, 27
BELOW = {"width": 950, "height": 330}  # the months, under the figures
POINTS = {"good": "#70AD47", "near": "#FFC000", "bad": "#E05A5A", "grey": "#A5A5A5"}
BUDGET_COLOURS = ("#9DC3E6", "#1F4E79")


def write_summary(report: Report) -> tuple[Worksheet, int]:
    """The summary sheet, first of the report, and the first row free under the figures
    (the charts come with :func:`add_charts`, once the budget sheet is written)."""
    ws = report.sheet("summary")
    sections = _sections(report)
    values = [number_width(v, s, report.symbol) for _, pairs in sections for _, v, s in pairs
              if isinstance(v, int | float)]
    set_widths(ws, (WIDTHS[0], max([WIDTHS[1], *values]), *WIDTHS[2:]))
    _pairs(report, ws, 2, _identity(report))
    row = _counts(report, ws, COUNTS_TOP) + 2
    for title, pairs in sections:
        ws.write_string(row, 0, title, report.formats("section"))
        row = _pairs(report, ws, row + 1, pairs) + 1
    page_setup(ws, None, one_page=True)
    return ws, row


def _identity(report: Report) -> list[tuple[str, Any, str]]:
    a, f = report.analysis, report.words.figures
    return [(f["company"], a.company, "text"), (f["year"], a.year, "year"),
            (f["review"], a.as_of, "date"), (f["fiscal_start"], a.fiscal_start, "date"),
            (f["fiscal_end"], a.fiscal_end, "date"), (f["elapsed"], a.elapsed, "percent")]


def _sections(report: Report) -> list[tuple[str, list[tuple[str, Any, str]]]]:
    a, w, lang = report.analysis, report.words, report.lang
    s, f, burn = a.summary, w.figures, a.burn
    alert = lambda n: filled("integer", "bad" if n else None)  # noqa: E731
    variance = None if burn.get("variance") is None else burn["variance"] * 100
    return [
        (message("report_actions", lang), [
            (f["late"], s["late"], alert(s["late"])),
            (f["overspent"], s["overspent"], alert(s["overspent"]))]),
        (message("report_budget", lang), [
            (f["budget"], burn.get("budget"), "money"), (f["spent"], burn.get("spent"), "money"),
            (f["consumed"], burn.get("consumed"), "percent"),
            (f["elapsed"], a.elapsed, "percent"), (f["pace"], burn.get("pace"), "percent"),
            (f["variance"], variance, "points"),
            (f["actions_budget"], s["actions_budget"], "money"),
            (f["actions_spent"], s["actions_spent"], "money")]),
        (message("report_suggestions", lang), [
            (w.kinds[k], s["suggestions"].get(k, 0), "integer") for k in KINDS]),
        (message("report_quality", lang), [
            (f["errors"], s["quality"].get("error", 0), alert(s["quality"].get("error", 0))),
            (f["warnings"], s["quality"].get("warning", 0), "integer")]),
    ]


def _pairs(report: Report, ws: Worksheet, row: int, pairs: list[tuple[str, Any, str]]) -> int:
    # label | value rows from ``row``; returns the row after them
    f = report.formats
    kinds = {report.words.kinds[k]: KIND_FILLS[k] for k in KINDS}
    for i, (label, value, style) in enumerate(pairs, row):
        ws.write_string(i, 0, label, f(filled("label", kinds.get(label))))
        put(ws, i, 1, value, f(style))
    return row + len(pairs)


def _counts(report: Report, ws: Worksheet, top: int) -> int:
    # the counts per status of objectives, actions and KPIs; returns the last row
    w, f, s = report.words, report.formats, report.analysis.summary
    ws.write_string(top - 1, 0, message("report_headline", report.lang), f("section"))
    ws.write_blank(top, 0, None, f("header"))
    for col, key in enumerate(COUNTS, 1):
        ws.write_string(top, col, w.counts[key], f(filled("label", STATUS_FILLS.get(key))
                                                     if key in STATUS_KEYS else "header"))
    labels = w.figures | {"objectives": message("report_objectives", report.lang),
                          "objectives_to_date": message("report_objectives_to_date", report.lang)}
    for row, key in enumerate(STATUS_ROWS, top + 1):
        ws.write_string(row, 0, labels[key], f("label"))
        for col, count in enumerate(COUNTS, 1):
            put(ws, row, col, s.get(key, {}).get(count), f("integer", count == "total"))
    ws.set_row(top, 30)
    return top + len(STATUS_ROWS)


def add_charts(report: Report, summary: tuple[Worksheet, int], budget: ChartData | None,
               months: ChartData | None) -> None:
    """The three charts of the summary: objectives by status and budget by block (by
    workbook in a consolidation) beside the figures, the months under them."""
    ws, free = summary
    title = report.words.charts["sources" if report.sources else "budget"]
    charts = [(1, SIDE_COLUMN, _objectives_chart(report), SIDE),
              (1 + SIDE_ROWS, SIDE_COLUMN, budget and _budget_chart(report, budget, title), SIDE),
              (free, 0, months and _months_chart(report, months), BELOW)]
    for row, col, chart, size in charts:
        if chart is not None:
            chart.set_size(size)
            ws.insert_chart(row, col, chart, {"x_offset": 2, "y_offset": 4})


def _objectives_chart(report: Report) -> Any:
    name, w = report.name("summary"), report.words
    keys = COUNTS[:-1]  # every status and «unmeasured», not the total
    chart = report.workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": w.charts["count"],
        "categories": [name, COUNTS_TOP, 1, COUNTS_TOP, len(keys)],
        "values": [name, COUNTS_TOP + 1, 1, COUNTS_TOP + 1, len(keys)],
        "points": [{"fill": {"color": POINTS[STATUS_FILLS.get(k, "grey")]}} for k in keys],
        "data_labels": {"value": True},
    })
    _finish(chart, w.charts["objectives"], legend=False)
    return chart


def _budget_chart(report: Report, data: ChartData, title: str) -> Any:
    chart = report.workbook.add_chart({"type": "column"})
    for (name, values), colour in zip(data.series, BUDGET_COLOURS, strict=True):
        chart.add_series({"name": data.ref(name), "fill": {"color": colour},
                          "categories": data.ref(data.categories), "values": data.ref(values)})
    chart.set_y_axis({"num_format": report.formats.number_format("money"), "min": 0,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    _finish(chart, title, legend=True)
    return chart


def _months_chart(report: Report, data: ChartData) -> Any:
    money = report.formats.number_format("money")
    (planned_name, planned), (cumulative_name, cumulative) = data.series
    chart = report.workbook.add_chart({"type": "column"})
    chart.add_series({"name": data.ref(planned_name), "fill": {"color": BUDGET_COLOURS[0]},
                      "categories": data.ref(data.categories), "values": data.ref(planned)})
    line = report.workbook.add_chart({"type": "line"})
    line.add_series({"name": data.ref(cumulative_name), "y2_axis": True,
                     "line": {"color": BUDGET_COLOURS[1], "width": 2.25},
                     "categories": data.ref(data.categories), "values": data.ref(cumulative)})
    chart.combine(line)
    chart.set_x_axis({"num_format": report.formats.number_format("month"), "date_axis": False})
    chart.set_y_axis({"num_format": money, "min": 0})
    line.set_y2_axis({"num_format": money, "min": 0})
    _finish(chart, report.words.charts["months"], legend=True)
    return chart


def _finish(chart: Any, title: str, *, legend: bool) -> None:
    chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
    chart.set_legend({"position": "bottom"} if legend else {"none": True})
