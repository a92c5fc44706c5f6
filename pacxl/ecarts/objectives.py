"""The SMART objectives of *Objectifs*: gap, gap %, status, and the same at the review date."""

from __future__ import annotations

import pandas as pd

from . import prorata
from .context import Ctx, series, table
from .measure import flows, measure, typed_row_facts
from .vocab import folded


def analyse_objectives(objectives: pd.DataFrame | None, ctx: Ctx) -> pd.DataFrame:
    """Every SMART objective as read, with its gaps and statuses (see :class:`Analysis`)."""
    frame = typed_row_facts(table(objectives, ctx.spec, "smart"), ctx)
    frame["qualitative"] = (folded(frame["type"]) == ctx.vocab.qualitative_type).astype(
        "boolean")
    frame = frame.join(measure(frame, frame["target"], ctx))
    period = ctx.period
    frame["flow"] = flows(frame, ctx) & ~frame["qualitative"]
    starts = series(frame, pd.Timestamp(period.start), "datetime64[s]")
    frame["share"] = prorata.shares(starts, frame["deadline"], period.as_of, period.elapsed)
    frame["target_to_date"] = prorata.to_date(frame["target"], frame["share"], frame["flow"])
    frame = frame.join(measure(frame, frame["target_to_date"], ctx, suffix="_to_date"))
    return frame


def link_actions(objectives: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Add the count, budget and spending of each objective's linked actions."""
    linked = actions.dropna(subset=["objective_id"]).groupby("objective_id", sort=False)
    counts = linked.size()
    budget, spent = linked["budget"].sum(), linked["spent"].sum()
    ids = objectives["id"]
    objectives["actions"] = ids.map(counts).fillna(0).astype("Int64")
    objectives["actions_budget"] = ids.map(budget).fillna(0).astype("Float64")
    objectives["actions_spent"] = ids.map(spent).fillna(0).astype("Float64")
    return objectives
