"""Actions grouped by category, lever, owner, channel, quarter, month and linked objective.

Each group frame starts with the grouping column and a display ``label``, then the same
measures (see :class:`~pacxl.ecarts.model.Analysis`). Groups come in the order of the
workbook's own lists (the *Listes* sheet, the team, the objectives), then values typed
outside the lists in alphabetical order, then the actions where the column is empty. The
groups of a frame add up to the whole plan: every action is in exactly one group.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..messages import message
from ..reader.frames import Workbook
from .context import Ctx
from .vocab import PROGRESS_KEYS, STATUS_KEYS

# dimension -> (column of the action grid, the workbook list that orders its values)
DIMENSIONS = {
    "category": ("category", "categories"), "lever": ("lever", "levers"),
    "owner": ("owner", "team"), "channel": ("channel", "channels"),
    "objective": ("objective_id", "objectives"),
}
_KEY = "group key"  # a column name that no measure uses
MEASURES = ["actions", "budget", "spent", "budget_gap", "consumed", "overspent", "late",
            *STATUS_KEYS, "unmeasured", *PROGRESS_KEYS]


def _order(values: pd.Series, listed: Iterable[str]) -> list[str]:
    """Group keys: the list's order, then other values alphabetically (NA not included)."""
    present = set(values.dropna())
    first = [v for v in dict.fromkeys(listed) if v in present]
    rest = sorted(present - set(first), key=lambda v: (v.casefold(), v))
    return first + rest


def _counts(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per action: the amounts and the 0/1 flags that groups add up."""
    status = actions["status_key"].fillna("")
    progress = actions["progress_key"].fillna("")
    data = {"actions": 1, "budget": actions["budget"].fillna(0.0),
            "spent": actions["spent"].fillna(0.0),
            "overspent": actions["overspent"].fillna(False).astype(int),
            "late": actions["late"].fillna(False).astype(int)}
    data |= {k: (status == k).astype(int) for k in STATUS_KEYS}
    data["unmeasured"] = (status == "").astype(int)
    data |= {k: (progress == k).astype(int) for k in PROGRESS_KEYS}
    return pd.DataFrame(data, index=actions.index)


def _grouped(counts: pd.DataFrame, keys: pd.Series, order: list[Any], key: str,
             labels: list[str], empty_label: str, key_dtype: str) -> pd.DataFrame:
    """The sums of ``counts`` per key, in ``order``, the actions without key last."""
    empty = keys.isna().to_numpy(bool)
    # grouped by a column (not an array, which pandas would first try, and fail, to look up
    # as a column label: formatting the whole array for the error message); NA keys left out
    sums = counts.assign(**{_KEY: keys.to_numpy(object)}).groupby(_KEY, sort=False).sum()
    frame = sums.reindex(list(order), fill_value=0).reset_index(drop=True)
    keys_out, labels_out = list(order), list(labels)
    if empty.any():
        frame.loc[len(frame)] = counts[empty].sum()
        keys_out.append(pd.NA)
        labels_out.append(empty_label)
    frame.insert(0, "label", pd.array(labels_out, dtype="string"))
    frame.insert(0, key, pd.array(keys_out, dtype=key_dtype))
    return _typed(frame, key, key_dtype)


def _typed(frame: pd.DataFrame, key: str, key_dtype: str) -> pd.DataFrame:
    budget, spent = frame["budget"].to_numpy(float), frame["spent"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(budget == 0, np.nan, spent / budget)
    money = {"budget": budget, "spent": spent, "budget_gap": spent - budget,
             "consumed": consumed}
    columns = {key: frame[key].astype(key_dtype), "label": frame["label"].astype("string")}
    for measure in MEASURES:
        if measure in money:  # NaN (a zero budget's use) becomes <NA>
            columns[measure] = pd.array(money[measure], dtype="Float64")
        else:
            columns[measure] = pd.array(frame[measure].to_numpy(), dtype="Int64")
    return pd.DataFrame(columns)


def group(actions: pd.DataFrame, counts: pd.DataFrame, column: str, order: Iterable[str],
          ctx: Ctx) -> pd.DataFrame:
    """The actions grouped by the text ``column``, one row per value, empty ones last."""
    values = actions[column].astype("string")
    keys = _order(values, order)
    return _grouped(counts, values, keys, column, keys,
                    message("analysis_group_empty", ctx.lang), "string")


def by_period(actions: pd.DataFrame, counts: pd.DataFrame, key: str, labels: list[str],
              ctx: Ctx) -> pd.DataFrame:
    """The actions grouped by fiscal month or quarter of their end date (``key``)."""
    numbers = list(range(1, len(labels) + 1))
    return _grouped(counts, actions[key], numbers, key, labels,
                    message("analysis_group_undated", ctx.lang), "Int64")


def aggregate(actions: pd.DataFrame, objectives: pd.DataFrame, kpis: pd.DataFrame,
              months: pd.DataFrame, workbook: Workbook, ctx: Ctx) -> dict[str, pd.DataFrame]:
    """Every grouping of the actions, plus the lead sources of *2 Lead generation*."""
    lists = dict(workbook.lists)
    lists["objectives"] = list(objectives["id"].dropna())
    counts = _counts(actions)
    by = {name: group(actions, counts, column, lists.get(list_key, []), ctx)
          for name, (column, list_key) in DIMENSIONS.items()}
    texts = objectives.dropna(subset=["id"]).drop_duplicates("id").set_index("id")
    linked = by["objective"]
    linked["objective"] = linked["objective_id"].map(texts["objective"]).astype("string")
    linked["status"] = linked["objective_id"].map(texts["status"]).astype("string")
    quarters = [ctx.vocab.quarter_label.format(q=q) for q in range(1, 5)]
    by["quarter"] = by_period(actions, counts, "quarter", quarters, ctx)
    by["month"] = by_period(actions, counts, "month", list(months["label"]), ctx)
    by["source"] = sources(kpis)
    return by


def sources(kpis: pd.DataFrame, section: str = "sources") -> pd.DataFrame:
    """One row per lead source (and the total): each metric's objective, result, status."""
    rows = kpis[kpis["section"] == section]
    frame = rows.drop_duplicates("line_key")[["line_key", "line"]].reset_index(drop=True)
    wide = rows.set_index(["line_key", "metric"])[["objective", "result", "status"]]
    wide = wide.unstack("metric").reindex(frame["line_key"])
    for metric in dict.fromkeys(rows["metric"]):
        for col in ("objective", "result", "status"):
            frame[f"{metric}_{col}"] = wide[(col, metric)].to_numpy()
            frame[f"{metric}_{col}"] = frame[f"{metric}_{col}"].astype(rows[col].dtype)
    return frame
