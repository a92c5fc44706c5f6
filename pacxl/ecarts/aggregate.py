"""Actions grouped by category, lever, owner, channel, quarter, month and linked objective.

Each group frame starts with the grouping column and a display ``label``, then the same
measures (see :class:`~pacxl.ecarts.model.Analysis`). Groups come in the order of the
workbook's own lists (the *Listes* sheet, the team, the objectives), then values typed
outside the lists in alphabetical order, then the actions where the column is empty. The
groups of a frame add up to the whole plan: every action is in exactly one group.

The sums are computed on numpy arrays, every grouping at once, rather than with a pandas
``groupby`` per grouping (whose fixed cost, paid for every plan, dwarfs the arithmetic);
they are added in the same order and the same way, so they are the very same floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

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
GROUPINGS = (*DIMENSIONS, "quarter", "month", "source")  # the keys of aggregate()'s dict
MEASURES = ["actions", "budget", "spent", "budget_gap", "consumed", "overspent", "late",
            *STATUS_KEYS, "unmeasured", *PROGRESS_KEYS]
AMOUNTS = ("budget", "spent")  # the measures that groups add up and are money (Float64)
COUNTED = [m for m in MEASURES if m not in (*AMOUNTS, "budget_gap", "consumed")]  # Int64


@dataclass(frozen=True)
class Groups:
    """One grouping of the actions: its groups and the group of each action."""

    column: str  # the grouping column of the frame
    keys: list[Any]  # the groups' keys, in order (the empty group not included)
    labels: list[str]  # their display labels
    empty_label: str  # the label of the last group, the actions without key
    dtype: str | ExtensionDtype  # the key column's dtype
    codes: np.ndarray  # each action's group: its position in keys, -1 for none
    empty: np.ndarray  # the actions without key (bool)
    # text columns after the measures: one text per key (<NA> for the empty group)
    texts: dict[str, list[Any]] = field(default_factory=dict)


def counts(actions: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per action, each measure that groups add up: the :data:`AMOUNTS` (an empty one as
    0) and the :data:`COUNTED` 0/1 flags. The arrays are the caller's to change."""
    status = actions["status_key"].to_numpy(object, na_value="")
    progress = actions["progress_key"].to_numpy(object, na_value="")
    data = {"actions": np.ones(len(actions), dtype=np.int64)}
    data |= {k: actions[k].to_numpy(float, na_value=0.0, copy=True) for k in AMOUNTS}
    data |= {k: actions[k].to_numpy(bool, na_value=False).astype(np.int64)
             for k in ("overspent", "late")}
    data |= {k: (status == k).astype(np.int64) for k in STATUS_KEYS}
    data["unmeasured"] = (status == "").astype(np.int64)
    data |= {k: (progress == k).astype(np.int64) for k in PROGRESS_KEYS}
    return data


def groups(keys: pd.Series, order: Sequence[Any], column: str, labels: Sequence[str],
           empty_label: str, dtype: str | ExtensionDtype) -> Groups:
    """The grouping of the actions by ``keys`` into the groups ``order`` (a key outside it
    is in no group), the actions without key in a last group."""
    values = keys.to_numpy(object)
    empty = pd.isna(values)
    position = {key: i for i, key in enumerate(order)}
    codes = np.array([position.get(v, -1) for v in values.tolist()], dtype=np.intp)
    codes[empty] = -1
    return Groups(column, list(order), list(labels), empty_label, dtype, codes, empty)


def grouped(measures: dict[str, np.ndarray], keys: pd.Series, order: Sequence[Any], key: str,
            labels: Sequence[str], empty_label: str,
            key_dtype: str | ExtensionDtype) -> pd.DataFrame:
    """The sums of ``measures`` (from :func:`counts`) per key, in ``order``, the actions
    without key last."""
    return frames(measures, [groups(keys, order, key, labels, empty_label, key_dtype)])[0]


def frames(measures: dict[str, np.ndarray], groupings: Sequence[Groups]) -> list[pd.DataFrame]:
    """The group frame of each grouping (the sums of all of them computed at once)."""
    if not groupings:
        return []
    offsets = np.cumsum([0] + [len(g.keys) for g in groupings]).tolist()
    codes = np.concatenate([np.where(g.codes < 0, -1, g.codes + offset)
                            for g, offset in zip(groupings, offsets, strict=False)])
    amounts = np.array([measures[m] for m in AMOUNTS], dtype=float)
    flags = np.array([measures[m] for m in COUNTED], dtype=float)
    money, tallies = kahan_sums(amounts, codes, offsets[-1]), tally(flags, codes, offsets[-1])
    out = []
    for g, start in zip(groupings, offsets, strict=False):
        part = [money[:, start:start + len(g.keys)], tallies[:, start:start + len(g.keys)]]
        if g.empty.any():  # the way pandas adds up a column: numpy's (pairwise) sum
            part = [np.column_stack([p, whole[:, g.empty].sum(axis=1)])
                    for p, whole in zip(part, (amounts, flags), strict=True)]
        out.append(_frame(g, *part))
    return out


