"""Keep / review / stop / start: suggestions for next year's plan (Plezi's workshop).

One suggestion at most per action, the user's own decision first:

- «Décision N+1» typed: *À poursuivre* → keep, *À arrêter* → stop, *À commencer* →
  start, *À ajuster* → review;
- otherwise, from the results at the review date (``status_to_date``, which is the final
  status once the action is over): an action *Atteint* → keep; an action *Non atteint*
  that cost at least the median action budget, or that overspent, → review (costly and
  ineffective);
- every objective without any action → start (an objective nobody works on).

Each suggestion carries a short reason from the message catalogue (``analysis_*``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from ..messages import message
from .context import Ctx, truthy

KINDS = ("keep", "review", "stop", "start")
DECIDED = {"keep": "keep", "stop": "stop", "start": "start", "adjust": "review"}
COLUMNS = ["kind", "subject", "row", "id", "title", "status", "status_to_date", "decision",
           "budget", "spent", "code", "reason"]


def number(value: Any, lang: str, percent: bool = False) -> str:
    """A number as the user writes it: «1 234,5» or «12,5 %» in French, «1,234.5» or
    «12.5%» in English; «—» for an empty value."""
    if value is None or pd.isna(value):
        return "—"
    scaled = float(value) * 100 if percent else float(value)
    text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    if percent:
        text += "\u202f%" if lang == "fr" else "%"
    return text


def _action_suggestion(decision: Any, status: Any, overspent: Any, budget: Any,
                       median: float) -> tuple[str, str] | None:
    """(kind, reason code) for one action, or None."""
    if decision in DECIDED:
        return DECIDED[decision], f"{DECIDED[decision]}_decision"
    if status == "met":
        return "keep", "keep_met"
    if status == "missed":
        if truthy(overspent):
            return "review", "review_overspent"
        if not pd.isna(budget) and budget > 0 and budget >= median:
            return "review", "review_costly"
    return None


def _median_budget(actions: pd.DataFrame) -> float:
    """The median of the positive action budgets (infinite when there is none)."""
    budgets = actions["budget"].to_numpy(dtype=float, na_value=np.nan)
    budgets = budgets[budgets > 0]
    return float(np.median(budgets)) if len(budgets) else float("inf")


def _rows(frame: pd.DataFrame, columns: tuple[str, ...],
          where: list[int]) -> list[dict[str, Any]]:
    """The rows at the positions ``where``, as dicts of plain values (``<NA>`` when empty)
    over the ``columns`` the frame has."""
    if not len(where):
        return []
    present = [c for c in columns if c in frame]
    values = [frame[c].to_numpy(dtype=object)[where] for c in present]
    return [dict(zip(present, row, strict=True)) for row in zip(*values, strict=True)]


def _reason(code: str, row: dict[str, Any], ctx: Ctx) -> str:
    """The sentence of a suggestion: a decision quotes the decision typed, the other
    reasons the figures (only those are written out: formatting numbers costs)."""
    lang = ctx.lang
    if code.endswith("_decision"):
        decision = row.get("decision")
        params = {"decision": "" if pd.isna(decision) else decision}
    else:
        rate = truthy(row.get("rate", False))
        params = {"result": number(row.get("result"), lang, rate),
                  "target": number(row.get("target_to_date"), lang, rate),
                  "budget": number(row.get("budget"), lang),
                  "spent": number(row.get("spent"), lang)}
    return message(f"analysis_{code}", lang, **params)


SHOWN = ("row", "id", "status", "status_to_date", "rate", "result", "target_to_date")
FACTS = ("decision_key", "status_to_date_key", "overspent", "budget")  # what decides


def suggestions(actions: pd.DataFrame, objectives: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The suggestions, keep first, then review, stop, start (see the module docstring)."""
    median = _median_budget(actions)
    facts = zip(*(actions[c].to_numpy(dtype=object) for c in FACTS), strict=True)
    found = {i: kind for i, fact in enumerate(facts)
             if (kind := _action_suggestion(*fact, median)) is not None}
    suggested = _rows(actions, (*SHOWN, "action", "decision", "budget", "spent"), list(found))
    records = [_record(kind, code, "action", row, row["action"], ctx)
               for (kind, code), row in zip(found.values(), suggested, strict=True)]
    idle = np.flatnonzero(objectives["actions"].to_numpy(dtype=object) == 0).tolist()
    records += [_record("start", "start_objective", "objective", row, row["objective"], ctx)
                for row in _rows(objectives, (*SHOWN, "objective"), idle)]
    return _frame(records)


def _record(kind: str, code: str, subject: str, row: dict[str, Any], title: Any,
            ctx: Ctx) -> tuple[Any, ...]:
    """One suggestion, a value per COLUMNS."""
    return (kind, subject, row["row"], row["id"], title, row["status"], row["status_to_date"],
            row.get("decision", pd.NA), row.get("budget", pd.NA), row.get("spent", pd.NA),
            f"analysis_{code}", _reason(code, row, ctx))


# dtypes resolved once: resolving "string" is a search of pandas' registry at every call
DTYPES = {c: pandas_dtype("string") for c in COLUMNS} | {
    "row": pandas_dtype("Int64"), "budget": pandas_dtype("Float64"),
    "spent": pandas_dtype("Float64")}


def _frame(records: list[tuple[Any, ...]]) -> pd.DataFrame:
    """The suggestions by kind, the actions before the objectives, by row (empty rows last)."""
    rank = {k: i for i, k in enumerate(KINDS)}
    kind, subject, row = (COLUMNS.index(c) for c in ("kind", "subject", "row"))
    records = sorted(records, key=lambda r: (rank[r[kind]], r[subject] != "action",
                                             r[row] is pd.NA, 0 if r[row] is pd.NA else r[row]))
    return pd.DataFrame({c: pd.array([r[i] for r in records], dtype=DTYPES[c])
                         for i, c in enumerate(COLUMNS)})
