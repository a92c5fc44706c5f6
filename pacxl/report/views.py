"""What each section of the readable reports shows: the rows and columns that the Markdown
report and the HTML page share.

A section is a :class:`Table` of :class:`Cell` s. A cell holds user text as typed (never
escaped here) or a figure formatted for the reader; each renderer escapes every cell its own
way and draws a status as a word (Markdown) or as a coloured badge carrying the word (HTML).
When the analysis consolidates several workbooks (``analysis.sources`` not empty), every
table whose frame has a ``source`` column starts with it, and :func:`comparison` gives one
column per source workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from ..messages import message
from . import figures as fig
from .text import KINDS, columns, kinds, severities, word_list

GROUPS = ("category", "lever", "owner", "channel", "objective", "quarter", "month")
STATUS_KEYS = ("met", "near", "missed", "missing")  # the counts the groupings show
STATUS_ORDER = (*STATUS_KEYS, "qualitative", "tracking", "unmeasured")


@dataclass(frozen=True)
class Cell:
    """One cell: user text or a figure, and a status drawn as a badge."""

    text: str = ""  # user text as typed, or a figure formatted by pacxl; "" when empty
    figure: bool = False  # a number: aligned right
    status: str = ""  # a status word
    key: str = ""  # its language-free key (met, near, missed, missing, qualitative, tracking)


@dataclass(frozen=True)
class Table:
    """A titled table: headings and rows of cells."""

    key: str  # a stable name (the id of the HTML table)
    title: str
    head: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Suggestions:
    """The suggestions of one kind: (label, reason, status cell) per action or objective."""

    kind: str
    title: str
    items: list[tuple[str, str, Cell]]


Column = tuple[str, Callable[[dict[str, Any]], Cell]]


def records(frame: pd.DataFrame, flag: str | None = None) -> list[dict[str, Any]]:
    """The rows of ``frame`` (those where the boolean column ``flag`` is true) as dicts."""
    if flag is not None:
        frame = frame[frame[flag].fillna(False).astype(bool)]
    names = [str(c) for c in frame.columns]  # column by column: far faster than to_dict
    return [dict(zip(names, row, strict=True))
            for row in zip(*(frame[c].tolist() for c in frame.columns), strict=True)]


def text(value: Any) -> Cell:
    """User text (or a pacxl word), as typed."""
    return Cell("" if fig.is_empty(value) else str(value))


def figure(value: str) -> Cell:
    """A formatted figure."""
    return Cell(value, figure=True)


def status(word: Any, key: Any) -> Cell:
    """A status word and its key."""
    return Cell(status=text(word).text, key=text(key).text)


def sources(analysis: Any) -> list[str]:
    """The source workbooks of a consolidation, in order; empty for one workbook."""
    frame = analysis.sources
    if frame.empty or "source" not in frame:
        return []
    return [str(s) for s in dict.fromkeys(frame["source"].dropna())]


@cache
def _currency_units() -> frozenset[str]:
    from ..spec import load_spec

    return frozenset(c["symbol"] for c in load_spec().currencies.values())


class Columns:
    """The column makers of one analysis: a heading and a function from a row to a cell."""

    def __init__(self, analysis: Any) -> None:
        self.a = analysis
        self.lang = analysis.messages_lang
        self.currency = analysis.currency
        self.head = columns(self.lang)

    def table(self, key: str, title: str, frame: pd.DataFrame, cols: list[Column],
              flag: str | None = None) -> Table:
        """The rows of ``frame`` in ``cols``, after the source column of a consolidation."""
        if sources(self.a) and "source" in frame:
            cols = [self.text("source"), *cols]
        rows = [[make(r) for _, make in cols] for r in records(frame, flag)]
        return Table(key, title, [head for head, _ in cols], rows)

    def text(self, key: str, column: str | None = None) -> Column:
        return self.head[key], lambda r: text(r[column or key])

    def money(self, key: str, column: str | None = None, sign: bool = False) -> Column:
        return self.head[key], lambda r: figure(
            fig.money(r[column or key], self.lang, self.currency, sign))

    def percent(self, key: str, column: str | None = None) -> Column:
        return self.head[key], lambda r: figure(fig.percent(r[column or key], self.lang))

    def count(self, key: str, column: str | None = None) -> Column:
        return self.head[key], lambda r: figure(fig.number(r[column or key], self.lang))

    def day(self, key: str, column: str | None = None) -> Column:
        return self.head[key], lambda r: figure(fig.day(r[column or key], self.lang))

    def status(self, key: str, column: str) -> Column:
        return self.head[key], lambda r: status(r[column], r[f"{column}_key"])

    def measure(self, key: str, column: str | None = None) -> Column:
        """A target or result of an objective or action, in its unit."""
        return self.head[key], lambda r: figure(self.measured(r, r[column or key]))

    def measured(self, row: dict[str, Any], value: Any, sign: bool = False) -> str:
        if row["rate"] is True:
            return fig.percent(value, self.lang, sign=sign)
        if not fig.is_empty(row["unit"]) and str(row["unit"]) in _currency_units():
            return fig.money(value, self.lang, self.currency, sign)
        return fig.number(value, self.lang, fig.decimals_of(value), sign)

    def gap(self) -> Column:
        """An objective's or action's gap: points for a rate, else in its unit."""
        def make(row: dict[str, Any]) -> Cell:
            if row["rate"] is True:
                return figure(fig.points(row["gap_points"], self.lang))
            return figure(self.measured(row, row["gap"], sign=True))
        return self.head["gap"], make


def objectives(a: Any) -> Table:
    """Every SMART objective: target, result, gap, status at year end and to date."""
    c = Columns(a)
    return c.table("objectives", message("report_objectives", c.lang), a.objectives, [
        c.text("id"), c.text("objective"), c.measure("target"), c.measure("result"), c.gap(),
        c.status("status", "status"), c.status("to_date", "status_to_date")])


def late(a: Any) -> Table:
    """The late actions: owner, end date, days late, progress."""
    c = Columns(a)
    return c.table("late", message("report_late", c.lang), a.actions, [
        c.text("id"), c.text("action"), c.text("owner"), c.day("end"),
        c.count("days_late"), c.text("progress")], flag="late")


def overspent(a: Any) -> Table:
    """The actions over budget, with the user's analysis of the gap."""
    c = Columns(a)
    return c.table("overspent", message("report_overspent", c.lang), a.actions, [
        c.text("id"), c.text("action"), c.money("budget"), c.money("spent"),
        c.money("budget_gap", sign=True), c.percent("consumed"), c.text("analysis")],
        flag="overspent")


