"""The gap columns every analysed table shares, from the rules, for a frame at once."""

from __future__ import annotations

import pandas as pd

from . import rules
from .context import Ctx
from .vocab import folded


def measure(frame: pd.DataFrame, target: pd.Series, ctx: Ctx, suffix: str = "") -> pd.DataFrame:
    """gap, gap in points, gap % and status (word and key) of ``frame.result`` against
    ``target``; the columns are suffixed (``_to_date``) for another target than the year's.

    ``frame`` holds ``result``, ``direction_key`` and ``rate``; with ``type`` and
    ``qual_status`` (objectives) a qualitative row keeps its chosen status.
    """
    keys = rules.status_keys(target, frame["result"], frame["direction_key"], ctx.tolerance)
    words = rules.status_words(keys, ctx.vocab)
    if "type" in frame:
        keys, words = rules.qualitative(frame["type"], frame["qual_status"], keys, words,
                                        ctx.vocab)
    return pd.DataFrame({
        f"gap{suffix}": rules.gap(target, frame["result"]),
        f"gap_points{suffix}": rules.gap_points(target, frame["result"], frame["rate"]),
        f"gap_pct{suffix}": rules.gap_pct(target, frame["result"]),
        f"status{suffix}": words,
        f"status{suffix}_key": keys,
    }, index=frame.index)


def typed_row_facts(frame: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """Add direction_key and rate: how the formulas read a row's «Sens» and «Unité»."""
    frame["direction_key"] = rules.direction_keys(frame["direction"], ctx.vocab)
    frame["rate"] = (frame["unit"].astype("string").fillna("") == "%").astype("boolean")
    return frame


def flows(frame: pd.DataFrame, ctx: Ctx) -> pd.Series:
    """Rows whose target adds up over time: money or a count, not a *Baisse* ceiling."""
    unit = folded(frame["unit"]).isin(ctx.vocab.flow_units)
    return (unit & (frame["direction_key"] != "down")).astype("boolean")
