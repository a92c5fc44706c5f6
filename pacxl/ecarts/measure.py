"""The gap columns every analysed table shares, from the rules, for a frame at once.

A table is measured twice, against the year's target and the target to date: what the rules
read of its rows (:class:`Facts`) is converted once, then :func:`gap_columns` gives the typed
columns against either target.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import rules
from .arrays import booleans, float64, strings
from .context import Ctx
from .vocab import folded_array, texts


@dataclass(frozen=True)
class Facts:
    """What the gap rules read of each row, besides the target."""

    result: np.ndarray  # float, NaN where empty
    way: np.ndarray  # "up", "down" or "none"
    rate: np.ndarray  # bool: a rate, whose gap is also given in points
    chosen: rules.Chosen | None  # qualitative objectives keep their chosen status


def facts(frame: pd.DataFrame, ctx: Ctx) -> Facts:
    """The facts of a frame holding ``result``, ``direction_key`` and ``rate``, and for
    objectives ``type`` and ``qual_status``."""
    chosen = (rules.chosen_statuses(frame["type"], frame["qual_status"], ctx.vocab)
              if "type" in frame else None)
    return Facts(rules.floats(frame["result"]), rules.ways(frame["direction_key"]),
                 frame["rate"].to_numpy(dtype=bool, na_value=False), chosen)


def typed_facts(frame: pd.DataFrame, ctx: Ctx, qualitative: bool = False) -> Facts:
    """The facts of a table as read: how the formulas read its «Sens» and «Unité» (and, with
    ``qualitative``, its «Type» and chosen status)."""
    chosen = (rules.chosen_statuses(frame["type"], frame["qual_status"], ctx.vocab)
              if qualitative else None)
    return Facts(rules.floats(frame["result"]),
                 rules.way_keys(folded_array(frame["direction"]), ctx.vocab),
                 texts(frame["unit"]) == "%", chosen)


def fact_columns(row: Facts) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The columns ``direction_key`` and ``rate`` of a table's facts."""
    return {"direction_key": strings(row.way), "rate": booleans(row.rate)}


def gap_columns(row: Facts, target: np.ndarray, ctx: Ctx,
                suffix: str = "") -> dict[str, pd.api.extensions.ExtensionArray]:
    """gap, gap in points, gap % and status (word and key) of the rows against ``target``
    (floats, NaN where empty); the names are suffixed (``_to_date``) for another target than
    the year's."""
    found = rules.gaps(target, row.result, row.way, row.rate, ctx.tolerance)
    keys, words = rules.KEYS.take(found.codes), rules.word_table(ctx.vocab).take(found.codes)
    if row.chosen is not None:
        keys = np.where(row.chosen.rows, row.chosen.keys, keys)
        words = np.where(row.chosen.rows, row.chosen.words, words)
    return {
        f"gap{suffix}": float64(found.gap),
        f"gap_points{suffix}": float64(found.points),
        f"gap_pct{suffix}": float64(found.pct),
        f"status{suffix}": strings(words),
        f"status{suffix}_key": strings(keys),
    }


def measure(frame: pd.DataFrame, target: pd.Series, ctx: Ctx, suffix: str = "") -> pd.DataFrame:
    """gap, gap in points, gap % and status (word and key) of ``frame.result`` against
    ``target``; the columns are suffixed (``_to_date``) for another target than the year's.

    ``frame`` holds ``result``, ``direction_key`` and ``rate``; with ``type`` and
    ``qual_status`` (objectives) a qualitative row keeps its chosen status.
    """
    columns = gap_columns(facts(frame, ctx), rules.floats(target), ctx, suffix)
    return pd.DataFrame(columns, index=frame.index, copy=False)


def flow_rows(frame: pd.DataFrame, row: Facts, ctx: Ctx) -> np.ndarray:
    """Rows whose target adds up over time: money or a count, not a *Baisse* ceiling."""
    units = ctx.vocab.flow_units
    unit = np.array([u in units for u in folded_array(frame["unit"])], dtype=bool)
    return unit & (row.way != "down")
