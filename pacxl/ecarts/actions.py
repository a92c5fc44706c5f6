"""The action grid of *Plan d’actions*: results, budget, lateness and the linked objective."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import prorata, rules
from .context import Ctx, table
from .measure import flows, measure, typed_row_facts
from .vocab import keys_of


def analyse_actions(actions: pd.DataFrame | None, objectives: pd.DataFrame,
                    ctx: Ctx) -> pd.DataFrame:
    """Every action as read, with gaps, statuses, budget and lateness (see :class:`Analysis`)."""
    frame = typed_row_facts(table(actions, ctx.spec, "actions"), ctx)
    frame = frame.join(measure(frame, frame["target"], ctx))
    frame["progress_key"] = keys_of(frame["progress"], ctx.vocab.progress)
    frame["decision_key"] = keys_of(frame["decision"], ctx.vocab.decisions)
    _budget(frame)
    _lateness(frame, ctx)
    _calendar(frame, ctx)
    _objective(frame, objectives)
    period = ctx.period
    frame["flow"] = flows(frame, ctx)
    frame["share"] = prorata.shares(frame["start"], frame["end"], period.as_of, period.elapsed)
    frame["target_to_date"] = prorata.to_date(frame["target"], frame["share"], frame["flow"])
    frame = frame.join(measure(frame, frame["target_to_date"], ctx, suffix="_to_date"))
    frame["budget_to_date"] = frame["budget"] * frame["share"]
    return frame


def _budget(frame: pd.DataFrame) -> None:
    # «Écart budget» (spent − budget), the share used, and overspending
    budget, spent = rules.floats(frame["budget"]), rules.floats(frame["spent"])
    frame["budget_gap"] = rules.gap(frame["budget"], frame["spent"])
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(budget == 0, np.nan, spent / budget)
    frame["consumed"] = pd.Series(consumed, index=frame.index, dtype="Float64").mask(
        np.isnan(consumed))
    over = ~rules.at_most(spent, budget) & ~np.isnan(spent) & ~np.isnan(budget)
    frame["overspent"] = pd.Series(over, index=frame.index, dtype="boolean")


def _lateness(frame: pd.DataFrame, ctx: Ctx) -> None:
    # «Retard»: past its end date, neither done nor cancelled; how many days past
    frame["late"] = rules.late(frame["end"], frame["progress"], ctx.as_of, ctx.vocab)
    frame["late_status"] = rules.late_words(frame["late"], ctx.vocab)
    days = (pd.Timestamp(ctx.as_of) - pd.to_datetime(frame["end"])).dt.days
    frame["days_late"] = days.astype("Int64").where(frame["late"].fillna(False), pd.NA)


def fiscal_month(dates: pd.Series, ctx: Ctx) -> pd.Series:
    """The month of the fiscal year (1–12) each date falls in; empty outside the year."""
    start = ctx.period.start
    stamps = pd.to_datetime(dates)
    index = (stamps.dt.year - start.year) * 12 + stamps.dt.month - start.month
    month = (index + 1).astype("Int64")
    return month.where((index >= 0) & (index < 12), pd.NA)


def _calendar(frame: pd.DataFrame, ctx: Ctx) -> None:
    # the fiscal month and quarter of the end date
    frame["month"] = fiscal_month(frame["end"], ctx)
    frame["quarter"] = ((frame["month"] - 1) // 3 + 1).astype("Int64")


def _objective(frame: pd.DataFrame, objectives: pd.DataFrame) -> None:
    # the linked objective's text, and whether the id names an objective at all
    known = objectives.dropna(subset=["id"]).drop_duplicates("id").set_index("id")
    ids = frame["objective_id"]
    frame["objective_known"] = ids.isin(known.index).astype("boolean").mask(ids.isna())
    frame["objective"] = ids.map(known["objective"]).astype("string")
