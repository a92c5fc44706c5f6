"""The charts of the HTML page, drawn from the analysis, each with the table of its numbers.

Objectives by status (year end and to date), budget and spent per block of *Budget*, the
planned budget per month with its running total and the review date, and the statuses of
the KPI headline rows per tab. A consolidation adds up its source workbooks.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..messages import message
from . import figures as fig
from . import svg, views
from .text import columns, word_list

CHARTS = ("objectives", "blocks", "months", "kpis")
CHART_WORDS = ("year_end", "to_date", "budget", "spent", "planned", "cumulative", "review",
               "spent_to_date", "tab", "period")


def titles(lang: str) -> dict[str, str]:
    """The title of each chart."""
    return word_list("html_charts", lang, CHARTS)


def _words(a: Any) -> dict[str, str]:
    lang = a.messages_lang
    return word_list("html_chart_words", lang, CHART_WORDS) | {
        "review": message("html_review_marker", lang, date=fig.day(a.as_of, lang))}


def _counts(keys: pd.Series) -> dict[str, int]:
    found = keys.fillna("").replace("", "unmeasured").value_counts()
    return {k: int(found.get(k, 0)) for k in views.STATUS_ORDER}


def _summary_counts(counts: dict[str, int]) -> dict[str, int]:
    return {k: int(counts.get(k, 0)) for k in views.STATUS_ORDER}


def objectives(a: Any) -> tuple[str, views.Table]:
    """Objectives by status at year end and to date, and the table of the counts."""
    w, title = _words(a), titles(a.messages_lang)["objectives"]
    bars = [svg.Bar(w["year_end"], _summary_counts(a.summary["objectives"])),
            svg.Bar(w["to_date"], _summary_counts(a.summary["objectives_to_date"]))]
    drawing = svg.status_bars(title, [("", bars)], views.status_words(a.messages_lang))
    return drawing, _counts_table(a, "objectives-counts", title, [("", bars)])


def kpis(a: Any) -> tuple[str, views.Table]:
    """The statuses of the KPI rows the report shows, per tab, and the table of the counts."""
    w, title = _words(a), titles(a.messages_lang)["kpis"]
    groups = [(str(sheet), [svg.Bar(w["year_end"], _counts(rows["status_key"])),
                            svg.Bar(w["to_date"], _counts(rows["status_to_date_key"]))])
              for sheet, rows in views.kpi_rows(a).groupby("sheet", sort=False)]
    drawing = svg.status_bars(title, groups, views.status_words(a.messages_lang))
    return drawing, _counts_table(a, "kpis-counts", title, groups)


def _counts_table(a: Any, key: str, title: str,
                  groups: list[tuple[str, list[svg.Bar]]]) -> views.Table:
    # one row per bar, one column per status key that occurs, then the total
    w, found = _words(a), views.status_words(a.messages_lang)
    keys = [k for k in views.STATUS_ORDER if any(b.counts[k] for _, bars in groups for b in bars)]
    lead = [w["tab"], w["period"]] if any(h for h, _ in groups) else [w["period"]]
    head = [*lead, *(found[k] for k in keys), columns(a.messages_lang)["total"]]
    rows = [[*([views.text(heading)] if len(lead) == 2 else []), views.text(bar.label),
             *(views.figure(fig.number(bar.counts[k], a.messages_lang)) for k in keys),
             views.figure(fig.number(sum(bar.counts.values()), a.messages_lang))]
            for heading, bars in groups for bar in bars]
    return views.Table(key, title, head, rows)


def blocks(a: Any) -> tuple[str, str]:
    """Budget and spent per block of *Budget* (the total row left to the table); for a
    consolidation, the total of each source workbook. Returns the drawing and its title."""
    w, lang = _words(a), a.messages_lang
    frame = a.budget_blocks
    if views.sources(a):
        title, label = message("html_chart_sources", lang), "source"
        frame = frame[frame["block"] == "total"]
    else:
        title, label = titles(lang)["blocks"], "label"
        frame = frame[frame["block"] != "total"]
    items = [(str(r[label]), _amount(r["budget"]), _amount(r["spent"]))
             for r in views.records(frame)]
    drawing = svg.paired_bars(title, items, (w["budget"], w["spent"]),
                              lambda v: fig.money(v, lang, a.currency))
    return drawing, title


def _amount(value: Any) -> float:
    return 0.0 if fig.is_empty(value) else float(value)


def months(a: Any) -> str:
    """The planned budget per fiscal month, its running total, the review date and what the
    actions spent by then."""
    w, lang = _words(a), a.messages_lang
    frame = a.budget_months.groupby("month", sort=True).agg(
        period=("period", "first"), planned=("planned", "sum"))
    names = message("html_months", lang).split("|")
    planned = [float(v) for v in frame["planned"].fillna(0)]
    spent = a.burn.get("actions_spent")
    drawing = svg.Months(
        labels=[names[p.month - 1] for p in frame["period"]], amounts=planned,
        cumulative=[float(v) for v in pd.Series(planned).cumsum()],
        elapsed=min(max(float(a.elapsed), 0.0), 1.0),
        point=None if fig.is_empty(spent) else float(spent),
        names=(w["planned"], w["cumulative"], w["review"], w["spent_to_date"]),
        years=_years(list(frame["period"])))
    return svg.monthly(titles(lang)["months"], drawing, lambda v: compact(v, lang, a.currency))


def _years(periods: list[Any]) -> list[str]:
    """The year under the first month and under each January: «juil.» over «2027», …,
    «janv.» over «2028», for a fiscal year (or a consolidation) across two calendar years."""
    return [str(p.year) if i == 0 or p.month == 1 else "" for i, p in enumerate(periods)]


def compact(value: float, lang: str, currency: str) -> str:
    """An axis amount, short: «60 k€», «2,5 M€» in fr; «€60k», «€2.5M» in en."""
    size, unit = next((s, u) for s, u in ((1e6, "M"), (1e3, "k"), (1.0, ""))
                      if abs(value) >= s or s == 1.0)
    scaled = value / size
    digits = fig.number(scaled, lang, 0 if float(scaled).is_integer() else 1)
    symbol = fig._symbol(currency)
    if lang == "fr" or len(symbol) > 1:
        return f"{digits}{fig.NBSP}{unit}{symbol}"
    return f"{symbol}{digits}{unit}"
