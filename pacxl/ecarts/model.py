"""The result of :func:`pacxl.analyse`: the :class:`Analysis` contract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Facts:
    """The plain attributes of an analysis (see :class:`Analysis`), shared with what a
    consolidation keeps of each workbook (:class:`~pacxl.ecarts.parts.Head`)."""

    as_of: dt.date
    as_of_source: str
    fiscal_start: dt.date
    fiscal_end: dt.date
    elapsed: float
    tolerance: float
    lang: str
    messages_lang: str
    path: str
    company: str | None
    year: int | None
    currency: str
    sheets: dict[str, str]


@dataclass
class Analysis(Facts):
    """The gap analysis of one workbook: typed DataFrames and a few plain figures.

    Conventions, for every frame: text is ``string``, numbers ``Float64``, counts and row
    numbers ``Int64``, flags ``boolean``, dates ``datetime64``; an empty value is ``<NA>``
    (never NaN). A status is the workbook's word («Atteint», «Met»…) in ``status`` and a
    language-free key in ``status_key``: ``met``, ``near``, ``missed``, ``missing`` (a target
    or a result is empty), ``qualitative``, ``tracking`` (a metric without direction), or
    ``""`` (neither target nor result). ``row`` is the 1-based row of the sheet. Rows keep
    the workbook's order. ``gap`` is result − target in the unit of the values (a fraction
    for a rate); the workbook's «Écart» cell shows ``gap_points`` where the unit is a rate
    (``rate``) and ``gap`` elsewhere. Every ``*_to_date`` column compares the result with
    the target due at ``as_of`` (:mod:`pacxl.ecarts.prorata` says how it is due); the other
    columns are exactly the workbook's cells.

    Plain attributes: ``as_of`` (the review date) and ``as_of_source`` ("argument",
    "parameters" or "today"); ``fiscal_start``, ``fiscal_end``; ``elapsed`` (share of the
    fiscal year, as *Paramètres* computes it); ``tolerance`` («Proche» band, relative);
    ``lang`` (the workbook's language: its status words), ``messages_lang`` (the language of
    ``reason`` and ``message`` texts); ``path``, ``company``, ``year``, ``currency``;
    ``sheets`` (sheet key → its name in the file).

    ``objectives`` — one row per SMART objective of *Objectifs*: the columns as read (``row,
    id, objective, strategic_id, type, category, segment, indicator, unit, direction, n1,
    target, deadline, owner, result, qual_status, comment``), then ``direction_key`` (up /
    down / none, as the formula reads «Sens»), ``rate`` (unit «%»), ``qualitative``,
    ``gap, gap_points, gap_pct, status, status_key``, ``flow`` (target pro-rated), ``share``
    (elapsed share from the fiscal start to the deadline), ``target_to_date, gap_to_date,
    gap_points_to_date, gap_pct_to_date, status_to_date, status_to_date_key``, and the
    linked actions: ``actions`` (count), ``actions_budget``, ``actions_spent``.

    ``actions`` — one row per action of *Plan d’actions*: the columns as read (``row, id,
    action, phases, family, objective_id, category, lever, target_segment, channel,
    priority, owner, budget, spent, start, end, indicator, unit, direction, target, result,
    progress, analysis`` — the user's ANALYSE ÉCARTS text — ``, decision``), then
    ``direction_key, rate, gap, gap_points, gap_pct, status, status_key``, ``progress_key``
    (todo / doing / done / postponed / cancelled / ""), ``decision_key`` (keep / stop /
    start / adjust / ""), ``budget_gap`` (spent − budget, the «Écart budget» cell),
    ``consumed`` (spent ÷ budget), ``overspent``, ``late`` and ``late_status`` (the
    «Retard» cell: «En retard» or ""), ``days_late``, ``month`` and ``quarter`` (of the
    fiscal year, of the end date; empty outside it), ``objective_known`` (the linked id
    names an objective; empty without id), ``objective`` (its text), ``flow, share``
    (elapsed share of start → end), ``target_to_date, gap_to_date, gap_points_to_date,
    gap_pct_to_date, status_to_date, status_to_date_key``, ``budget_to_date`` (budget ×
    share).

    ``kpis`` — every metric row of every KPI block (the six tabs and the Budget scorecard),
    long format: ``tab, sheet, section, line_key, line, period`` (a month line's month),
    ``metric, label, unit`` (value type: integer, money, money2, percent, number, times,
    years, rank), ``direction`` (up / down / none), ``computed, n1, objective, result``
    (ratios and totals recomputed from the inputs, as the tab computes them), ``comment,
    row``, then ``direction_key, rate, gap, gap_points, gap_pct, status, status_key``,
    ``headline`` (a total, or the only line: the rows the dashboard counts), ``due`` (the
    date a dated line is due: a month's first day, a campaign's or an event's date),
    ``flow, share, objective_to_date, gap_to_date, gap_points_to_date, gap_pct_to_date,
    status_to_date, status_to_date_key`` (``status_to_date`` is "" for a line not due yet).

    ``scorecard`` — the Budget scorecard rows of ``kpis``: ``metric, label, unit, n1,
    objective`` (budget N), ``result`` (spent N), ``gap, gap_points, gap_pct, status, row``.

    ``budget_lines`` — every typed line of the three blocks of *Budget*: ``block`` (section
    key), ``row, item, n1, budget, spent, gap`` (spent − budget), ``consumed`` (spent ÷
    budget), ``overspent``. ``budget_blocks`` — one row per block and a last ``total`` row:
    ``block, label, lines, n1, budget, spent`` (SUMs: 0 when nothing is typed), ``gap,
    consumed, overspent``.

    ``budget_phased`` — the *Calendrier* phasing, one row per action and fiscal month:
    ``row`` (the action's row), ``id, month`` (1–12), ``period`` (the month's first day),
    ``quarter, amount`` (budget × days in the month ÷ days of the action; empty for an
    action without both dates or budget, or ending before it starts). ``budget_months`` —
    the twelve months: ``month, period, label`` ("2027-01"), ``quarter, planned`` (the
    «Total du mois» row), ``cumulative`` («Cumul»), ``due`` (month started by ``as_of``).
    ``budget_quarters`` — ``quarter, label`` («T1»), ``planned`` («Total du trimestre»),
    ``cumulative``.

    ``burn`` — plain numbers (None when empty): ``budget, spent`` (programmes, the
    scorecard's first line), ``consumed`` (spent ÷ budget: «Budget consommé»), ``elapsed``,
    ``pace`` (consumed ÷ elapsed: above 1, spending runs ahead of the year), ``variance``
    (consumed − elapsed), ``actions_budget, actions_spent, actions_consumed``,
    ``planned_to_date`` (the actions' budgets × their elapsed share), ``scheduled`` (phased
    in the fiscal year) and ``unscheduled`` (outside it or without dates), the budgeting
    methods ``renewal_rate, renewal, envelope_rate, envelope, bottom_up, retained``.

    ``by`` — the actions grouped: ``category``, ``lever``, ``owner``, ``channel``,
    ``objective`` (by ``objective_id``, plus the objective's ``objective`` text and
    ``status``), ``quarter`` and ``month`` (of the end date). Each frame: the grouping
    column, ``label``, ``actions, budget, spent, budget_gap, consumed, overspent, late``,
    one count per status key (``met, near, missed, missing, qualitative, tracking,
    unmeasured``) and per progress key (``todo, doing, done, postponed, cancelled``).
    Groups follow the workbook's lists, then other values, then a last row (key ``<NA>``)
    for the actions where the column is empty; each frame adds up to the whole plan.
    ``by["source"]`` is the lead-generation tab, one row per source and the total:
    ``line_key, line`` and ``<metric>_objective``, ``<metric>_result``, ``<metric>_status``.

    ``suggestions`` — keep / review / stop / start: ``kind, subject`` (action or objective),
    ``row, id, title, status, status_to_date, decision, budget, spent, code`` (the message
    code) and ``reason`` (a sentence). ``quality`` — the data-quality items, then the
    importer's findings: ``code, severity, source`` (analysis or import), ``sheet, cell,
    reference`` (``'Plan d’actions'!K12``), ``header, value, message``.

    ``sources`` — empty for one workbook; in a consolidation
    (:func:`pacxl.ecarts.consolidate.consolidate`, whose docstring says how each part is
    combined) one row per workbook: ``source`` (its label), ``path, company, year, as_of,
    objectives, met, near, missed, missing, actions, late, overspent, budget, spent,
    consumed, errors, warnings``; every row frame then starts with a ``source`` column (in
    ``quality`` the analysis-or-import column is then named ``origin``).

    ``summary`` — headline figures: ``objectives``, ``actions``, ``kpis`` (headline rows)
    and their ``*_to_date`` variants, each a dict of counts per status key plus
    ``unmeasured`` and ``total``; ``budget`` (``n1, budget, spent, consumed`` of the
    blocks), ``actions_budget, actions_spent``, ``late``, ``overspent``, ``suggestions``
    (count per kind), ``quality`` (count per severity).
    """

    objectives: pd.DataFrame
    actions: pd.DataFrame
    kpis: pd.DataFrame
    scorecard: pd.DataFrame
    budget_lines: pd.DataFrame
    budget_blocks: pd.DataFrame
    budget_phased: pd.DataFrame
    budget_months: pd.DataFrame
    budget_quarters: pd.DataFrame
    burn: dict[str, Any]
    by: dict[str, pd.DataFrame]
    suggestions: pd.DataFrame
    quality: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every DataFrame by name (``by.<group>`` for the groupings; ``sources`` first in a
        consolidation), for CSV or JSON."""
        names = ("objectives", "actions", "kpis", "scorecard", "budget_lines",
                 "budget_blocks", "budget_phased", "budget_months", "budget_quarters",
                 "suggestions", "quality")
        found = {name: getattr(self, name) for name in names}
        if not self.sources.empty:  # a consolidation: its workbooks first
            found = {"sources": self.sources} | found
        return found | {f"by.{key}": frame for key, frame in self.by.items()}