def kpi_rows(a: Any) -> pd.DataFrame:
    """The KPI headline rows (tab totals) that have a target or a result."""
    headline = a.kpis[a.kpis["headline"].fillna(False).astype(bool)]
    return headline[headline["objective"].notna() | headline["result"].notna()]


def kpis(a: Any) -> list[Table]:
    """The rows of :func:`kpi_rows`, one table per tab."""
    c = Columns(a)
    headline = kpi_rows(a)
    cols = [c.text("kpi", "label"), c.text("line"),
            (c.head["target_figure"], lambda r: figure(_kpi(c, r, "objective"))),
            (c.head["result"], lambda r: figure(_kpi(c, r, "result"))),
            (c.head["gap"], lambda r: figure(fig.gap(r, r["unit"], c.lang, c.currency))),
            c.status("status", "status"), c.status("to_date", "status_to_date")]
    return [c.table(f"kpi-{i}", str(sheet), group, cols)
            for i, (sheet, group) in enumerate(headline.groupby("sheet", sort=False), 1)]


def _kpi(c: Columns, row: dict[str, Any], column: str) -> str:
    return fig.value(row[column], row["unit"], c.lang, c.currency)


def budget_blocks(a: Any) -> Table:
    """The three blocks of *Budget* and their total: N-1, budget, spent, gap, consumed."""
    c = Columns(a)
    return c.table("budget-blocks", message("report_budget", c.lang), a.budget_blocks, [
        c.text("block", "label"), c.money("n1"), c.money("budget"), c.money("spent"),
        c.money("budget_gap", "gap", sign=True), c.percent("consumed")])