def tally(flags: np.ndarray, codes: np.ndarray, size: int) -> np.ndarray:
    """The sums of the rows of ``flags`` (whole numbers, measures × actions) per code (0 to
    size - 1, an action coded -1 left out; ``codes`` may code the actions several times
    over, once per grouping): measures × size."""
    actions = np.arange(len(codes)) % flags.shape[1]
    kept = codes >= 0
    member = np.zeros((size, flags.shape[1]))
    member[codes[kept], actions[kept]] = 1.0
    return flags @ member.T  # whole numbers: exact in any order


def kahan_sums(values: np.ndarray, codes: np.ndarray, size: int) -> np.ndarray:
    """The sums of the rows of ``values`` (measures × actions) per code (0 to size - 1, an
    action coded -1 left out; ``codes`` may code the actions several times over, once per
    grouping), as pandas's groupby sum adds them: in order, with Kahan's compensation, so
    the very same floats. Each step adds the next value of every (measure, group) cell."""
    width, count = values.shape
    kept = np.flatnonzero(codes >= 0)
    cells = (codes[kept] * width + np.arange(width)[:, None]).ravel()
    order = np.argsort(cells, kind="stable")  # by cell, each in the actions' order
    cells, ordered = cells[order], values[:, kept % count].ravel()[order]
    sizes = np.bincount(cells, minlength=size * width)
    rank = np.arange(len(cells)) - (np.cumsum(sizes) - sizes)[cells]  # place in its cell
    slot = np.empty(len(sizes), dtype=np.intp)  # cells by decreasing size: at step r, the
    slot[np.argsort(-sizes, kind="stable")] = np.arange(len(sizes))  # ones left lead
    steps = np.zeros((sizes.max(initial=0), len(sizes)))
    steps[rank, slot[cells]] = ordered
    left = len(sizes) - np.cumsum(np.bincount(sizes, minlength=len(steps) + 1))
    total, compensation = np.zeros(len(sizes)), np.zeros(len(sizes))
    with np.errstate(invalid="ignore", over="ignore"):  # silent, as in pandas
        for step, n in zip(steps, left.tolist(), strict=False):
            s, c = total[:n], compensation[:n]
            y = step[:n] - c
            t = s + y
            np.subtract(t, s, out=c)
            c -= y  # c = (t - s) - y
            c[np.isnan(c)] = 0.0  # as pandas: an infinite value leaves no compensation
            s[:] = t
    return total[slot].reshape(size, width).T.copy()


def _frame(g: Groups, money: np.ndarray, tallies: np.ndarray) -> pd.DataFrame:
    """The group frame of a grouping from its groups' sums: :data:`AMOUNTS` × groups and
    :data:`COUNTED` × groups."""
    sums = dict(zip(COUNTED, tallies.astype(np.int64), strict=True))
    budget, spent = money
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(budget == 0, np.nan, spent / budget)
    floats = {"budget": budget, "spent": spent, "budget_gap": spent - budget,
              "consumed": consumed}
    empty = [pd.NA] if g.empty.any() else []
    columns = {g.column: pd.array(g.keys + empty, dtype=g.dtype),
               "label": pd.array(g.labels + [g.empty_label] * len(empty),
                                 dtype=pd.StringDtype())}
    for measure in MEASURES:
        if measure in floats:  # NaN (a zero budget's use) becomes <NA>
            values = floats[measure]
            columns[measure] = pd.arrays.FloatingArray(values, np.isnan(values))
        else:
            columns[measure] = pd.arrays.IntegerArray(sums[measure],
                                                      np.zeros(len(budget), dtype=bool))
    for name, texts in g.texts.items():
        columns[name] = pd.array(texts + empty, dtype=pd.StringDtype())
    return pd.DataFrame(columns, copy=False)


def _order(values: np.ndarray, listed: Iterable[str]) -> list[str]:
    """Group keys: the list's order, then other values alphabetically (NA not included)."""
    present = set(values[~pd.isna(values)].tolist())
    first = [v for v in dict.fromkeys(listed) if v in present]
    rest = sorted(present - set(first), key=lambda v: (v.casefold(), v))
    return first + rest


