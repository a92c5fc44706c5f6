"""The action grid of *Plan d’actions*: results, budget, lateness and the linked objective."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import prorata, rules
from .arrays import booleans, float64, int64, stamps, strings
from .context import Ctx, table, with_columns
from .measure import fact_columns, flow_rows, gap_columns, typed_facts
from .vocab import folded_array, lookup

Columns = dict[str, pd.api.extensions.ExtensionArray]


def analyse_actions(actions: pd.DataFrame | None, objectives: pd.DataFrame,
                    ctx: Ctx) -> pd.DataFrame:
    """Every action as read, with gaps, statuses, budget and lateness (see :class:`Analysis`)."""
    frame = table(actions, ctx.spec, "actions")
    row = typed_facts(frame, ctx)
    target, budget = rules.floats(frame["target"]), rules.floats(frame["budget"])
    ends = stamps(frame["end"])
    progress = folded_array(frame["progress"])
    period = ctx.period
    flow = flow_rows(frame, row, ctx)
    share = prorata.share_array(stamps(frame["start"]), ends, period.as_of, period.elapsed)
    to_date = prorata.to_date_array(target, share, flow)
    return with_columns(frame, {
        **fact_columns(row), **gap_columns(row, target, ctx),
        "progress_key": strings(lookup(progress, ctx.vocab.progress)),
        "decision_key": strings(lookup(folded_array(frame["decision"]), ctx.vocab.decisions)),
        **_budget(budget, rules.floats(frame["spent"])),
        **_lateness(ends, progress, ctx),
        **_calendar(ends, period.start),
        **_objective(frame["objective_id"], objectives),
        "flow": booleans(flow), "share": float64(share), "target_to_date": float64(to_date),
        **gap_columns(row, to_date, ctx, suffix="_to_date"),
        "budget_to_date": float64(budget * share),
    })


def _budget(budget: np.ndarray, spent: np.ndarray) -> Columns:
    # «Écart budget» (spent − budget), the share used, and overspending
    gap, consumed, over = rules.budget_use(budget, spent)
    return {"budget_gap": float64(gap), "consumed": float64(consumed),
            "overspent": booleans(over)}


def _lateness(ends: np.ndarray, progress: np.ndarray, ctx: Ctx) -> Columns:
    # «Retard»: past its end date, neither done nor cancelled; how many whole days past
    late = rules.late_flags(ends, progress, ctx.as_of, ctx.vocab)
    past = np.where(late, np.datetime64(ctx.as_of) - ends, np.timedelta64(0))
    return {"late": booleans(late),
            "late_status": strings(np.where(late, ctx.vocab.late, "")),
            "days_late": int64(past // np.timedelta64(1, "D"), ~late)}


def _calendar(ends: np.ndarray, start: dt.date) -> Columns:
    # the fiscal month (1–12) and quarter of the end date; empty outside the fiscal year
    months = ends.astype("datetime64[M]")
    index = (months - np.datetime64(start, "M")).astype(np.int64)
    outside = np.isnat(months) | (index < 0) | (index >= 12)
    index = np.where(outside, 0, index)
    return {"month": int64(index + 1, outside), "quarter": int64(index // 3 + 1, outside)}


def _objective(ids: pd.Series, objectives: pd.DataFrame) -> Columns:
    # the linked objective's text (its first row's), and whether the id names an objective
    named = objectives["id"].to_numpy(object)
    typed = ~pd.isna(named)
    texts: dict[str, object] = {}
    for key, text in zip(named[typed], objectives["objective"].to_numpy(object)[typed],
                         strict=True):
        texts.setdefault(key, text)
    keys = ids.to_numpy(object)
    empty = pd.isna(keys)
    known = np.array([not e and key in texts for key, e in zip(keys, empty, strict=True)],
                     dtype=bool)
    found = [texts[key] if k else pd.NA for key, k in zip(keys, known, strict=True)]
    return {"objective_known": booleans(known, empty),
            "objective": strings(np.array(found, dtype=object))}