def pace(a: Any) -> str:
    """The burn rate: consumed against elapsed."""
    lang, burn = a.messages_lang, a.burn
    variance = None if fig.is_empty(burn["variance"]) else float(burn["variance"]) * 100
    return message("report_pace", lang, pace=fig.percent(burn["pace"], lang, 0),
                   consumed=fig.percent(burn["consumed"], lang),
                   elapsed=fig.percent(burn["elapsed"], lang),
                   variance=fig.points(variance, lang))


def planned_to_date(a: Any) -> str:
    """What the calendar planned by the review date, and what the actions spent."""
    lang, burn = a.messages_lang, a.burn
    return message("report_planned_to_date", lang, date=fig.day(a.as_of, lang),
                   planned=fig.money(burn["planned_to_date"], lang, a.currency),
                   spent=fig.money(burn["actions_spent"], lang, a.currency))


def months(a: Any) -> Table:
    """The planned budget of each fiscal month (the *Calendrier* phasing) and its running sum."""
    c = Columns(a)
    labels = dict(zip(a.budget_quarters["quarter"], a.budget_quarters["label"], strict=False))
    return c.table("budget-months", message("report_months", c.lang), a.budget_months, [
        c.text("month", "label"), (c.head["quarter"], lambda r: text(labels.get(r["quarter"]))),
        c.money("planned"), c.money("cumulative")])


def quarters(a: Any) -> Table:
    """The planned budget of each fiscal quarter and its running sum."""
    c = Columns(a)
    return c.table("budget-quarters", message("report_quarters", c.lang), a.budget_quarters, [
        c.text("quarter", "label"), c.money("planned"), c.money("cumulative")])


def groups(a: Any) -> list[Table]:
    """The actions grouped by category, lever, owner, channel, objective, quarter, month."""
    c = Columns(a)
    names = word_list("report_groups", c.lang, GROUPS)
    titles = word_list("report_by", c.lang, GROUPS)
    tables = []
    for key in GROUPS:
        label = _objective_label if key == "objective" else (lambda r: text(r["label"]))
        cols: list[Column] = [
            (names[key], label), c.count("actions"), c.money("budget"), c.money("spent"),
            c.money("budget_gap", sign=True), c.percent("consumed"), c.count("late"),
            c.count("overspent"), *(c.count(k) for k in STATUS_KEYS)]
        tables.append(c.table(f"by-{key}", titles[key], a.by[key], cols))
    return tables


def _objective_label(row: dict[str, Any]) -> Cell:
    parts = [text(row[k]).text for k in ("label", "objective")]
    return Cell(" ".join(p for p in parts if p))


def lead_sources(a: Any) -> Table:
    """The lead sources of *2 Lead generation* with figures: result / objective and status."""
    c = Columns(a)
    metrics = a.kpis[a.kpis["section"] == "sources"].drop_duplicates("metric")
    frame = a.by["source"]
    typed = [f"{m}_{k}" for m in metrics["metric"] for k in ("objective", "result")]
    frame = frame[frame[[t for t in typed if t in frame]].notna().any(axis=1)]
    cols: list[Column] = [(c.head["lead_source"], lambda r: text(r["line"]))]
    cols += [(str(m["label"]), _source_cell(c, m["metric"], m["unit"]))
             for m in records(metrics)]
    return c.table("by-source", message("report_lead_sources", c.lang), frame, cols)


def _source_cell(c: Columns, metric: str, unit: str) -> Callable[[dict[str, Any]], Cell]:
    def make(row: dict[str, Any]) -> Cell:
        result, target = (fig.value(row[f"{metric}_{k}"], unit, c.lang, c.currency)
                          for k in ("result", "objective"))
        word = text(row[f"{metric}_status"]).text
        return Cell(f"{result} / {target}", figure=True, status=word, key=_key_of(c.a, word))
    return make