def _by_text(actions: pd.DataFrame, column: str, listed: Iterable[str], ctx: Ctx) -> Groups:
    """The actions grouped by the text ``column``, one group per value, empty ones last."""
    values = actions[column].astype(pd.StringDtype())  # (a dtype, quicker than its name)
    keys = _order(values.to_numpy(object), listed)
    return groups(values, keys, column, keys, message("analysis_group_empty", ctx.lang),
                  pd.StringDtype())


def _by_period(actions: pd.DataFrame, key: str, labels: list[str], ctx: Ctx) -> Groups:
    """The actions grouped by fiscal month or quarter of their end date (``key``)."""
    numbers = list(range(1, len(labels) + 1))
    return groups(actions[key], numbers, key, labels,
                  message("analysis_group_undated", ctx.lang), pd.Int64Dtype())


def aggregate(actions: pd.DataFrame, objectives: pd.DataFrame, kpis: pd.DataFrame,
              months: pd.DataFrame, workbook: Workbook, ctx: Ctx, *,
              names: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every grouping of the actions, plus the lead sources of *2 Lead generation*.

    Args:
        names: the groupings to compute (keys of :data:`GROUPINGS`), by default all; the
            result keeps the order of :data:`GROUPINGS`.

    Raises:
        ValueError: a name that is not a grouping.
    """
    wanted = _wanted(names)
    lists = dict(workbook.lists)
    lists["objectives"] = objectives["id"].dropna().tolist()
    plans = {name: _by_text(actions, column, lists.get(list_key, []), ctx)
             for name, (column, list_key) in DIMENSIONS.items() if name in wanted}
    if "quarter" in wanted:
        quarters = [ctx.vocab.quarter_label.format(q=q) for q in range(1, 5)]
        plans["quarter"] = _by_period(actions, "quarter", quarters, ctx)
    if "month" in wanted:
        plans["month"] = _by_period(actions, "month", months["label"].tolist(), ctx)
    if "objective" in plans:
        linked = plans["objective"]
        plans["objective"] = replace(linked, texts=_objective_texts(linked.keys, objectives))
    by = dict(zip(plans, frames(counts(actions), list(plans.values())), strict=True))
    if "source" in wanted:
        by["source"] = sources(kpis)
    return {name: by[name] for name in GROUPINGS if name in wanted}


def _wanted(names: Iterable[str] | None) -> set[str]:
    if names is None:
        return set(GROUPINGS)
    wanted = set(names)
    unknown = sorted(wanted - set(GROUPINGS))
    if unknown:
        raise ValueError(f"unknown groupings {unknown}: choose among {list(GROUPINGS)}")
    return wanted


def _objective_texts(ids: list[Any], objectives: pd.DataFrame) -> dict[str, list[Any]]:
    """The ``objective`` text and ``status`` of each objective id (its first row)."""
    texts: dict[Any, tuple[Any, Any]] = {}
    for key, text, status in zip(objectives["id"].tolist(), objectives["objective"].tolist(),
                                 objectives["status"].tolist(), strict=True):
        if key is not pd.NA:
            texts.setdefault(key, (text, status))
    found = [texts.get(key, (pd.NA, pd.NA)) for key in ids]
    return {"objective": [f[0] for f in found], "status": [f[1] for f in found]}


def sources(kpis: pd.DataFrame, section: str = "sources") -> pd.DataFrame:
    """One row per lead source (and the total): each metric's objective, result, status."""
    rows = np.flatnonzero(kpis["section"].to_numpy(object, na_value=None) == section)
    first: dict[Any, int] = {}  # line key -> its first row
    cells: dict[tuple[Any, Any], int] = {}  # (line key, metric) -> its row
    for key, metric, row in zip(kpis["line_key"].array.take(rows).tolist(),
                                kpis["metric"].array.take(rows).tolist(), rows.tolist(),
                                strict=True):
        first.setdefault(key, row)
        cells[key, metric] = row
    frame = {col: kpis[col].array.take(list(first.values())) for col in ("line_key", "line")}
    metrics = list(dict.fromkeys(m for _, m in cells))
    where = [cells.get((key, m), -1) for m in metrics for key in first]  # -1: no such cell
    values = {col: kpis[col].array.take(where, allow_fill=True)  # <NA> where -1
              for col in ("objective", "result", "status")}
    for i, metric in enumerate(metrics):
        for col, array in values.items():
            frame[f"{metric}_{col}"] = array[i * len(first):(i + 1) * len(first)]
    return pd.DataFrame(frame, copy=False)
