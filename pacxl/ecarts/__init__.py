"""The gap analysis (*analyse des écarts*) of a filled PAC workbook, in pure pandas.

    import pacxl
    analysis = pacxl.analyse(pacxl.read_workbook("plan.xlsx"), as_of="2027-06-30")
    analysis.objectives[["id", "target", "result", "gap", "gap_pct", "status"]]

Every gap, ratio and status is the number or word the workbook's own formulas show once a
spreadsheet recalculates it (``tests/test_ecarts_one_truth.py`` checks it cell by cell in
LibreOffice and Gnumeric); the ``_to_date`` columns add what the workbook cannot show: the
comparison with the target due at the review date. See :class:`Analysis` for every column.
"""

from __future__ import annotations

import datetime as dt

from ..reader.frames import Workbook
from ..spec import Spec
from . import budget as money
from .actions import analyse_actions
from .aggregate import aggregate
from .consolidate import consolidate
from .context import make_ctx
from .kpis import analyse_kpis
from .model import Analysis
from .objectives import analyse_objectives, link_actions
from .quality import quality
from .suggest import suggestions
from .summary import summarise

__all__ = ["Analysis", "analyse", "consolidate"]


def analyse(workbook: Workbook, as_of: dt.date | str | None = None, *,
            lang: str | None = None, spec: Spec | None = None) -> Analysis:
    """Analyse the gaps of a workbook read by :func:`pacxl.read_workbook`.

    Args:
        workbook: the typed DataFrames of a filled PAC workbook.
        as_of: the review date (a date or "YYYY-MM-DD"); by default the review date of
            *Paramètres*, else today.
        lang: the language of the reasons and data-quality messages ("fr" or "en"); by
            default the workbook's. Statuses are always the workbook's own words.
        spec: the workbook description (the shipped one by default).

    Returns:
        An :class:`Analysis`: typed DataFrames, in the order of the workbook's rows.
    """
    ctx = make_ctx(workbook, as_of, lang, spec)
    objectives = analyse_objectives(workbook.objectives, ctx)
    actions = analyse_actions(workbook.actions, objectives, ctx)
    objectives = link_actions(objectives, actions)
    kpis = analyse_kpis(workbook, ctx)
    lines = money.budget_lines(workbook, ctx)
    blocks = money.budget_blocks(lines, ctx)
    phased = money.budget_phased(actions, ctx)
    months = money.budget_months(phased, ctx)
    burn = money.burn(workbook, kpis, actions, months, ctx)
    ideas = suggestions(actions, objectives, ctx)
    checks = quality(workbook, objectives, actions, lines, kpis, ctx)
    params = workbook.params
    return Analysis(
        as_of=ctx.as_of, as_of_source=ctx.period.source, fiscal_start=ctx.period.start,
        fiscal_end=ctx.period.end, elapsed=ctx.period.elapsed, tolerance=ctx.tolerance,
        lang=ctx.vocab.lang, messages_lang=ctx.lang, path=workbook.path,
        company=params.get("company"), year=params.get("year"),
        currency=params.get("currency") or "EUR", sheets=dict(ctx.sheets),
        objectives=objectives, actions=actions, kpis=kpis, scorecard=money.scorecard(kpis),
        budget_lines=lines, budget_blocks=blocks, budget_phased=phased,
        budget_months=months, budget_quarters=money.budget_quarters(months, ctx), burn=burn,
        by=aggregate(actions, objectives, kpis, months, workbook, ctx),
        suggestions=ideas, quality=checks,
        summary=summarise(objectives, actions, kpis, blocks, burn, ideas, checks),
    )