@cache
def status_words(lang: str) -> dict[str, str]:
    """The workbook's word of each status key in ``lang``, «Non mesuré» for ``unmeasured``
    (a row without status)."""
    from ..spec import load_spec

    spec = load_spec()
    found = {k: spec.label("gap_status", k)(lang) for k in STATUS_ORDER[:-1]}
    return found | {"unmeasured": message("report_unmeasured", lang)}


def _key_of(a: Any, word: str) -> str:
    # the status key of a workbook's status word (suggestions and lead sources have only words)
    folded = word.casefold()
    return next((k for k, w in status_words(a.lang).items() if w.casefold() == folded), "")


def suggestions(a: Any) -> list[Suggestions]:
    """Keep / review / stop / start, each with its actions or objectives and reasons."""
    names = kinds(a.messages_lang)
    found = []
    for kind in KINDS:
        rows = records(a.suggestions[a.suggestions["kind"] == kind])
        items = [(_subject(r), text(r["reason"]).text,
                  status(r["status"], _key_of(a, text(r["status"]).text))) for r in rows]
        if items:
            found.append(Suggestions(kind, names[kind], items))
    return found


def _subject(row: dict[str, Any]) -> str:
    parts = [text(row[k]).text for k in ("id", "title")]
    return " ".join(p for p in parts if p)


def comments(a: Any) -> Table:
    """The actions whose ANALYSE ÉCARTS is typed, beside their figures and decision."""
    c = Columns(a)
    typed = a.actions[a.actions["analysis"].notna()]
    return c.table("comments", message("report_comments", c.lang), typed, [
        c.text("id"), c.text("action"), c.measure("target"), c.measure("result"),
        c.status("status", "status"), c.percent("consumed"), c.text("decision"),
        c.text("analysis")])


def quality(a: Any) -> Table:
    """The data-quality items and the importer's findings, located to the cell."""
    c = Columns(a)
    words_ = severities(c.lang)
    return c.table("quality", message("report_quality", c.lang), a.quality, [
        (c.head["severity"], lambda r: text(words_.get(str(r["severity"]), r["severity"]))),
        c.text("cell", "reference"), c.text("header"), c.text("message")])


def comparison(a: Any) -> Table | None:
    """One column per source workbook of a consolidation: its headline figures."""
    keys = sources(a)
    if not keys:
        return None
    lang, head = a.messages_lang, columns(a.messages_lang)
    names = message("report_compare_rows", lang).split("|")
    found = records(a.sources)
    rows = [[Cell(name), *(figure(make(a, r)) for r in found)]
            for name, make in zip(names, _COMPARED, strict=True)]
    return Table("compare", message("report_compare", lang), [head["figure"], *keys], rows)


def _met(a: Any, row: dict[str, Any]) -> str:
    return f"{row['met']} / {row['objectives']}"


def _met_to_date(a: Any, row: dict[str, Any]) -> str:
    keys = a.objectives.loc[a.objectives["source"] == row["source"], "status_to_date_key"]
    return f"{int((keys == 'met').sum())} / {len(keys)}"


def _count(column: str) -> Callable[[Any, dict[str, Any]], str]:
    return lambda a, row: fig.number(row[column], a.messages_lang)


def _money(column: str) -> Callable[[Any, dict[str, Any]], str]:
    return lambda a, row: fig.money(row[column], a.messages_lang, a.currency)


def _consumed(a: Any, row: dict[str, Any]) -> str:
    return fig.percent(row["consumed"], a.messages_lang)


# the rows of the comparison, in the order of the catalogue's «report_compare_rows»
_COMPARED = (_met, _met_to_date, _count("actions"), _count("late"), _count("overspent"),
             _money("budget"), _money("spent"), _consumed)
